/**
 * A view as a slide-ready PNG, drawn by the browser itself: the element is cloned with every computed
 * style written onto the clone, its canvases replaced by their pictures, and the clone laid out inside
 * an SVG <foreignObject>, which the page rasterises at 2× (at least 1600 px wide) onto a canvas. So the
 * picture is laid out exactly as on screen — titles wrapped where they wrap, legends (the heat ramp's
 * gradient too), tables — with the controls (marked data-png-skip) left out.
 * The desktop app saves the same PNG (its shell only asks where and writes it), and the HTML report
 * (report.ts) inlines the same layout as an SVG in an HTML page (elementToInlineSvg).
 */

const XHTML = 'http://www.w3.org/1999/xhtml';
const SVG = 'http://www.w3.org/2000/svg';
/** a slide is 1600–1920 px wide: never narrower than this, and never under 2 device pixels per CSS pixel */
const PNG_MIN_WIDTH = 1600;
const PAD = 16;
const SLACK = 1.2;

/**
 * A frame without the page's stylesheet: the computed style of a bare element of each kind, and the
 * height the finished clone lays out to there (the controls left out make it shorter than on screen).
 */
function styleFrame(width: number): { of(el: Element): CSSStyleDeclaration; heightOf(clone: HTMLElement): number; dispose(): void } {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = `position:fixed;left:-100000px;top:0;width:${Math.ceil(width) + 40}px;height:10px;border:0;visibility:hidden`;
  document.body.append(frame);
  const doc = frame.contentDocument;
  if (!doc) throw new Error('no document to read default styles in');
  const svgHolder = doc.createElementNS(SVG, 'svg');
  doc.body.append(svgHolder);
  const cache = new Map<string, CSSStyleDeclaration>();
  return {
    of(el) {
      const key = `${el.namespaceURI ?? ''}|${el.localName}`;
      let style = cache.get(key);
      if (!style) {
        const bare = doc.createElementNS(el.namespaceURI, el.localName);
        (el.namespaceURI === SVG && el.localName !== 'svg' ? svgHolder : doc.body).append(bare);
        style = frame.contentWindow!.getComputedStyle(bare);
        cache.set(key, style);
      }
      return style;
    },
    heightOf(clone) {
      const placed = doc.importNode(clone, true);
      doc.body.append(placed);
      const h = placed.getBoundingClientRect().height;
      placed.remove();
      return h;
    },
    dispose: () => frame.remove(),
  };
}

const HEIGHTS = new Set(['height', 'block-size']);
const WIDTHS = new Set(['width', 'inline-size']);
const TABLE_PARTS = new Set(['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td']);
const REPLACED = new Set(['img', 'canvas', 'svg', 'video']);

/**
 * Writes onto `to` each property of `from` that differs from a bare element's or from its parent's:
 * by induction the clone then computes every property as the original does, with a short style.
 * Text in an SVG image measures a little wider than on screen and may wrap once more, so used heights
 * of elements with text are left to the layout (except where the element fixes its own: recharts'
 * wrappers), and a table's parts size themselves.
 */
function copyStyle(from: Element, to: Element, bare: CSSStyleDeclaration, parent: CSSStyleDeclaration | null): void {
  const cs = getComputedStyle(from);
  const own = (from as HTMLElement).style as CSSStyleDeclaration | undefined;
  // an element without text (a swatch, the heat ramp) keeps its height: nothing in it can wrap
  const fixed = REPLACED.has(from.localName) || from.namespaceURI === SVG || !from.textContent?.trim();
  const tablePart = TABLE_PARTS.has(from.localName);
  const parts: string[] = [];
  for (let i = 0; i < cs.length; i++) {
    const p = cs[i];
    if (p.startsWith('transition') || p.startsWith('animation')) continue;
    if (!fixed && !own?.getPropertyValue(p) && (HEIGHTS.has(p) || (tablePart && WIDTHS.has(p) && from.localName !== 'table'))) continue;
    const v = cs.getPropertyValue(p);
    // a custom property always inherits: the parent's copy carries it (every element wrote all ~60 of them)
    if (p.startsWith('--') && parent && v === parent.getPropertyValue(p)) continue;
    if (v !== bare.getPropertyValue(p) || (parent && v !== parent.getPropertyValue(p))) parts.push(`${p}:${v}`);
  }
  to.setAttribute('style', parts.join(';'));
}

/** The picture a canvas holds, as an <img> with the canvas's box. */
function canvasAsImage(canvas: HTMLCanvasElement, clone: Element): HTMLImageElement {
  const img = document.createElementNS(XHTML, 'img') as HTMLImageElement;
  img.setAttribute('src', canvas.toDataURL('image/png'));
  img.setAttribute('style', clone.getAttribute('style') ?? '');
  const label = canvas.getAttribute('aria-label');
  if (label) img.setAttribute('alt', label);
  return img;
}

interface ViewSvg {
  /** a standalone SVG document: the view in a foreignObject, sized for the PNG */
  svg: string;
  /** its size in pixels (the height with room to spare), and device pixels per CSS pixel */
  width: number;
  height: number;
  scale: number;
  /** the margin around the view, in pixels */
  pad: number;
}

/** The view cloned with every computed style written on, laid out as on screen, controls left out. */
interface ViewClone {
  clone: HTMLElement;
  background: string;
  /** the view's width on screen, and the picture's size around it (margins, room for text that wraps once more) */
  viewWidth: number;
  w: number;
  h: number;
}

function cloneView(root: HTMLElement, slack: number): ViewClone {
  const box = root.getBoundingClientRect();
  const clone = root.cloneNode(true) as HTMLElement;
  const frame = styleFrame(box.width);
  let viewHeight: number;
  try {
    const walk = (from: Element, to: Element, parent: CSSStyleDeclaration | null) => {
      copyStyle(from, to, frame.of(from), parent);
      const own = getComputedStyle(from);
      const kids = from.children;
      const cloneKids = [...to.children];
      for (let i = 0; i < kids.length; i++) walk(kids[i], cloneKids[i], own);
    };
    walk(root, clone, null);
    const originals = [...root.querySelectorAll('canvas')];
    [...clone.querySelectorAll('canvas')].forEach((c, i) => c.replaceWith(canvasAsImage(originals[i], c)));
    for (const skip of clone.querySelectorAll<HTMLElement>('[data-png-skip]')) skip.remove();
    // the view's own width: the picture is laid out as the screen shows it
    clone.style.setProperty('width', `${box.width}px`);
    clone.style.setProperty('margin', '0');
    viewHeight = Math.ceil(frame.heightOf(clone));
  } finally {
    frame.dispose();
  }
  // a solid background: a PNG has no page behind it
  const w = box.width + 2 * PAD;
  return { clone, background: pageBackground(root), viewWidth: box.width, w, h: Math.ceil(viewHeight * slack) + 2 * PAD };
}

/** The element as a standalone SVG document, laid out as on screen. */
function elementToSvg(root: HTMLElement): ViewSvg {
  // room for text that wraps once more in the image than on screen; elementToPng crops what is left over
  const { clone, background, viewWidth, w, h } = cloneView(root, SLACK);
  clone.setAttribute('xmlns', XHTML);
  const scale = Math.max(2, PNG_MIN_WIDTH / w);
  const width = Math.ceil(w * scale);
  const height = Math.ceil(h * scale);
  const body = new XMLSerializer().serializeToString(clone);
  const svg =
    `<svg xmlns="${SVG}" width="${width}" height="${height}" viewBox="0 0 ${w} ${h}">` +
    `<rect width="100%" height="100%" fill="${background}"/>` +
    `<foreignObject x="${PAD}" y="${PAD}" width="${viewWidth}" height="${h - 2 * PAD}">${body}</foreignObject></svg>`;
  return { svg, width, height, scale, pad: Math.ceil(PAD * scale) };
}

/**
 * The element as an <svg> to write inside an HTML page (the report): the same layout as the PNG's, in
 * HTML's own serialisation (no namespace URLs: an HTML parser gives <svg> and what a foreignObject holds
 * their namespaces itself), at the view's size and scaling down to a narrower window. Whatever a
 * reader's browser wraps once more spills below rather than being cut.
 */
export function elementToInlineSvg(root: HTMLElement, label: string): string {
  const { clone, background, viewWidth, w, h } = cloneView(root, 1.05);
  // what a library wrote as an attribute (recharts' tooltip: xmlns="…xhtml"): the HTML parser needs none
  for (const el of [clone, ...clone.querySelectorAll('*')])
    for (const name of el.getAttributeNames()) if (name === 'xmlns' || name.startsWith('xmlns:')) el.removeAttribute(name);
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    `<svg class="view" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${attr(label)}" style="overflow:visible">` +
    `<rect width="100%" height="100%" fill="${attr(background)}"/>` +
    `<foreignObject x="${PAD}" y="${PAD}" width="${viewWidth}" height="${h - 2 * PAD}" style="overflow:visible">${clone.outerHTML}</foreignObject></svg>`
  );
}

/** The first solid background from the element up (the panel's, else the page's). */
function pageBackground(el: HTMLElement): string {
  for (let e: HTMLElement | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
  }
  return '#ffffff';
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the view could not be drawn as an image'));
    img.src = url;
  });
}

/** How many rows from the top hold anything but the background (the rest is the layout's spare room). */
function usedRows(ctx: CanvasRenderingContext2D, width: number, height: number): number {
  const px = ctx.getImageData(0, 0, width, height).data;
  const [r, g, b] = [px[0], px[1], px[2]];
  for (let y = height - 1; y > 0; y--) {
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) if (Math.abs(px[o] - r) + Math.abs(px[o + 1] - g) + Math.abs(px[o + 2] - b) > 6) return y + 1;
  }
  return height;
}

/** The element as a PNG at 2× (≥ 1600 px wide), laid out as on screen, controls left out. */
export async function elementToPng(root: HTMLElement): Promise<Blob> {
  const { svg, width, height, pad } = elementToSvg(root);
  // a data: URL, not a blob: one — Chromium taints a canvas that drew a foreignObject from a blob: URL
  const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
  const full = document.createElement('canvas');
  full.width = width;
  full.height = height;
  const ctx = full.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d canvas here');
  ctx.drawImage(img, 0, 0, width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = Math.min(height, usedRows(ctx, width, height) + pad);
  canvas.getContext('2d')?.drawImage(full, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
