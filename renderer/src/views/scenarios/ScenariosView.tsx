/**
 * The Scenarios tab: the article's demonstrations as cards on the left (what to watch, what the article
 * says, mode and flags, Run), and on the right the chosen scenario's latest run — the outcome banner,
 * the live timeline of its units (and the wait-for graph for the deadlock) — directly above the core
 * grid, so what the units do and what the cores do read together.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScenarioInfo, SystemInfo } from '../../../../contract/catalog.js';
import type { ScenarioName } from '../../../../contract/domain.js';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import type { LiveStore } from '../../state/live-store.js';
import { isRunning, latestRunOf } from '../../state/scenario-runs.js';
import type { ScenarioStore } from '../../state/scenario-store.js';
import { DEFAULT_VIEW, type ViewWindow } from '../../state/view-span.js';
import { CoreSection } from '../live/CoreSection.js';
import { ScenarioCard } from './ScenarioCard.js';
import { machineLine } from '../../state/report.js';
import { ScenarioRunView, drawsCores } from './ScenarioRunView.js';
import { useScenarioRuns } from './use-scenario-runs.js';

interface Props {
  api: CoreScopeApi;
  store: LiveStore;
  scenarios: ScenarioStore;
  system: SystemInfo | null;
  paused: boolean;
  /** false while the link to the engine is down: Run and Stop wait for it */
  connected: boolean;
}

export function ScenariosView({ api, store, scenarios, system, paused, connected }: Props) {
  const [infos, setInfos] = useState<ScenarioInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const frame = useScenarioRuns(scenarios, store);
  const newest = frame.state.runs[frame.state.runs.length - 1];
  const [chosen, setChosen] = useState<ScenarioName | null>(null);
  const selected: ScenarioName | null = chosen ?? newest?.spec.name ?? infos?.[0]?.name ?? null;
  const [view, setView] = useState<ViewWindow>({ ...DEFAULT_VIEW, spanMs: 30_000 });

  useEffect(() => {
    let live = true;
    api
      .scenarios()
      .then((list) => live && setInfos(list))
      .catch((e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api]);

  const onSelect = useCallback((name: ScenarioName) => setChosen(name), []);
  // Run takes the eye to the results: once the started run shows, its stage scrolls into view and its
  // heading takes focus (below the cards on a narrow window, ~2,000 px down; beside them, a no-op)
  const [started, setStarted] = useState<string | null>(null);
  const onStarted = useCallback((name: ScenarioName, runId: string) => {
    setChosen(name);
    setStarted(runId);
  }, []);
  const stage = useRef<HTMLDivElement>(null);

  const run = selected ? latestRunOf(frame.state, selected) : null;
  useEffect(() => {
    if (!started || run?.runId !== started) return;
    setStarted(null);
    stage.current?.scrollIntoView?.({ block: 'start' });
    stage.current?.querySelector<HTMLElement>('.scenario-run-title')?.focus({ preventScroll: true });
  }, [started, run?.runId]);
  // the grid draws on its own clock: the timeline's re-renders of this view must not re-render it
  const logicalCores = system?.logicalCores ?? null;
  const cores = useMemo(
    () => <CoreSection store={store} paused={paused} view={view} onView={setView} logicalCores={logicalCores} />,
    [store, paused, view, logicalCores],
  );
  const info = infos?.find((i) => i.name === selected);

  return (
    <div className="scenarios-layout">
      <aside className="scenario-list" aria-label="scenarios">
        <h2 className="scenario-list-title">The article’s scenarios</h2>
        {loadError && <p className="field-error">Could not load the scenarios: {loadError}</p>}
        {!infos && !loadError && <div className="empty">Loading the scenarios…</div>}
        {infos?.map((i) => {
          const latest = latestRunOf(frame.state, i.name);
          return (
            <ScenarioCard
              key={i.name}
              info={i}
              api={api}
              selected={i.name === selected}
              hasPython={Boolean(system?.python)}
              running={latest !== null && isRunning(latest)}
              connected={connected}
              onSelect={onSelect}
              onStarted={onStarted}
            />
          );
        })}
      </aside>
      <div className="scenario-stage" ref={stage}>
        {run ? (
          <ScenarioRunView
            key={run.runId}
            run={run}
            title={info?.title ?? run.spec.name}
            api={api}
            engineNow={store.engineNow(frame.at)}
            store={store}
            paused={paused}
            cores={cores}
            machine={machineLine(system)}
          />
        ) : (
          <section className="panel scenario-idle">
            <h2 className="scenario-run-title">{info?.title ?? 'Scenarios'}</h2>
            <p>
              {info ? `${info.summary} ` : ''}Press <b>Run</b> on a card: its units show here as lanes on a timeline, coloured by what each is doing
              (running, waiting for a lock, a semaphore or io, done), above the cores they run on.
            </p>
          </section>
        )}
        {!(run && drawsCores(run.spec.name)) && cores}
      </div>
    </div>
  );
}
