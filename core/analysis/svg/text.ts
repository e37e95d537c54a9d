/**
 * Text helpers for the SVG pictures: XML escaping, and line breaking with widths
 * estimated from DejaVu Sans metrics (the widest of the usual UI sans-serif fonts,
 * so the estimate errs on the roomy side for Segoe UI, Helvetica or Arial).
 */

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Advance widths in thousandths of an em (DejaVu Sans Book).
const WIDTHS: Record<string, number> = {
  ' ': 318, '!': 401, '"': 460, '#': 838, $: 636, '%': 950, '&': 780, "'": 275, '(': 390, ')': 390, '*': 500, '+': 838,
  ',': 318, '-': 361, '.': 318, '/': 337, ':': 337, ';': 337, '<': 838, '=': 838, '>': 838, '?': 531, '@': 1000,
  '[': 390, '\\': 337, ']': 390, _: 500, '{': 636, '|': 337, '}': 636, '~': 838,
  A: 684, B: 686, C: 698, D: 770, E: 632, F: 575, G: 775, H: 752, I: 295, J: 295, K: 656, L: 557, M: 863,
  N: 748, O: 787, P: 603, Q: 787, R: 695, S: 635, T: 611, U: 732, V: 684, W: 989, X: 685, Y: 611, Z: 685,
  a: 613, b: 635, c: 550, d: 635, e: 615, f: 352, g: 635, h: 634, i: 278, j: 278, k: 579, l: 278, m: 974,
  n: 634, o: 612, p: 635, q: 635, r: 411, s: 521, t: 392, u: 634, v: 592, w: 818, x: 592, y: 592, z: 525,
  '‘': 318, '’': 318, '“': 518, '”': 518, '–': 500, '—': 1000, '…': 1000, '·': 318, '×': 838, '›': 390,
};
const DIGIT = 636;
const DEFAULT = 640;

/** Estimated width in pixels of `s` at `size` px; bold text is about 15% wider. */
export function textWidth(s: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') w += DIGIT;
    else w += WIDTHS[ch] ?? (/\p{M}/u.test(ch) ? 0 : /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 1000 : DEFAULT);
  }
  return (w / 1000) * size * (bold ? 1.15 : 1);
}

/**
 * Breaks `s` into lines no wider than `max` px, at spaces (a word longer than a
 * line is cut). With `maxLines`, the last line ends in `…` when text is left over.
 */
export function wrap(s: string, max: number, size: number, opts: { bold?: boolean; maxLines?: number } = {}): string[] {
  const words = s.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  const fits = (t: string) => textWidth(t, size, opts.bold) <= max;
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    // A word wider than a line is cut into pieces that fit.
    while (!fits(word)) {
      let cut = word.length - 1;
      while (cut > 1 && !fits(word.slice(0, cut))) cut--;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    line = word;
  }
  if (line) lines.push(line);
  if (lines.length === 0) lines.push('');
  if (opts.maxLines !== undefined && lines.length > opts.maxLines) {
    const kept = lines.slice(0, opts.maxLines);
    kept[kept.length - 1] = ellipsize(`${kept[kept.length - 1]} ${lines[opts.maxLines]}`, max, size, opts.bold);
    return kept;
  }
  return lines;
}

/** `s` cut to fit `max` px, ending in `…` when cut. */
export function ellipsize(s: string, max: number, size: number, bold = false): string {
  if (textWidth(s, size, bold) <= max) return s;
  const chars = [...s];
  let n = chars.length;
  while (n > 0 && textWidth(chars.slice(0, n).join('').trimEnd() + '…', size, bold) > max) n--;
  return chars.slice(0, n).join('').trimEnd() + '…';
}

/** Relative luminance of `#rrggbb` (0 black … 1 white). */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 0.5;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The text class that reads best on a fill of this colour. */
export function textOn(hex: string): 'on-light' | 'on-dark' {
  // Contrast against near-black (#1e1e1e, L≈0.013) versus white.
  const l = luminance(hex);
  return (l + 0.05) / 0.063 >= 1.05 / (l + 0.05) ? 'on-light' : 'on-dark';
}

/** A number for an attribute, without needless decimals. */
export function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

