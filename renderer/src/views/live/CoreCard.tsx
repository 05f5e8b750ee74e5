/**
 * One logical core: its number, its busy % at the view's end, its history as a hand-built SVG path
 * (no chart library: a path per core is what keeps 32 of them cheap at 5 Hz), and the units that last
 * ran on it as chips. React renders the card and its chips (≤ 2 Hz); the path, the % and the busy
 * level are written straight to the DOM by the grid's draw loop (≤ 5 Hz) through `parts`.
 */
import type { CoreChips } from '../../state/core-chips.js';
import { UnitChip } from './UnitChip.js';

export const PATH_W = 120;
export const PATH_H = 100;

/** The elements the draw loop writes to. */
export interface CardParts {
  card: HTMLDivElement | null;
  pct: HTMLSpanElement | null;
  line: SVGPathElement | null;
  area: SVGPathElement | null;
}

interface Props {
  core: number;
  parts: CardParts;
  chips: CoreChips | undefined;
  colorOf: (runId: string) => number;
}

export function CoreCard({ core, parts, chips, colorOf }: Props) {
  return (
    <div
      className="core"
      role="group"
      aria-label={`core ${core}`}
      ref={(el) => {
        parts.card = el;
      }}
    >
      <div className="core-head">
        <span className="core-name">cpu {core}</span>
        <span
          className="core-pct"
          ref={(el) => {
            parts.pct = el;
          }}
        />
      </div>
      <div className="core-plot">
      {/* the scale, so a reading needs no guessing; the card's name (set by the draw loop) says it in words */}
      <span className="core-yaxis" aria-hidden="true">
        <span>100</span>
        <span>50</span>
        <span>0</span>
      </span>
      <svg className="core-chart" viewBox={`0 0 ${PATH_W} ${PATH_H}`} preserveAspectRatio="none" aria-hidden="true">
        <path
          className="core-area"
          ref={(el) => {
            parts.area = el;
          }}
        />
        <path
          className="core-line"
          vectorEffect="non-scaling-stroke"
          ref={(el) => {
            parts.line = el;
          }}
        />
      </svg>
      </div>
      <div className="core-chips">
        {chips?.chips.map((c) => <UnitChip key={c.label} chip={c} color={colorOf(c.runId)} />)}
        {chips && chips.more > 0 && <span className="chip chip-more">+{chips.more}</span>}
      </div>
    </div>
  );
}
