/**
 * The reading view's margin: each line of a coded passage gets a gutter icon of
 * coloured stripes, one per span covering the line (outermost left, at most
 * four), the way ATLAS.ti and MAXQDA draw code bars beside the text.
 */

/** Stripes drawn at most per line; deeper nesting shows the outer four. */
export const MAX_STRIPES = 4;

/** A span as the stripes need it: its lines (0-based, inclusive) and colour. */
export interface StripeSpan {
  startLine: number;
  endLine: number;
  color: string;
}

/** For each line with a coded span, the colours of the spans covering it, in span order. */
export function stripesByLine(spans: StripeSpan[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const s of spans) {
    for (let line = s.startLine; line <= s.endLine; line++) {
      let list = out.get(line);
      if (!list) out.set(line, (list = []));
      if (list.length < MAX_STRIPES) list.push(s.color);
    }
  }
  return out;
}

/** The SVG of a gutter icon with one vertical stripe per colour. */
export function stripeSvg(colors: string[]): string {
  const w = 3;
  const gap = 1;
  const rects = colors.map((c, i) => `<rect x="${i * (w + gap)}" y="0" width="${w}" height="16" fill="${/^#[0-9a-fA-F]{6}$/.test(c) ? c : '#888888'}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">${rects}</svg>`;
}
