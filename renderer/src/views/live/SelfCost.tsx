/**
 * What the monitor costs, in a corner, always: CoreScope's CPU (% of one core) — the sampling process's
 * plus what it spends inside the hosts it started — and the sampling process's memory, as the engine
 * reports them in every snapshot (snapshot.self).
 */
import { formatBytes } from '../../../../lib/format.js';
import { useFrame } from '../../hooks/use-frame.js';
import type { LiveStore } from '../../state/live-store.js';
import { SELF_COST_GAP_MS } from '../draw-rates.js';

export function SelfCost({ store }: { store: LiveStore }) {
  const frame = useFrame(store, SELF_COST_GAP_MS);
  const self = frame.latest?.self;
  return (
    <div
      className="self-cost"
      title={`CPU (% of one core): the CoreScope process that samples${self ? ` (${self.cpuPct.toFixed(1)} %)` : ''} plus CoreScope's part inside the hosts${self ? ` (${self.hostsCpuPct.toFixed(1)} %)` : ''}; memory: the sampling process's`}
    >
      monitor: {self ? `${(self.cpuPct + self.hostsCpuPct).toFixed(1)} % CPU · ${formatBytes(self.bytes, 0)}` : '–'}
    </div>
  );
}
