/**
 * The dashboard: wires the bridge's streams into the store (collect) and lays out the views that draw
 * from it (draw), each at its own rate. Pausing freezes the charts, never the sampling or the runs.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SystemInfo, WorkloadInfo } from '../../preload/api.js';
import type { Bridge } from './bridge/pick-bridge.js';
import { LiveStore } from './state/live-store.js';
import { DEFAULT_VIEW, type ViewWindow } from './state/view-window.js';
import { ConnectionBanner } from './views/ConnectionBanner.js';
import { CoreSection } from './views/CoreSection.js';
import { Header } from './views/Header.js';
import { Launcher } from './views/Launcher.js';
import { RunLanes } from './views/RunLanes.js';
import { SelfCost } from './views/SelfCost.js';
import { TotalsCharts } from './views/TotalsCharts.js';
import { UnitsTable } from './views/UnitsTable.js';

export function App({ bridge }: { bridge: Bridge }) {
  const { api, connection } = bridge;
  const [store] = useState(() => new LiveStore());
  const [system, setSystem] = useState<SystemInfo | null>(null);
  const [workloads, setWorkloads] = useState<WorkloadInfo[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const [view, setView] = useState<ViewWindow>(DEFAULT_VIEW);
  const link = useSyncExternalStore(connection.subscribe, connection.get);

  useEffect(() => {
    const offSnapshot = api.onSnapshot((s) => store.ingestSnapshot(s));
    const offEvent = api.onRunEvent((e) => store.ingestRunEvent(e));
    return () => {
      offSnapshot();
      offEvent();
    };
  }, [api, store]);

  useEffect(() => {
    let live = true;
    Promise.all([api.system(), api.workloads()])
      .then(([sys, wl]) => {
        if (!live) return;
        setSystem(sys);
        setWorkloads(wl);
      })
      .catch((e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <div className="app">
      <Header system={system} api={api} transport={bridge.transport} connection={link} paused={paused} onPause={setPaused} corner={<SelfCost store={store} />} />
      <ConnectionBanner state={link} loadError={loadError} />
      <main className="layout">
        <div className="top-row">
          <Launcher api={api} store={store} workloads={workloads} limits={system?.limits ?? null} />
          <CoreSection store={store} paused={paused} view={view} onView={setView} logicalCores={system?.logicalCores ?? null} />
        </div>
        <RunLanes store={store} api={api} connected={link.status !== 'closed'} />
        <TotalsCharts store={store} paused={paused} view={view} totalMemoryBytes={system?.totalMemoryBytes ?? null} />
        <UnitsTable store={store} />
      </main>
    </div>
  );
}
