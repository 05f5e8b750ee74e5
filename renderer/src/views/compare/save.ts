/**
 * Saving a result from the page: a file through a Blob and an <a download> (the CSP allows blob: URLs),
 * and a chart as PNG by drawing its SVGs (recharts) and canvases (heat timelines) onto one canvas.
 * JSON and CSV take this path in the desktop app too (Electron shows its save dialog for a download);
 * PNG there goes through main's capturePage instead (SaveButtons).
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

/** Styles that recharts sets through CSS (often CSS variables): copied as resolved values, so the SVG stands alone. */
const INLINE = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-size', 'font-family', 'font-weight', 'color'];

function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const target = to[i] as SVGElement;
    for (const p of INLINE) target.style.setProperty(p, cs.getPropertyValue(p));
  });
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    img.src = url;
  });
}

/**
 * Every chart SVG and canvas inside `root`, drawn where it sits on screen, with the headings, captions,
 * legends and elements marked data-png-text as text: one PNG of what the person sees, minus the controls.
 */
export async function elementToPng(root: HTMLElement): Promise<Blob> {
  const box = root.getBoundingClientRect();
  const scale = window.devicePixelRatio || 1;
  const pad = 16;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil((box.width + 2 * pad) * scale);
  canvas.height = Math.ceil((box.height + 2 * pad) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas here');
  ctx.scale(scale, scale);
  const rootStyle = getComputedStyle(root);
  ctx.fillStyle = rootStyle.backgroundColor && rootStyle.backgroundColor !== 'rgba(0, 0, 0, 0)' ? rootStyle.backgroundColor : getComputedStyle(document.body).backgroundColor;
  ctx.fillRect(0, 0, box.width + 2 * pad, box.height + 2 * pad);
  ctx.translate(pad, pad);

  for (const el of root.querySelectorAll<HTMLElement>('h2, h3, figcaption, .recharts-legend-item-text, [data-png-text]')) {
    if (el.querySelector('[data-png-text]')) continue; // its parts are drawn one by one
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    ctx.fillStyle = cs.color;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    ctx.textBaseline = 'top';
    ctx.fillText(el.textContent ?? '', r.left - box.left, r.top - box.top + 2, r.width + 40);
  }
  for (const svg of root.querySelectorAll<SVGSVGElement>('svg.recharts-surface')) {
    const r = svg.getBoundingClientRect();
    const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
    try {
      ctx.drawImage(await loadImage(url), r.left - box.left, r.top - box.top, r.width, r.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  for (const c of root.querySelectorAll('canvas')) {
    const r = c.getBoundingClientRect();
    ctx.drawImage(c, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** A file name that sorts by time: corescope-compare-2026-11-27T12-01-05.json */
export const stampedName = (kind: string, ext: string, t = new Date()): string => `corescope-${kind}-${t.toISOString().slice(0, 19).replace(/:/g, '-')}.${ext}`;
