/**
 * The deadlock scenario's wait-for graph in SVG: units and locks, an arrow from a unit to the lock it
 * waits for and from a lock to the unit holding it, the cycle's arrows in the alarm colour. It shows
 * the latest graph while the units go, and once the watchdog has seen a cycle, that cycle (the units
 * are stopped afterwards, and their locks let go), with when it was detected.
 */
import type { DeadlockOutcome } from '../../../../contract/host-protocol.js';
import type { ScenarioRun } from '../../state/scenario-runs.js';
import { formatSeconds } from '../../state/scenario-timeline.js';
import { layoutWaitFor } from '../../state/wait-for-layout.js';

export function WaitForGraph({ run }: { run: ScenarioRun }) {
  const graph = run.cycleGraph ?? run.waitFor;
  const outcome = run.result?.scenario === 'deadlock' ? (run.result.outcome as DeadlockOutcome | null) : null;
  const layout = graph && graph.units.length ? layoutWaitFor(graph) : null;
  const cycle = graph?.cycle ?? null;

  let caption: string;
  if (outcome?.deadlocked)
    caption = `Deadlock detected${outcome.detectedMs === null ? '' : ` at ${formatSeconds(outcome.detectedMs)}`}: ${outcome.cycle.join('; ')}. Nobody can go on; the watchdog stopped the units.`;
  else if (cycle) caption = `A cycle: ${cycle.join(' → ')} → ${cycle[0]}. Each waits for a lock the next one holds…`;
  else if (outcome && !outcome.deadlocked) caption = 'No deadlock: the units finished.';
  else if (layout) caption = 'No cycle yet: every lock that is waited for can still be released.';
  else caption = 'No unit holds or waits for a lock yet.';

  return (
    <section className="panel waitfor-panel" aria-labelledby="waitfor-title">
      <div className="panel-head">
        <h2>
          <span id="waitfor-title">Wait-for graph</span> <span className="panel-sub">{run.cycleGraph ? 'as the deadlock was detected' : 'now'}</span>
        </h2>
      </div>
      {layout ? (
        <svg
          className="waitfor-svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={`Wait-for graph: ${caption}`}
          data-cycle={cycle ? cycle.join(',') : undefined}
        >
          <defs>
            <marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="wf-head" />
            </marker>
            <marker id="wf-arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="wf-head-cycle" />
            </marker>
          </defs>
          {layout.edges.map((e) => (
            <g key={`${e.from}>${e.to}`} className={e.inCycle ? 'wf-edge wf-cycle' : 'wf-edge'} data-kind={e.kind} data-in-cycle={e.inCycle ? 'true' : 'false'}>
              <path d={e.d} markerEnd={e.inCycle ? 'url(#wf-arrow-cycle)' : 'url(#wf-arrow)'} />
              <text x={e.labelX} y={e.labelY} textAnchor="middle" dominantBaseline="central">
                {e.kind === 'waits' ? 'waits for' : 'held by'}
              </text>
            </g>
          ))}
          {layout.nodes.map((nd) => (
            <g key={nd.id} className={`wf-node wf-${nd.kind}${nd.inCycle ? ' wf-node-cycle' : ''}`} data-node={nd.id}>
              <rect x={nd.x - nd.hw} y={nd.y - nd.hh} width={nd.hw * 2} height={nd.hh * 2} rx={nd.kind === 'unit' ? 9 : 3} />
              <text x={nd.x} y={nd.y} textAnchor="middle" dominantBaseline="central">
                {nd.label}
              </text>
            </g>
          ))}
        </svg>
      ) : null}
      <p className={cycle || outcome?.deadlocked ? 'waitfor-caption waitfor-caption-cycle' : 'waitfor-caption'}>{caption}</p>
      <p className="waitfor-key">
        <span className="wf-key-unit">unit</span> <span className="wf-key-lock">lock</span> unit → lock: waits for · lock → unit: held by ·{' '}
        <span className="wf-key-cycle">red: the cycle</span>
      </p>
    </section>
  );
}
