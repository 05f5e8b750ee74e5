/**
 * Every leg of a compare as the cores saw it, side by side: one small canvas per leg, a row per core
 * and a column per stretch of the leg's time (≤ 120), coloured by busy % like the heat strip. Each
 * leg keeps its own time axis (its width is the leg, whatever its length); its wall time is beside it.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { LegHeat } from '../../../../contract/studies.js';
import { formatMs, formatPct } from '../../../../lib/format.js';
import { cssVar, useThemeVersion } from '../../hooks/use-theme.js';
import { useWidth } from '../../hooks/use-width.js';
import { heatRamp, parseColor, rampIndex, type Rgb } from '../../state/heat.js';

const legName = (l: LegHeat) => `${l.mode} · ${l.units} unit${l.units > 1 ? 's' : ''}`;
const meanBusy = (l: LegHeat) => {
  const cells = l.columns.flat();
  return cells.length ? cells.reduce((a, b) => a + b, 0) / cells.length : 0;
};

function LegCanvas({ leg, ramp }: { leg: LegHeat; ramp: Uint8ClampedArray }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useWidth(boxRef);
  const cores = leg.columns[0]?.length ?? 0;
  const rowH = cores <= 4 ? 18 : cores <= 16 ? 8 : cores <= 64 ? 3 : 1;
  const height = Math.max(1, cores * rowH);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0 || cores === 0) return;
    const cols = leg.columns.length;
    const cells = new ImageData(cols, cores);
    leg.columns.forEach((col, x) =>
      col.forEach((pct, y) => {
        const i = rampIndex(pct) * 3;
        const o = (y * cols + x) * 4;
        cells.data[o] = ramp[i];
        cells.data[o + 1] = ramp[i + 1];
        cells.data[o + 2] = ramp[i + 2];
        cells.data[o + 3] = 255;
      }),
    );
    const small = document.createElement('canvas');
    small.width = cols;
    small.height = cores;
    small.getContext('2d')?.putImageData(cells, 0, 0);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  }, [leg, ramp, width, height, cores]);

  return (
    <div ref={boxRef} className="leg-canvas-box">
      <canvas
        ref={canvasRef}
        style={{ width: '100%', height }}
        role="img"
        aria-label={`${legName(leg)}: ${cores} cores over ${formatMs(leg.endT - leg.startT)}, mean busy ${formatPct(meanBusy(leg))}`}
      />
    </div>
  );
}

export function LegHeatmaps({ legs }: { legs: LegHeat[] }) {
  const theme = useThemeVersion();
  const ramp = useMemo(
    () => heatRamp(['--heat-0', '--heat-1', '--heat-2', '--heat-3'].map((v) => parseColor(cssVar(v)) ?? ([128, 128, 128] as Rgb))),
    // read the theme’s colours again when it changes
    [theme],
  );
  if (legs.length === 0) return null;
  const cores = legs[0].columns[0]?.length ?? 0;
  return (
    <div className="leg-heat">
      <div className="leg-heat-row">
        {legs.map((l, i) => (
          <figure key={i} className="leg">
            <figcaption>
              <b data-png-text>{legName(l)}</b>
              <span className="leg-sub" data-png-text>
                {formatMs(l.endT - l.startT)} · mean {formatPct(meanBusy(l))}
              </span>
            </figcaption>
            <LegCanvas leg={l} ramp={ramp} />
          </figure>
        ))}
      </div>
      <div className="heat-legend">
        <span>
          rows: cores 0–{cores - 1}, top to bottom · columns: each leg’s own time, left to right
        </span>
        <span className="heat-legend-gap">0%</span>
        <span className="heat-ramp" />
        <span>100% busy</span>
      </div>
    </div>
  );
}
