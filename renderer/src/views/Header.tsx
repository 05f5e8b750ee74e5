/**
 * The top bar: what this is (CoreScope) and which machine it watches (CPU model, logical cores,
 * memory), how it is connected, the controls that apply to every chart (sampling interval,
 * pause/resume), and in the corner what the monitor itself costs. The bar is sticky: always on screen.
 */
import type { ReactNode } from 'react';
import type { SystemInfo } from '../../../contract/catalog.js';
import type { CoreScopeApi } from '../../../contract/methods.js';
import { formatBytes } from '../../../lib/format.js';
import type { ConnectionState } from '../bridge/connection.js';
import type { Bridge } from '../bridge/pick-bridge.js';
import { RecordButton } from './RecordButton.js';
import { IntervalControl } from './live/IntervalControl.js';

interface Props {
  system: SystemInfo | null;
  api: CoreScopeApi;
  transport: Bridge['transport'];
  connection: ConnectionState;
  paused: boolean;
  onPause: (paused: boolean) => void;
  /** what the monitor costs, kept in the top-right corner */
  corner: ReactNode;
}

export function Header({ system, api, transport, connection, paused, onPause, corner }: Props) {
  const linkWords =
    transport === 'replay'
      ? 'replay of a recording'
      : connection.status === 'open'
        ? transport === 'electron'
          ? 'live'
          : 'live · web dashboard'
        : connection.status === 'connecting'
          ? 'connecting…'
          : connection.retryInMs !== undefined
            ? 'reconnecting…'
            : 'disconnected';
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          <span />
          <span />
          <span />
          <span />
        </span>
        <h1>CoreScope</h1>
      </div>
      <div className="machine" aria-label="machine">
        {/* each item carries its own "·" (CSS), so a wrapped line never ends on a dangling one */}
        {system ? (
          <>
            <span className="machine-item machine-cpu" title={system.cpuModel}>
              {system.cpuModel}
            </span>
            <span className="machine-item">
              <b>{system.logicalCores}</b> logical cores
            </span>
            <span className="machine-item">
              <b>{formatBytes(system.totalMemoryBytes)}</b> memory
            </span>
            <span className="machine-item">{system.platform}</span>
          </>
        ) : (
          <span>reading the machine…</span>
        )}
      </div>
      <div className="controls">
        <span className={`link link-${connection.status}`}>
          <span className="link-dot" aria-hidden="true" />
          {linkWords}
        </span>
        {transport !== 'replay' && <RecordButton api={api} />}
        {transport !== 'replay' && <IntervalControl api={api} initialMs={system?.intervalMs ?? null} />}
        <button type="button" className={paused ? 'btn btn-on' : 'btn'} aria-pressed={paused} onClick={() => onPause(!paused)}>
          {paused ? 'Resume charts' : 'Pause charts'}
        </button>
      </div>
      {/* apart from the controls, so that when the bar wraps it stays on the first line, at its end */}
      <div className="corner">{corner}</div>
    </header>
  );
}
