/**
 * One scenario run as a newcomer reads it: what ran (scenario, mode, options, run id) and for how long,
 * a Stop button while it goes, the outcome banner (the article vs here), and the live timeline of its
 * units — beside the wait-for graph for the deadlock; for the gil, its two legs as lanes with the core
 * grid between them, above the timeline. Once ended, the whole view saves as a slide-ready PNG.
 */
import { useCanControl } from '../../hooks/use-access.js';
import { useRef, useState, type ReactNode } from 'react';
import { SaveButtons } from '../compare/SaveButtons.js';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import type { ResolvedScenarioSpec } from '../../../../contract/run-events.js';
import { formatSeconds } from '../../state/scenario-timeline.js';
import type { ScenarioRun } from '../../state/scenario-runs.js';
import { spanOf } from '../../state/scenario-timeline.js';
import type { LiveStore } from '../../state/live-store.js';
import { GilStage } from './GilStage.js';
import { OutcomeBanner } from './OutcomeBanner.js';
import { Timeline } from './Timeline.js';
import { WaitForGraph } from './WaitForGraph.js';

/** "limit 3 · jobs 7 · 2 s each": the options that matter for this scenario. */
function optionWords(spec: ResolvedScenarioSpec): string {
  const o = spec.options;
  switch (spec.name) {
    case 'semaphore':
      return `${o.limit} permits · ${o.jobs} jobs · ${formatSeconds(o.jobSeconds * 1000)} each`;
    case 'deadlock':
      return o.variant === 'self' ? 'one lock taken twice' : 'two locks, opposite order';
    case 'gather':
      return `${o.tasks.toLocaleString('en-US')} tasks · ${formatSeconds(o.sleepS * 1000)} each · ${o.workload}`;
    case 'event-loop-block':
      return `${o.tasks.toLocaleString('en-US')} io tasks per leg`;
    default:
      return '';
  }
}

interface Props {
  run: ScenarioRun;
  title: string;
  api: CoreScopeApi;
  engineNow: number;
  store: LiveStore;
  paused: boolean;
  /** the core grid: the gil scenario draws it between its two lanes (others: the caller, below) */
  cores: ReactNode;
  /** the machine line the saved report prints under its title */
  machine: string;
}

/** Where Run was pressed: back to that card and its Run button (shown only when the cards stack above). */
function backToCard(name: string): void {
  const card = document.querySelector<HTMLElement>(`.scenario-card[data-scenario="${name}"]`);
  card?.scrollIntoView({ block: 'start' });
  card?.querySelector<HTMLElement>('button[type="submit"]')?.focus({ preventScroll: true });
}

/** The scenarios that draw the core grid themselves (between their lanes). */
export const drawsCores = (name: string): boolean => name === 'gil';

export function ScenarioRunView({ run, title, api, engineNow, store, paused, cores, machine }: Props) {
  const [stopping, setStopping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canControl = useCanControl();
  const viewRef = useRef<HTMLDivElement>(null);
  const live = run.endedAt === null;
  const spanMs = spanOf(run, engineNow);

  const stop = async () => {
    setStopping(run.runId);
    setError(null);
    try {
      await api.stopRun(run.runId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStopping(null);
    }
  };

  const words = optionWords(run.spec);
  return (
    <div ref={viewRef} className="scenario-run" data-run-id={run.runId} data-scenario={run.spec.name}>
      <div className="scenario-run-head">
        <h2 className="scenario-run-title" tabIndex={-1}>
          {title} <span className="scenario-run-meta">{[run.spec.runtime === 'python' ? `python ${run.spec.mode}` : run.spec.mode, words, run.runId].filter(Boolean).join(' · ')}</span>
        </h2>
        <span className={live ? 'scenario-status status-live' : 'scenario-status status-ended'} role="status">
          {live ? (stopping === run.runId ? 'stopping…' : `running · ${formatSeconds(Math.floor(spanMs / 100) * 100)}`) : `ended after ${formatSeconds(run.result?.wallMs ?? spanMs)}`}
        </span>
        {live && canControl && (
          <button type="button" className="btn btn-stop" data-png-skip aria-label={`Stop scenario run ${run.runId}`} disabled={stopping === run.runId} onClick={stop}>
            Stop
          </button>
        )}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
        {!live && (
          <SaveButtons
            api={api}
            name={`scenario-${run.spec.name}`}
            json={run.result ? () => `${JSON.stringify(run.result, null, 2)}\n` : undefined}
            png={() => viewRef.current}
            report={{ title: `CoreScope scenario · ${title} · ${[run.spec.runtime === 'python' ? `python ${run.spec.mode}` : run.spec.mode, words].filter(Boolean).join(' · ')}`, machine }}
          />
        )}
        <button type="button" className="btn btn-small back-to-card" data-png-skip onClick={() => backToCard(run.spec.name)}>
          ↑ Back to the card
        </button>
      </div>
      <OutcomeBanner run={run} />
      {drawsCores(run.spec.name) && <GilStage run={run} store={store} paused={paused} cores={cores} engineNow={engineNow} />}
      <div className={run.spec.name === 'deadlock' ? 'scenario-views scenario-views-graph' : 'scenario-views'}>
        <section className="panel timeline-panel" aria-labelledby="timeline-title">
          <div className="panel-head">
            <h2>
              <span id="timeline-title">Timeline</span> <span className="panel-sub">one lane per unit, coloured by its state</span>
            </h2>
          </div>
          <Timeline run={run} engineNow={engineNow} />
        </section>
        {run.spec.name === 'deadlock' && <WaitForGraph run={run} />}
      </div>
    </div>
  );
}
