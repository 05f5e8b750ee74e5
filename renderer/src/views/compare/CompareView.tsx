/**
 * The Compare tab: processes vs threads vs async tasks, side by side. A compare (speedup, efficiency,
 * times, spawn latency, every leg's heat timeline) and a memory-cost study (bytes per unit, fitted over
 * N). Their legs are ordinary runs, one after another, so the core grid here shows each one live.
 */
import { useState, useSyncExternalStore } from 'react';
import type { SystemInfo } from '../../../../contract/catalog.js';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import type { LiveStore } from '../../state/live-store.js';
import { studyStoreOf } from '../../state/studies.js';
import { DEFAULT_VIEW, type ViewWindow } from '../../state/view-span.js';
import { CoreSection } from '../live/CoreSection.js';
import { CompareStudy } from './CompareStudy.js';
import { MemoryStudy } from './MemoryStudy.js';

interface Props {
  api: CoreScopeApi;
  store: LiveStore;
  system: SystemInfo | null;
}

export function CompareView({ api, store, system }: Props) {
  const studies = studyStoreOf(api);
  const state = useSyncExternalStore(studies.subscribe, studies.get);
  const [view, setView] = useState<ViewWindow>(DEFAULT_VIEW);
  return (
    <div className="compare-view">
      <div className="compare-top">
        <CompareStudy api={api} system={system} study={state.compare} otherRunning={state.memory.running} />
        <CoreSection store={store} paused={false} view={view} onView={setView} logicalCores={system?.logicalCores ?? null} />
      </div>
      <MemoryStudy api={api} study={state.memory} otherRunning={state.compare.running} measures={system?.readers.memoryMeasures ?? null} python={Boolean(system?.python)} />
    </div>
  );
}
