/**
 * Save JSON / Save CSV / Save PNG / Save report for one result (JSON and CSV where the result has them,
 * the report for a compare and a scenario run); a failure is said beside the buttons, never thrown.
 * The page makes every file itself: the PNG by laying the view out again in an SVG drawn at 2×
 * (png-export.ts), the report as one self-contained HTML page around the same layout (state/report.ts).
 * In the browser they download; in the desktop app the shell shows its save dialog and writes the
 * bytes (savePng, saveReport). The buttons themselves are left out of the pictures (data-png-skip).
 */
import { useState } from 'react';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import { reportDate, reportHtml } from '../../state/report.js';
import { elementToInlineSvg, elementToPng } from '../png-export.js';
import { downloadBlob, downloadText, stampedName } from './save.js';

interface Props {
  api: CoreScopeApi;
  name: string;
  json?: () => string;
  csv?: () => string;
  png: () => HTMLElement | null;
  /** offers Save report: the report's title and the machine line it prints under it */
  report?: { title: string; machine: string };
}

export function SaveButtons({ api, name, json, csv, png, report }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  /** Make the file, then download it (browser) or hand it to the shell's save dialog (desktop). */
  const save = async (make: (el: HTMLElement) => Promise<void>) => {
    setError(null);
    setSaved(null);
    const el = png();
    if (!el) return;
    try {
      await make(el);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const savePng = (el: HTMLElement) =>
    elementToPng(el).then(async (blob) => {
      const file = stampedName(name, 'png');
      if (!api.savePng) return downloadBlob(file, blob);
      setSaved((await api.savePng({ bytes: new Uint8Array(await blob.arrayBuffer()), name: file.replace(/\.png$/, '') })).saved);
    });
  const saveReport = async (el: HTMLElement) => {
    if (!report) return;
    const html = reportHtml({ title: report.title, machine: report.machine, date: reportDate(new Date()), svg: elementToInlineSvg(el, report.title) });
    const file = stampedName(name, 'html');
    if (!api.saveReport) return downloadText(file, html, 'text/html');
    setSaved((await api.saveReport({ html, name: file.replace(/\.html$/, '') })).saved);
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
      <button type="button" className="btn btn-small" onClick={() => void save(savePng)}>
        Save PNG
      </button>
      {report && (
        <button type="button" className="btn btn-small" onClick={() => void save(saveReport)} title="One HTML file that opens offline: the charts, the table, the machine and the date">
          Save report
        </button>
      )}
      {saved && <span className="save-note">saved to {saved}</span>}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
