import { pictureCss, LIGHT_PALETTE, type Palette } from './theme';
import { num, xml } from './text';

/** How to render: `theme` for a page that supplies the stylesheet (the webview), `export` for a standalone .svg file. */
export interface RenderOptions {
  mode?: 'theme' | 'export';
  /** Colours of an export (default: light). */
  palette?: Palette;
  /**
   * A picture that is read, not clicked (the html report): no click keys, hit
   * areas, focus or per-element tooltips, and the pictures drop what only a click
   * would show, so a large grid costs a few bytes per cell.
   */
  static?: boolean;
}

/** What clicking an element lists: a heading, a line of detail, and the quotes (indices into the picture's quote table). */
export interface PictureItem {
  title: string;
  detail: string;
  quoteIds: number[];
  /** Quotes of the element left out of `quoteIds` (the server caps each list): the page shows `… N more`. */
  more?: number;
}

export interface RenderedPicture {
  svg: string;
  width: number;
  height: number;
  /** By `data-key` of the clickable elements. */
  items: Record<string, PictureItem>;
}

/** Wraps the body in an <svg> element; an export gets the XML declaration, the stylesheet and a background. */
export function svgDocument(width: number, height: number, title: string, body: string[], opts: RenderOptions): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  const exporting = opts.mode === 'export';
  return [
    exporting ? '<?xml version="1.0" encoding="UTF-8"?>' : '',
    `<svg xmlns="http://www.w3.org/2000/svg" class="axial-picture" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${xml(title)}">`,
    `<title>${xml(title)}</title>`,
    exporting ? `<style>\n${pictureCss(opts.palette ?? LIGHT_PALETTE, !opts.static)}\n</style>` : '',
    exporting ? `<rect class="bg" x="0" y="0" width="${w}" height="${h}"/>` : '',
    ...body,
    '</svg>',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** A text element; `cls` are classes, `anchor` the text-anchor. */
export function text(x: number, y: number, s: string, cls = '', anchor: 'start' | 'middle' | 'end' = 'start', extra = ''): string {
  const c = cls ? ` class="${cls}"` : '';
  const a = anchor !== 'start' ? ` text-anchor="${anchor}"` : '';
  return `<text x="${num(x)}" y="${num(y)}"${c}${a}${extra}>${xml(s)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, attrs = ''): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}"${attrs ? ' ' + attrs : ''}/>`;
}

/**
 * A clickable element: a group with its `data-key`, a tooltip, the content, and a
 * transparent hit area on top that also draws the hover and selection outline.
 */
export function clickable(key: string, label: string, inner: string[], hit: { x: number; y: number; w: number; h: number; rx?: number }, opts: RenderOptions): string {
  // Nothing to click on a static page: the drawing alone (labels and numbers say it all).
  if (opts.static) return inner.join('\n');
  const focus = opts.mode === 'export' ? '' : ' tabindex="0" role="button"';
  const rx = hit.rx ? ` rx="${num(hit.rx)}"` : '';
  return [
    `<g data-key="${xml(key)}"${focus} aria-label="${xml(label)}">`,
    `<title>${xml(label)}</title>`,
    ...inner,
    rect(hit.x, hit.y, hit.w, hit.h, `class="hit"${rx}`),
    '</g>',
  ].join('\n');
}
