/** Save JSON / Save CSV / Save PNG for one result; a failure is said beside the buttons, never thrown. */
import { useState } from 'react';
import { downloadBlob, downloadText, elementToPng, stampedName } from './save.js';

interface Props {
  name: string;
  json: () => string;
  csv: () => string;
  png: () => HTMLElement | null;
}

export function SaveButtons({ name, json, csv, png }: Props) {
  const [error, setError] = useState<string | null>(null);
  const savePng = async () => {
    setError(null);
    const el = png();
    if (!el) return;
    try {
      downloadBlob(stampedName(name, 'png'), await elementToPng(el));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="save-buttons" role="group" aria-label={`Save the ${name} result`}>
      <button type="button" className="btn btn-small" onClick={() => downloadText(stampedName(name, 'json'), json(), 'application/json')}>
        Save JSON
      </button>
      <button type="button" className="btn btn-small" onClick={() => downloadText(stampedName(name, 'csv'), csv(), 'text/csv')}>
        Save CSV
      </button>
      <button type="button" className="btn btn-small" onClick={() => void savePng()}>
        Save PNG
      </button>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
