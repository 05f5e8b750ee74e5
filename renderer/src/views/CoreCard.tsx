/**
 * One logical core: its number, its busy % at the view's end, its history as a hand-built SVG path
 * (no chart library: a path per core is what keeps 32 of them cheap at 10 Hz), and the units that last
 * ran on it as chips.
 */
import { memo } from 'react';
import { formatPct } from '../../../preload/format.js';
import type { CoreChips } from '../state/core-chips.js';
import type { CorePaths } from '../state/core-path.js';
import { busyLevel } from '../state/heat.js';
import { UnitChip } from './UnitChip.js';

export const PATH_W = 120;
export const PATH_H = 100;

interface Props {
  core: number;
  pct: number | null;
  paths: CorePaths;
  chips: CoreChips | undefined;
  colorOf: (runId: string) => number;
  showChips: boolean;
}

function CoreCardView({ core, pct, paths, chips, colorOf, showChips }: Props) {
  const level = busyLevel(pct ?? 0);
  return (
    <div className={`core core-${level}`} role="group" aria-label={`core ${core}: ${pct === null ? 'no data' : formatPct(pct)} busy`}>
      <div className="core-head">
        <span className="core-name">cpu {core}</span>
        <span className="core-pct">{pct === null ? '–' : formatPct(pct)}</span>
      </div>
      <svg className="core-chart" viewBox={`0 0 ${PATH_W} ${PATH_H}`} preserveAspectRatio="none" aria-hidden="true">
        <path className="core-area" d={paths.area} />
        <path className="core-line" d={paths.line} vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="core-chips">
        {showChips && chips?.chips.map((c) => <UnitChip key={c.label} chip={c} color={colorOf(c.runId)} />)}
        {showChips && chips && chips.more > 0 && <span className="chip chip-more">+{chips.more}</span>}
      </div>
    </div>
  );
}

export const CoreCard = memo(CoreCardView);
