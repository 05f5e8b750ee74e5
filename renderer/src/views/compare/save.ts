/**
 * Saving a result from the page: a file through a Blob and an <a download> (the CSP allows blob: URLs).
 * JSON, CSV, and the browser's PNG (png-export.ts) and HTML report take this path, in the desktop app
 * too for JSON and CSV (Electron shows its save dialog for a download); the PNG and the report there go
 * to the shell's savePng / saveReport, which show the save dialog and write the page's bytes.
 */

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const downloadText = (name: string, text: string, type: string): void => downloadBlob(name, new Blob([text], { type }));

/** A file name that sorts by time: corescope-compare-2026-11-27T12-01-05.json */
export const stampedName = (kind: string, ext: string, t = new Date()): string => `corescope-${kind}-${t.toISOString().slice(0, 19).replace(/:/g, '-')}.${ext}`;
