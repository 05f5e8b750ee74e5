/**
 * What the monitor costs, in a corner, always: the sampling process's CPU (% of one core) and memory,
 * as the engine reports them in every snapshot (snapshot.self).
 */
import { formatBytes } from '../../../../lib/format.js';
import { useFrame } from '../../hooks/use-frame.js';
import type { LiveStore } from '../../state/live-store.js';
import { SELF_COST_GAP_MS } from '../draw-rates.js';

export function SelfCost({ store }: { store: LiveStore }) {
  const frame = useFrame(store, SELF_COST_GAP_MS);
  const self = frame.latest?.self;
  return (
    <div className="self-cost" title="CPU (% of one core) and memory of the CoreScope process that samples: what the monitor itself costs">
      monitor: {self ? `${self.cpuPct.toFixed(1)} % CPU · ${formatBytes(self.bytes, 0)}` : '–'}
    </div>
  );
}
