/**
 * The dashboard: wires the bridge's streams into the store (collect) and lays out the views that draw
 * from it (draw), each at its own rate. Pausing freezes the charts, never the sampling or the runs.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SystemInfo, WorkloadInfo } from '../../contract/catalog.js';
import type { Access } from '../../contract/methods.js';
import type { Bridge } from './bridge/pick-bridge.js';
import { LiveStore } from './state/live-store.js';
import { DEFAULT_VIEW, type ViewWindow } from './state/view-span.js';
import { useLink } from './hooks/use-link.js';
import { ConnectionBanner } from './views/ConnectionBanner.js';
import { CoreSection } from './views/live/CoreSection.js';
import { Header } from './views/Header.js';
import { Launcher } from './views/live/Launcher.js';
import { RunLanes } from './views/live/RunLanes.js';
import { SelfCost } from './views/live/SelfCost.js';
import { TotalsCharts } from './views/live/TotalsCharts.js';
import { UnitsTable } from './views/live/UnitsTable.js';
import { WatchPanel } from './views/live/WatchPanel.js';
import { WatchTimelines } from './views/live/WatchTimelines.js';
import { WatchStore } from './state/watch-store.js';
import { ScenarioStore } from './state/scenario-store.js';
import { hashOfTab, tabOfHash, type Tab } from './state/tabs.js';
import { TabBar } from './views/TabBar.js';
import { CompareView } from './views/compare/CompareView.js';
import { ScenariosView } from './views/scenarios/ScenariosView.js';
import { AccessContext } from './hooks/use-access.js';
import { isPresenting } from './state/presenter.js';
import { PresenterView } from './views/presenter/PresenterView.js';
import { ViewOnlyNote } from './views/ViewOnlyNote.js';

export function App({ bridge }: { bridge: Bridge }) {
  const { api, connection } = bridge;
  const [store] = useState(() => new LiveStore());
  // scenario runs are collected whichever tab is open, like everything else in the store
  const [scenarios] = useState(() => new ScenarioStore());
  // so are the watched programs' threads, for their timelines
  const [watches] = useState(() => new WatchStore());
  const [tab, setTab] = useState<Tab>(() => tabOfHash(window.location.hash));
  const [system, setSystem] = useState<SystemInfo | null>(null);
  const [workloads, setWorkloads] = useState<WorkloadInfo[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  // until the server says otherwise a page shows no controls it may not have (a viewer never sees a flash of them)
  const [access, setAccess] = useState<Access>('read');
  const [presenting] = useState(() => isPresenting(window.location.search));
  const [paused, setPaused] = useState(false);
  const [view, setView] = useState<ViewWindow>(DEFAULT_VIEW);
  const link = useSyncExternalStore(connection.subscribe, connection.get);
  const connected = link.status === 'open';
  // after a reconnect the machine is read again (a restarted server may have another Python, interval…)
  const [reads, setReads] = useState(0);
  const [launcherOpen, setLauncherOpen] = useState(true);
  useLink(api, store, link, () => setReads((n) => n + 1));

  useEffect(() => {
    const offSnapshot = api.onSnapshot((s) => {
      store.ingestSnapshot(s);
      watches.ingestSnapshot(s);
    });
    const offEvent = api.onRunEvent((e) => {
      store.ingestRunEvent(e);
      scenarios.ingest(e);
      watches.ingest(e);
    });
    return () => {
      offSnapshot();
      offEvent();
    };
  }, [api, store, scenarios, watches]);

  // the open tab follows the URL hash (back/forward, a pasted link); only the hash changes, never ?token=…
  useEffect(() => {
    const onHash = () => setTab(tabOfHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const openTab = (t: Tab) => {
    setTab(t);
    if (window.location.hash !== hashOfTab(t)) window.location.hash = hashOfTab(t);
  };

  useEffect(() => {
    let live = true;
    // apart: system() asks Python its version, which can take a while; the launcher needs only workloads()
    const failed = (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e));
    api.system().then((sys) => live && setSystem(sys), failed);
    api.workloads().then((wl) => live && setWorkloads(wl), failed);
    api.session().then((session) => live && setAccess(session.access), failed);
    return () => {
      live = false;
    };
  }, [api, reads]);

  if (presenting)
    return (
      <AccessContext.Provider value={access}>
        <ConnectionBanner state={link} loadError={loadError} />
        <PresenterView api={api} store={store} scenarios={scenarios} system={system} />
      </AccessContext.Provider>
    );
  return (
    <AccessContext.Provider value={access}>
    <div className="app" data-access={access}>
      <Header system={system} api={api} transport={bridge.transport} connection={link} paused={paused} onPause={setPaused} corner={<SelfCost store={store} />} />
      <TabBar tab={tab} onTab={openTab} />
      <ConnectionBanner state={link} loadError={loadError} />
      {tab === 'live' && (
        <main className="layout" id="tab-panel" role="tabpanel" aria-labelledby="tab-live">
          <div className={launcherOpen || access !== 'control' ? 'top-row' : 'top-row top-row-folded'}>
            {access === 'control' ? (
              <div className="side-col">
                <Launcher api={api} store={store} connected={connected} workloads={workloads} limits={system?.limits ?? null} python={system?.python ?? null}
                  onPython={(python) => setSystem((s) => (s ? { ...s, python } : s))}
                  open={launcherOpen}
                  onOpen={setLauncherOpen}
                />
                <WatchPanel api={api} transport={bridge.transport} connected={connected} open={launcherOpen} onOpen={setLauncherOpen} />
              </div>
            ) : (
              <ViewOnlyNote replay={bridge.transport === 'replay'} />
            )}
            {/* the runs sit under the cores, beside the launcher: what Run starts shows next to where it was pressed */}
            <div className="live-main">
              <CoreSection store={store} paused={paused} view={view} onView={setView} logicalCores={system?.logicalCores ?? null} />
              <RunLanes store={store} api={api} connected={connected} />
            </div>
          </div>
          <TotalsCharts store={store} paused={paused} view={view} totalMemoryBytes={system?.totalMemoryBytes ?? null} />
          <UnitsTable store={store} api={api} />
          <WatchTimelines store={store} watches={watches} />
        </main>
      )}
      {tab === 'scenarios' && (
        <main className="layout" id="tab-panel" role="tabpanel" aria-labelledby="tab-scenarios">
          <ScenariosView api={api} store={store} scenarios={scenarios} system={system} paused={paused} connected={connected} />
        </main>
      )}
      {tab === 'compare' && (
        <main className="layout" id="tab-panel" role="tabpanel" aria-labelledby="tab-compare">
          <CompareView api={api} store={store} system={system} />
        </main>
      )}
    </div>
    </AccessContext.Provider>
  );
}
