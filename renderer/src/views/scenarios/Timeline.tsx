/**
 * A scenario run's live timeline: its units' lanes in the order that reads best, the semaphore's
 * waves and the deadlock's moment, drawn by the shared TimelineChart.
 */
import { useMemo } from 'react';
import { FINAL_STATES, type UnitState } from '../../../../contract/domain.js';
import type { ScenarioRun } from '../../state/scenario-runs.js';
import { LEGEND, deadlockMark, lanesOf, lostTimeOf, spanOf, wavesOf } from '../../state/scenario-timeline.js';
import { TimelineChart } from '../TimelineChart.js';

const FINALS: ReadonlySet<UnitState> = new Set(FINAL_STATES);

interface Props {
  run: ScenarioRun;
  /** the engine's clock now (the run's live edge) */
  engineNow: number;
}

export function Timeline({ run, engineNow }: Props) {
  const spanMs = spanOf(run, engineNow);
  const live = run.endedAt === null;
  const untilMs = live ? spanMs : (run.result?.wallMs ?? spanMs);
  const lanes = useMemo(() => lanesOf(run, untilMs), [run, untilMs]);
  const waves = useMemo(() => wavesOf(run), [run]);
  return (
    <TimelineChart
      runId={run.runId}
      lanes={lanes}
      spanMs={spanMs}
      live={live}
      finals={FINALS}
      legend={LEGEND}
      what="unit"
      axisWords="time: seconds since the run started"
      waves={waves}
      mark={deadlockMark(run)}
      lost={lostTimeOf(run)}
    />
  );
}
