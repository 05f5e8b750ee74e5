/**
 * The core grid for up to 32 cores: one card per core, all cut from a single pass over the ring
 * (bucketMeans gives every core's ~120 bucket means at once).
 */
import { useMemo } from 'react';
import type { Snapshot } from '../../../preload/api.js';
import { chipsByCore } from '../state/core-chips.js';
import { corePaths } from '../state/core-path.js';
import { bucketMeans, valueAtOrBefore } from '../state/downsample.js';
import type { SampleRing } from '../state/sample-ring.js';
import type { ViewRange } from '../state/view-window.js';
import { CoreCard, PATH_H, PATH_W } from './CoreCard.js';

export const CORE_BUCKETS = 120;

interface Props {
  ring: SampleRing;
  range: ViewRange;
  latest: Snapshot | null;
  version: number;
  colorOf: (runId: string) => number;
}

/** Columns that keep cards about as wide as tall-ish charts read best: 2 → 2, 4 → 4, 16 → 4×4, 32 → 8×4. */
export function gridColumns(cores: number): number {
  if (cores <= 4) return cores;
  if (cores <= 16) return 4;
  return 8;
}

export function CoreCards({ ring, range, latest, version, colorOf }: Props) {
  // version is in the deps because the ring is mutated in place: a new frame means new contents
  const means = useMemo(() => bucketMeans(ring, range.t0, range.t1, CORE_BUCKETS), [ring, range.t0, range.t1, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const chips = useMemo(() => (latest ? chipsByCore(latest.units) : new Map()), [latest]);
  const cores = Array.from({ length: ring.channels }, (_, i) => i);
  return (
    <div className="core-grid" style={{ gridTemplateColumns: `repeat(${gridColumns(ring.channels)}, minmax(0, 1fr))` }}>
      {cores.map((c) => (
        <CoreCard
          key={c}
          core={c}
          pct={valueAtOrBefore(ring, range.t1, c)}
          paths={corePaths(means, c * CORE_BUCKETS, CORE_BUCKETS, PATH_W, PATH_H)}
          chips={chips.get(c)}
          colorOf={colorOf}
          showChips={range.live}
        />
      ))}
    </div>
  );
}
