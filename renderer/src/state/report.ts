/**
 * The self-contained HTML report of a compare or a scenario run: one file that opens offline — the
 * title, the machine line, the date, and the view itself (charts, legends, the table) as an inline SVG
 * laid out as on screen (views/png-export.ts). No scripts, no external styles, fonts or images (its
 * CSP says so to the browser that opens it); every text of ours is escaped. Pure: the view hands in
 * the SVG markup.
 */
import type { SystemInfo } from '../../../contract/catalog.js';
import { formatBytes } from '../../../lib/format.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text for HTML, in an element or in a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);

/** Which machine a result was measured on, as the header says it: "AMD EPYC … · 2 logical cores · 3.8 GB memory · linux". */
export const machineLine = (system: SystemInfo | null): string =>
  system ? `${system.cpuModel} · ${system.logicalCores} logical cores · ${formatBytes(system.totalMemoryBytes)} memory · ${system.platform}` : 'machine not known';

/** "2026-12-02 01:04 UTC": when the report was made, the same in every time zone. */
export const reportDate = (t: Date): string => `${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export interface ReportParts {
  title: string;
  machine: string;
  date: string;
  /** the view as an inline <svg> (elementToInlineSvg): markup, not text */
  svg: string;
}

/** No script, nothing fetched: styles in the file, pictures only as data: URLs (the heat timelines). */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function reportHtml({ title, machine, date, svg }: ReportParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="CoreScope">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 24px; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #18202a; background: #eef1f4; }
  h1 { margin: 0 0 4px; font-size: 22px; }
  .meta { margin: 0 0 16px; color: #5d6977; }
  svg.view { display: block; max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta"><span class="machine">${escapeHtml(machine)}</span> · <time>${escapeHtml(date)}</time></p>
${svg}
</body>
</html>
`;
}
