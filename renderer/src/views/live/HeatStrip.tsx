/**
 * The core grid for more than 32 cores: one canvas, a row per core and a column per time bucket,
 * coloured by busy % (measured 3–7 % of the main thread even at 256 cores). Left: core labels; right:
 * each core's current % as a bar and a tick in the run's colour for every run with units there.
 * Hovering a row names the core, its % and its units.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { Snapshot } from '../../../../contract/snapshot.js';
import { formatPct } from '../../../../lib/format.js';
import { useFrame } from '../../hooks/use-frame.js';
import { cssVar, useThemeVersion } from '../../hooks/use-theme.js';
import { useWidth } from '../../hooks/use-width.js';
import { chipsByCore, type CoreChips } from '../../state/core-chips.js';
import { bucketMeans, valueAtOrBefore } from '../../state/downsample.js';
import { heatRamp, parseColor, rampIndex, type Rgb } from '../../state/heat.js';
import { RUN_COLORS } from '../../state/run-colors.js';
import type { LiveStore } from '../../state/live-store.js';
import type { SampleRing } from '../../state/sample-ring.js';
import { viewRange, type ViewWindow } from '../../state/view-span.js';
import { GRID_GAP_MS } from '../draw-rates.js';

const HEAT_COLUMNS = 240;
const LABEL_W = 56;
const BAR_W = 64;
const MARK_W = 12;
const GAP = 8;

interface Props {
  store: LiveStore;
  ring: SampleRing;
  view: ViewWindow;
  paused: boolean;
  /** the snapshot the run ticks come from (null: show none, e.g. scrolled back) */
  unitsSnapshot: Snapshot | null;
  colorOf: (runId: string) => number;
}

/** Row height in CSS pixels: tall enough to hover at 64 cores, still one screen at 256. */
const rowHeight = (cores: number): number => (cores <= 48 ? 8 : cores <= 96 ? 6 : cores <= 160 ? 3 : 2);
/** Label every k-th row so labels never overlap (≥ 12 px apart). */
const labelEvery = (rowH: number): number => Math.max(1, Math.ceil(12 / rowH / 4) * 4);

interface Palette {
  ramp: Uint8ClampedArray;
  text: string;
  grid: string;
  runs: string[];
}

function readPalette(): Palette {
  const stops = ['--heat-0', '--heat-1', '--heat-2', '--heat-3'].map((v) => parseColor(cssVar(v)) ?? ([128, 128, 128] as Rgb));
  return {
    ramp: heatRamp(stops),
    text: cssVar('--text-dim'),
    grid: cssVar('--border'),
    runs: Array.from({ length: RUN_COLORS }, (_, i) => cssVar(`--run-${i}`)),
  };
}

type Cells = { canvas: HTMLCanvasElement; image: ImageData };

/** One pixel per (bucket, core) in a small off-screen image (reused while the core count holds), to be scaled up without smoothing. */
function paintCells(prev: Cells | null, means: ArrayLike<number>, cores: number, ramp: ArrayLike<number>): Cells {
  let cells = prev;
  if (!cells || cells.image.height !== cores) {
    const c = document.createElement('canvas');
    c.width = HEAT_COLUMNS;
    c.height = cores;
    cells = { canvas: c, image: new ImageData(HEAT_COLUMNS, cores) };
  }
  const px = cells.image.data;
  for (let core = 0; core < cores; core++)
    for (let b = 0; b < HEAT_COLUMNS; b++) {
      const v = means[core * HEAT_COLUMNS + b];
      const o = (core * HEAT_COLUMNS + b) * 4;
      const k = rampIndex(v) * 3;
      px[o] = ramp[k];
      px[o + 1] = ramp[k + 1];
      px[o + 2] = ramp[k + 2];
      px[o + 3] = Number.isNaN(v) ? 40 : 255; // no sample yet: faint, not "idle"
    }
  cells.canvas.getContext('2d')?.putImageData(cells.image, 0, 0);
  return cells;
}

export function HeatStrip({ store, ring, view, paused, unitsSnapshot, colorOf }: Props) {
  // one canvas redraw per frame of the store's clock (≤ 5 Hz): React re-renders only this element
  const frame = useFrame(store, GRID_GAP_MS, { paused });
  const version = frame.version;
  const range = viewRange(view, ring.oldestT, frame.latest?.t ?? null, store.engineNow(frame.at));
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cellsRef = useRef<Cells | null>(null);
  const width = useWidth(boxRef);
  const theme = useThemeVersion();
  const palette = useMemo(() => readPalette(), [theme]);
  const [hover, setHover] = useState<number | null>(null);
  const cores = ring.channels;
  const rowH = rowHeight(cores);
  const height = cores * rowH;
  const chips = useMemo(() => (unitsSnapshot ? chipsByCore(unitsSnapshot) : new Map<number, CoreChips>()), [unitsSnapshot]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const cells = paintCells(cellsRef.current, bucketMeans(ring, range.t0, range.t1, HEAT_COLUMNS), cores, palette.ramp);
    cellsRef.current = cells;
    const heatW = Math.max(10, width - LABEL_W - GAP - BAR_W - GAP - MARK_W);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(cells.canvas, LABEL_W, 0, heatW, height);

    // labels, with a faint rule every labelled row so the eye can follow a row across
    ctx.font = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = palette.text;
    const every = labelEvery(rowH);
    for (let core = 0; core < cores; core += every) {
      ctx.fillText(`cpu ${core}`, 4, core * rowH + Math.max(rowH, 10) / 2);
      ctx.fillStyle = palette.grid;
      ctx.fillRect(LABEL_W, core * rowH, heatW, 1);
      ctx.fillStyle = palette.text;
    }

    // current % per core as a bar, coloured like the newest cell
    const barX = LABEL_W + heatW + GAP;
    for (let core = 0; core < cores; core++) {
      const v = valueAtOrBefore(ring, range.t1, core) ?? 0;
      const k = rampIndex(v) * 3;
      ctx.fillStyle = `rgb(${palette.ramp[k]}, ${palette.ramp[k + 1]}, ${palette.ramp[k + 2]})`;
      ctx.fillRect(barX, core * rowH, Math.max(1, (v / 100) * BAR_W), Math.max(1, rowH - (rowH > 2 ? 1 : 0)));
    }

    // a tick in each run's colour where that run has units, side by side (live only: units have no history)
    if (range.live) {
      const markX = barX + BAR_W + GAP;
      for (const [core, cc] of chips) {
        if (core >= cores) continue;
        const runIds = [...new Set(cc.chips.map((c) => c.runId))].slice(0, 3);
        const w = MARK_W / Math.max(1, runIds.length);
        runIds.forEach((runId, i) => {
          ctx.fillStyle = palette.runs[colorOf(runId)] || palette.text;
          ctx.fillRect(markX + i * w, core * rowH, Math.max(1, w - 1), Math.max(1, rowH - (rowH > 2 ? 1 : 0)));
        });
      }
    }
  }, [ring, range.t0, range.t1, range.live, version, width, height, rowH, cores, palette, chips, colorOf]);

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
    const core = Math.floor(y / rowH);
    setHover(core >= 0 && core < cores ? core : null);
  };

  const hoverText = (() => {
    if (hover === null) return 'Point at a row to read its core.';
    const v = valueAtOrBefore(ring, range.t1, hover);
    const cc = chips.get(hover);
    const units = range.live && cc ? cc.chips.map((c) => c.label).join(', ') + (cc.more ? ` +${cc.more}` : '') : '';
    return `cpu ${hover}: ${v === null ? '–' : formatPct(v)} busy${units ? ` · units: ${units}` : ''}`;
  })();

  return (
    <div className="heat" ref={boxRef}>
      <div className="heat-readout" aria-live="off">
        {hoverText}
      </div>
      <canvas
        ref={canvasRef}
        className="heat-canvas"
        style={{ width: '100%', height }}
        role="img"
        aria-label={`Heat strip of ${cores} logical cores over time: darker is idle, brighter is busy`}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      <div className="heat-legend" aria-hidden="true">
        <span>idle</span>
        <span className="heat-ramp" />
        <span>100 % busy</span>
        <span className="heat-legend-gap">right: current % · run with units there</span>
      </div>
    </div>
  );
}
