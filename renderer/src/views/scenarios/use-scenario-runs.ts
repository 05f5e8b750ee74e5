/**
 * The scenario runs as the Scenarios view draws them: while a run goes, on the store's frame clock at
 * most 10 times a second (the timeline's live edge moves between events too); otherwise as events
 * arrive (rare once every run has ended).
 */
import { useEffect, useState } from 'react';
import { frameClockOf } from '../../hooks/frame-clock.js';
import type { LiveStore } from '../../state/live-store.js';
import { isRunning, type ScenarioRunsState } from '../../state/scenario-runs.js';
import type { ScenarioStore } from '../../state/scenario-store.js';

/** The timeline's redraw gap: ≤ 10 Hz (its bars move with every state change; the core grid's buckets need only 5 Hz). */
const TIMELINE_GAP_MS = 100;

export interface ScenarioFrame {
  state: ScenarioRunsState;
  /** page clock when taken */
  at: number;
}

export function useScenarioRuns(scenarios: ScenarioStore, store: LiveStore): ScenarioFrame {
  const [frame, setFrame] = useState<ScenarioFrame>(() => ({ state: scenarios.get(), at: Date.now() }));
  const active = frame.state.runs.some(isRunning);
  useEffect(() => {
    const take = () => setFrame({ state: scenarios.get(), at: Date.now() });
    if (!active) {
      // catch up once on switching (frame.state is not a dependency: that would resubscribe every frame)
      if (scenarios.get() !== frame.state) take();
      return scenarios.subscribe(take);
    }
    return frameClockOf(store).subscribe(TIMELINE_GAP_MS, true, take);
  }, [scenarios, store, active]);
  return frame;
}
