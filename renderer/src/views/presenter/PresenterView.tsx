/**
 * Presenter mode (?present, or View → Presenter in the app): one scenario at a time for a room — its
 * title and the card's "watch this" words as narration, the outcome banner and the core grid as the
 * hero, in large type and high contrast. The keyboard (or a clicker) moves and runs: → / ← , Enter,
 * Escape leaves. A view-only link presents too; it just can't run.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScenarioInfo, SystemInfo } from '../../../../contract/catalog.js';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import { useCanControl, VIEW_ONLY_WORDS } from '../../hooks/use-access.js';
import type { LiveStore } from '../../state/live-store.js';
import { actionOfKey, leavePresenter, stageSpec, stepIndex } from '../../state/presenter.js';
import { isRunning, latestRunOf } from '../../state/scenario-runs.js';
import type { ScenarioStore } from '../../state/scenario-store.js';
import { DEFAULT_VIEW, type ViewWindow } from '../../state/view-span.js';
import { CoreSection } from '../live/CoreSection.js';
import { OutcomeBanner } from '../scenarios/OutcomeBanner.js';
import { useScenarioRuns } from '../scenarios/use-scenario-runs.js';
import './presenter.css';

interface Props {
  api: CoreScopeApi;
  store: LiveStore;
  scenarios: ScenarioStore;
  system: SystemInfo | null;
}

export function PresenterView({ api, store, scenarios, system }: Props) {
  const [infos, setInfos] = useState<ScenarioInfo[] | null>(null);
  const [index, setIndex] = useState(0);
  const [refused, setRefused] = useState<string | null>(null);
  const [view, setView] = useState<ViewWindow>({ ...DEFAULT_VIEW, spanMs: 30_000 });
  const canControl = useCanControl();
  const frame = useScenarioRuns(scenarios, store);
  const info = infos?.[index] ?? null;
  const run = info ? latestRunOf(frame.state, info.name) : null;
  const running = run !== null && isRunning(run);
  const spec = info ? stageSpec(info, Boolean(system?.python)) : null;

  useEffect(() => {
    let live = true;
    api
      .scenarios()
      .then((list) => live && setInfos(list))
      .catch((e: unknown) => live && setRefused(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api]);

  const start = useCallback(() => {
    if (!spec || running || !canControl) return;
    setRefused(null);
    api.runScenario(spec).catch((e: unknown) => setRefused(e instanceof Error ? e.message : String(e)));
  }, [api, spec, running, canControl]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.target instanceof HTMLElement && e.target.closest('input, select, textarea'))) return;
      const action = actionOfKey(e.key);
      if (!action) return;
      e.preventDefault();
      if (action === 'run') start();
      else if (action === 'leave') window.location.assign(leavePresenter(window.location.href));
      else {
        setRefused(null);
        setIndex((i) => stepIndex(i, action, infos?.length ?? 0));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start, infos]);

  const logicalCores = system?.logicalCores ?? null;
  // the grid draws on its own clock: the banner's re-renders must not re-render it
  const cores = useMemo(() => <CoreSection store={store} paused={false} view={view} onView={setView} logicalCores={logicalCores} />, [store, view, logicalCores]);

  if (!info) return <main className="presenter presenter-loading">{refused ?? 'Loading the scenarios…'}</main>;
  return (
    <main className="presenter" data-scenario={info.name} aria-label="presenter">
      <header className="presenter-head">
        <span className="presenter-count">
          {index + 1} / {infos?.length}
        </span>
        <h1 className="presenter-title">{info.title}</h1>
        <p className="presenter-summary">{info.summary}</p>
      </header>
      <p className="presenter-narration">
        <span className="presenter-watch">Watch this</span> {info.watch}
      </p>
      {run ? (
        <OutcomeBanner run={run} />
      ) : (
        <section className="outcome outcome-running presenter-ready" aria-label="outcome">
          <span className="outcome-verdict">{!spec ? 'Needs Python, which this machine lacks' : canControl ? 'Press Enter to run it' : `Waiting for the presenter to run it (${VIEW_ONLY_WORDS})`}</span>
          <p className="outcome-expected">The article: {info.article}</p>
        </section>
      )}
      {refused && (
        <p className="presenter-refused" role="alert">
          {refused}
        </p>
      )}
      <div className="presenter-cores">{cores}</div>
      <footer className="presenter-keys" aria-label="keys">
        <kbd>←</kbd> previous · <kbd>→</kbd> next · {canControl && <><kbd>Enter</kbd> run · </>}
        <kbd>Esc</kbd> leave
      </footer>
    </main>
  );
}
