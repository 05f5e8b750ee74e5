/**
 * Reading a PNG export back in an end-to-end test: the PNG the page downloads, and the SVG document it
 * was drawn from (caught as the page hands it to an image), so a test can lay that document out again
 * in the same browser and read its boxes — what is in the picture, and where.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Clicks what saves a PNG; returns the downloaded PNG and the SVG document the page rasterised. */
export async function exportView(page: Page, click: () => Promise<void>): Promise<{ png: Buffer; svg: string }> {
  await page.evaluate(() => {
    const w = window as unknown as { exportedSvgs?: string[] };
    if (!w.exportedSvgs) {
      const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!;
      Object.defineProperty(HTMLImageElement.prototype, 'src', {
        ...src,
        set(this: HTMLImageElement, url: string) {
          const svg = 'data:image/svg+xml;charset=utf-8,';
          if (url.startsWith(svg)) w.exportedSvgs?.push(decodeURIComponent(url.slice(svg.length)));
          src.set!.call(this, url);
        },
      });
    }
    w.exportedSvgs = [];
  });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const png = await readFile(await download.path());
  const svg = await page.evaluate(() => (window as unknown as { exportedSvgs: string[] }).exportedSvgs.at(-1) ?? '');
  return { png, svg };
}

/** A PNG's size from its IHDR chunk. */
export const pngSize = (png: Buffer): { width: number; height: number } => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

export const inside = (a: Box, b: Box, slack = 1): boolean =>
  a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.width <= b.x + b.width + slack && a.y + a.height <= b.y + b.height + slack;

/** Two boxes cover the same place (more than touching: glyph boxes of adjacent lines may graze). */
export function overlaps(a: Box, b: Box): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 2 && h > 0.4 * Math.min(a.height, b.height);
}

/**
 * Runs in a page holding only the exported SVG: the boxes of what it shows. A string, so that no
 * helper of the test's compiler rides along into the page.
 */
export const READ_EXPORTED_BOXES = `(() => {
  const box = (r) => ({ x: r.left, y: r.top, width: r.width, height: r.height });
  const root = document.querySelector('body > svg');
  const html = root.querySelector('foreignObject');
  const shown = (el) => getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
  const charts = [...html.querySelectorAll('figure.chart')].map((f) => ({ box: box(f.getBoundingClientRect()), title: box(f.querySelector('figcaption').getBoundingClientRect()), text: f.querySelector('figcaption').textContent }));
  // every run of HTML text, one box per line it wraps to (the charts' own SVG labels are recharts' business)
  const runs = [];
  const walker = document.createTreeWalker(html, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const owner = n.parentElement;
    if (!n.textContent.trim() || owner.closest('.recharts-surface') || !shown(owner)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) runs.push({ text: n.textContent.trim().slice(0, 40), r: box(r), owner });
  }
  const overlappingText = [];
  for (let i = 0; i < runs.length; i++)
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i].r, b = runs[j].r;
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > 2 && h > 0.4 * Math.min(a.height, b.height)) overlappingText.push([runs[i].text, runs[j].text]);
    }
  const legend = html.querySelector('.heat-legend');
  const ramp = html.querySelector('.heat-ramp');
  const table = html.querySelector('table.study-table');
  const saveButtons = html.querySelector('.save-buttons');
  return {
    svgWidth: Number(root.getAttribute('width')),
    charts,
    textRuns: runs.length,
    overlappingText,
    legendItems: html.querySelectorAll('.recharts-legend-item').length,
    heatLegend: legend ? { box: box(legend.getBoundingClientRect()), ramp: !!ramp && getComputedStyle(ramp).backgroundImage.includes('gradient') } : null,
    table: table ? box(table.getBoundingClientRect()) : null,
    tableRows: table ? table.querySelectorAll('tbody tr').length : 0,
    legCanvasImages: [...html.querySelectorAll('.leg img')].filter((i) => i.getAttribute('src').startsWith('data:image/png')).length,
    saveButtonsVisible: saveButtons ? shown(saveButtons) : false,
  };
})()`;

export interface ExportedBoxes {
  svgWidth: number;
  charts: Array<{ box: Box; title: Box; text: string }>;
  textRuns: number;
  overlappingText: Array<[string, string]>;
  legendItems: number;
  heatLegend: { box: Box; ramp: boolean } | null;
  table: Box | null;
  tableRows: number;
  legCanvasImages: number;
  saveButtonsVisible: boolean;
}
