/**
 * "Watch a program", beside the launcher: pick a running process from a searchable list (pid, name,
 * user, CPU %) and attach to it — its whole tree becomes a run with a lane, chips on the cores, rows
 * in the unit table and a timeline of its threads' states. On the desktop app a command line can be
 * started and watched too; the browser dashboard never offers it (its socket refuses it: a web page
 * must not run programs on this machine). Which one the page is comes from its transport.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import type { ProcessInfo } from '../../../../contract/watch.js';
import type { Bridge } from '../../bridge/pick-bridge.js';
import { checkCommand, commandFormShown } from '../../state/watch-form.js';
import { Field, describedBy } from '../Field.js';

/** typing settles this long before the list is asked for again */
const SEARCH_SETTLE_MS = 250;
/** rows drawn: the engine answers at most WATCH_LIMITS.processRows, the busiest first */
const SHOWN_ROWS = 40;

interface Props {
  api: CoreScopeApi;
  transport: Bridge['transport'];
  connected: boolean;
  /** folded with the launcher (one state): only the heading shows, so the cores stay on a small window's first screen */
  open: boolean;
  onOpen: (open: boolean) => void;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const bringLaneIntoSight = (runId: string) =>
  requestAnimationFrame(() => document.getElementById(`lane-${runId}`)?.closest('article')?.scrollIntoView?.({ block: 'nearest' }));

export function WatchPanel({ api, transport, connected, open, onOpen }: Props) {
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<ProcessInfo[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  const [attachError, setAttachError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const showCommand = commandFormShown(transport, api);

  useEffect(() => {
    if (!connected || !open) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api.listProcesses({ query }).then(
        (list) => {
          if (!current) return;
          setRows(list);
          setListError(null);
        },
        (e) => current && setListError(errorText(e)),
      );
    }, SEARCH_SETTLE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, query, refreshes, connected, open]);

  const attach = async (p: ProcessInfo) => {
    setBusy(true);
    setAttachError(null);
    try {
      bringLaneIntoSight((await api.watchPid({ pid: p.pid })).runId);
    } catch (e) {
      setAttachError(`pid ${p.pid}: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel watch-panel" aria-labelledby="watch-title">
      <div className="panel-head">
        <h2 id="watch-title">Watch a program</h2>
        <button type="button" className="btn btn-small" aria-expanded={open} aria-controls="watch-body" onClick={() => onOpen(!open)}>
          {open ? 'Fold' : 'Open'}
        </button>
      </div>
      <div id="watch-body" hidden={!open}>
      {showCommand && <CommandForm api={api} connected={connected} />}
      <Field id="watch-search" label="Running processes" hint="search by pid, name, user or command line; busiest first">
        <input id="watch-search" type="search" value={query} maxLength={200} placeholder="e.g. python" onChange={(e) => setQuery(e.target.value)} {...describedBy('watch-search', true, undefined)} />
      </Field>
      {listError && (
        <p className="field-error" role="alert">
          {listError}
        </p>
      )}
      <div className="process-list" role="region" aria-label="Running processes" tabIndex={0}>
        <table className="processes">
          <thead>
            <tr>
              <th className="num">PID</th>
              <th>Name</th>
              <th>User</th>
              <th className="num" title="% of one core over the last tenth of a second">CPU %</th>
              <th>
                <span className="sr-only">Attach</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).slice(0, SHOWN_ROWS).map((p) => (
              <tr key={p.pid} title={p.cmdline || p.name}>
                <td className="num">{p.pid}</td>
                <td className="proc-name">{p.name}</td>
                <td>{p.user}</td>
                <td className="num">{p.cpuPct.toFixed(1)}</td>
                <td>
                  <button type="button" className="btn btn-small" aria-label={`Attach to ${p.name} (pid ${p.pid})`} disabled={busy || !connected} onClick={() => attach(p)}>
                    Attach
                  </button>
                </td>
              </tr>
            ))}
            {rows !== null && rows.length === 0 && (
              <tr>
                <td colSpan={5} className="empty-row">
                  No process matches “{query}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="launch-row">
        <button type="button" className="btn btn-small" onClick={() => setRefreshes((n) => n + 1)} disabled={!connected}>
          Refresh
        </button>
        {rows && rows.length > SHOWN_ROWS && <span className="field-hint">the busiest {SHOWN_ROWS} of {rows.length}: search to narrow</span>}
      </div>
      {attachError && (
        <p className="field-error" role="alert">
          {attachError}
        </p>
      )}
      <p className="field-hint">Stop on its lane detaches: the process goes on running.</p>
      </div>
    </section>
  );
}

/** Desktop only: a command line, started without a shell and watched; Stop on its lane ends its whole tree. */
function CommandForm({ api, connected }: { api: CoreScopeApi; connected: boolean }) {
  const [line, setLine] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const checked = checkCommand(line);
    if (!checked.ok) return setError(checked.error);
    if (!api.watchCommand) return setError('starting a command is offered in the desktop app only');
    setError(undefined);
    setBusy(true);
    try {
      bringLaneIntoSight((await api.watchCommand({ argv: checked.argv })).runId);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="watch-command" onSubmit={submit} noValidate aria-label="Start a command and watch it">
      <Field id="watch-command" label="Command" hint="run without a shell, e.g. python3 train.py; Stop ends its whole tree" error={error}>
        <input
          id="watch-command"
          type="text"
          value={line}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setLine(e.target.value);
            setError(undefined);
          }}
          {...describedBy('watch-command', true, error)}
        />
      </Field>
      <div className="launch-row">
        <button type="submit" className="btn btn-primary" disabled={busy || !connected}>
          Start and watch
        </button>
      </div>
    </form>
  );
}
