/**
 * The time window the charts show: how long (30 s … 5 min) and how far back it ends (a slider over
 * the ring's history, right end = live), with a button back to live.
 */
import { SPANS_MS, formatAgo, type ViewRange, type ViewWindow } from '../../state/view-span.js';

interface Props {
  view: ViewWindow;
  range: ViewRange;
  onSpan: (spanMs: number) => void;
  onScroll: (agoMs: number) => void;
}

const spanLabel = (ms: number) => (ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`);

export function HistoryControl({ view, range, onSpan, onScroll }: Props) {
  return (
    <div className="history">
      <label className="inline-field">
        <span>Window</span>
        <select value={view.spanMs} onChange={(e) => onSpan(Number(e.target.value))}>
          {SPANS_MS.map((ms) => (
            <option key={ms} value={ms}>
              {spanLabel(ms)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field history-scroll">
        <span>History</span>
        <input
          type="range"
          min={-Math.round(range.maxAgoMs)}
          max={0}
          step={500}
          value={-Math.round(range.agoMs)}
          disabled={range.maxAgoMs <= 0}
          onChange={(e) => onScroll(-Number(e.target.value))}
          aria-valuetext={formatAgo(range.agoMs)}
        />
        <output className={range.live ? 'history-at live' : 'history-at'}>{formatAgo(range.agoMs)}</output>
      </label>
      {!range.live && (
        <button type="button" className="btn btn-small" onClick={() => onScroll(0)}>
          Back to live
        </button>
      )}
    </div>
  );
}
