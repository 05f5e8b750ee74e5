/**
 * Save JSON / Save CSV / Save PNG for one result (JSON and CSV where the result has them); a failure is
 * said beside the buttons, never thrown. PNG: in the desktop app main captures the view's region of the
 * window (capturePage); in the browser the page lays the view out again in an SVG and draws it at 2×
 * (png-export.ts). The buttons themselves are left out of the picture (data-png-skip).
 */
import { useState } from 'react';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import { elementToPng } from '../png-export.js';
import { downloadBlob, downloadText, stampedName } from './save.js';

interface Props {
  api: CoreScopeApi;
  name: string;
  json?: () => string;
  csv?: () => string;
  png: () => HTMLElement | null;
}

/** The element's box in the window's CSS pixels, after bringing it on screen (capturePage sees only what is shown). */
function regionOf(el: HTMLElement) {
  el.scrollIntoView({ block: 'nearest' });
  const r = el.getBoundingClientRect();
  const x = Math.max(0, Math.floor(r.left));
  const y = Math.max(0, Math.floor(r.top));
  return { x, y, width: Math.max(1, Math.ceil(Math.min(r.right, window.innerWidth) - x)), height: Math.max(1, Math.ceil(Math.min(r.bottom, window.innerHeight) - y)) };
}

export function SaveButtons({ api, name, json, csv, png }: Props) {
  const [error, setError] = useState<string | null>(null);
  const savePng = async () => {
    setError(null);
    const el = png();
    if (!el) return;
    try {
      if (api.savePng) await api.savePng({ rect: regionOf(el), name: stampedName(name, 'png').replace(/\.png$/, '') });
      else downloadBlob(stampedName(name, 'png'), await elementToPng(el));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="save-buttons" role="group" aria-label={`Save the ${name} result`} data-png-skip>
      {json && (
        <button type="button" className="btn btn-small" onClick={() => downloadText(stampedName(name, 'json'), json(), 'application/json')}>
          Save JSON
        </button>
      )}
      {csv && (
        <button type="button" className="btn btn-small" onClick={() => downloadText(stampedName(name, 'csv'), csv(), 'text/csv')}>
          Save CSV
        </button>
      )}
      <button type="button" className="btn btn-small" onClick={() => void savePng()}>
        Save PNG
      </button>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
