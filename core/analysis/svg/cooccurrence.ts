/**
 * The code co-occurrence heat map as SVG: the codes on both axes in codebook order,
 * grouped by their category (a coloured bar and the category's name at the left,
 * separator lines in the grid); a cell's shade grows with its count. The diagonal,
 * dashed, holds each code's own quotes.
 */
import { clickable, rect, svgDocument, text, type PictureItem, type RenderedPicture, type RenderOptions } from './shell';
import { ellipsize, num, textWidth, wrap } from './text';
import { plural } from '../../text/plural';

/** The parts of a Cooccurrence (core or protocol) the picture needs. */
export interface CooccurrenceInput {
  title?: string;
  codes: { id: string; name: string; color: string; status: 'active' | 'deprecated'; group?: string; quotes: number }[];
  groups: Record<string, { name: string; color: string }>;
  cells: { a: string; b: string; count: number; quoteIds: number[]; moreQuotes?: number }[];
  max: number;
}

const M = 24;
const CELL = 26;
const LABEL_SIZE = 13;
const MAX_LABEL = 330;
const GROUP_W = 150;
const SIN45 = Math.SQRT1_2;

/** Shade of a cell: opacity of the heat colour for `count` of `max`. */
export function heatOpacity(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.round((0.15 + 0.85 * Math.min(1, count / max)) * 100) / 100;
}

/**
 * The legend of the heat scale on one line at `y`, from `x`: `label`, then a
 * swatch for 1, a quarter, half and three quarters of `max`, and `max`. For `max > 0`.
 */
export function heatLegend(x: number, y: number, label: string, max: number): string[] {
  const steps = [...new Set([1, Math.ceil(max / 4), Math.ceil(max / 2), Math.ceil((3 * max) / 4), max])];
  const out = [text(x, y + 12, label, 'small muted')];
  x += textWidth(label, 11.5) + 12;
  for (const v of steps) {
    const op = heatOpacity(v, max);
    out.push(rect(x, y, 22, 16, `class="heat" fill-opacity="${op}"`));
    out.push(text(x + 11, y + 12, String(v), op >= 0.55 ? 'small on-heat' : 'small', 'middle'));
    x += 26;
  }
  return out;
}

export function renderCooccurrenceSvg(data: CooccurrenceInput, opts: RenderOptions = {}): RenderedPicture {
  const codes = data.codes;
  const n = codes.length;
  const cellOf = new Map<string, CooccurrenceInput['cells'][number]>();
  for (const c of data.cells) cellOf.set(`${c.a}|${c.b}`, c);
  const lookup = (i: number, j: number) => {
    const [x, y] = i <= j ? [i, j] : [j, i];
    return cellOf.get(`${codes[x].id}|${codes[y].id}`);
  };
  const items: Record<string, PictureItem> = {};
  const body: string[] = [];
  const heading = `Code co-occurrence${data.title ? ` — ${data.title}` : ''}`;
  const note = 'Two codes co-occur in a speaker turn, or where their spans overlap across turns or outside them; each such unit counts once. Dashed diagonal: the code’s own quotes.';

  const grouped = codes.some((c) => c.group);
  const labels = codes.map((c) => ellipsize(c.name, MAX_LABEL, LABEL_SIZE));
  const labelW = Math.max(60, ...labels.map((l) => textWidth(l, LABEL_SIZE))) + 26;
  const gx = M + (grouped ? GROUP_W + 12 : 0) + labelW;
  const headerTop = M + 62;
  const colHeader = Math.max(40, ...labels.map((l) => textWidth(l, LABEL_SIZE))) * SIN45 + 18;
  const gy = headerTop + colHeader;
  const gridW = n * CELL;
  const width = Math.max(gx + Math.max(0, n - 1) * CELL + CELL / 2 + colHeader + M, textWidth(heading, 17, true) + 2 * M, 560);

  body.push(text(M, M + 16, heading, 'title'));
  const noteLines = wrap(note, width - 2 * M, 12);
  noteLines.forEach((l, i) => body.push(text(M, M + 40 + i * 16, l, 'muted small')));

  if (n === 0) {
    body.push(text(M, gy, 'No codes to compare yet.', 'muted'));
    const height = gy + M;
    return { svg: svgDocument(width, height, heading, body, opts), width: Math.ceil(width), height: Math.ceil(height), items };
  }

  // Group bars and names at the left.
  if (grouped) {
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && codes[i].group === codes[start].group) continue;
      const g = codes[start].group;
      if (g) {
        const info = data.groups[g] ?? { name: g, color: '#808080' };
        const top = gy + start * CELL;
        const h = (i - start) * CELL;
        body.push(rect(M + GROUP_W + 4, top + 3, 4, h - 6, `rx="2" fill="${info.color}"`));
        const maxLines = Math.max(1, Math.floor((h - 4) / 15));
        const lines = wrap(info.name, GROUP_W - 6, 11.5, { bold: true, maxLines });
        lines.forEach((l, k) => body.push(text(M + GROUP_W - 2, top + 15 + k * 15, l, 'small bold muted', 'end')));
      }
      start = i;
    }
  }

  // Row and column labels.
  codes.forEach((c, i) => {
    const cls = c.status === 'deprecated' ? 'deprecated' : '';
    const y = gy + i * CELL;
    body.push(rect(gx - 16, y + CELL / 2 - 4, 8, 8, `rx="2" fill="${c.color}"`));
    body.push(text(gx - 22, y + CELL / 2 + 4.5, labels[i], cls, 'end', ''));
    const x = gx + i * CELL + CELL / 2;
    body.push(`<g transform="rotate(-45 ${num(x)} ${num(gy - 8)})">${text(x, gy - 8, labels[i], cls)}</g>`);
  });

  // Cells. An exported picture (a file, the html report) is not clicked: its
  // empty cells are one filled square under a path of the gaps between cells,
  // so the file grows with the co-occurring pairs, not with the square of the
  // codebook (500 codes were 250,000 groups, 75 MB).
  const exporting = opts.mode === 'export';
  if (exporting) {
    const gaps: string[] = [];
    for (let i = 0; i <= n; i++) gaps.push(`M${num(gx)} ${num(gy + i * CELL)}H${num(gx + gridW)}M${num(gx + i * CELL)} ${num(gy)}V${num(gy + gridW)}`);
    body.push(rect(gx, gy, gridW, gridW, 'class="zero"'), `<path class="gaps" d="${gaps.join('')}"/>`);
  }
  // A static page centres every number with one attribute on the cells' group.
  const anchor = opts.static ? 'start' : 'middle';
  if (opts.static) body.push('<g text-anchor="middle">');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = lookup(i, j);
      const count = c?.count ?? 0;
      if (exporting && count === 0 && i !== j) continue;
      const x = gx + j * CELL;
      const y = gy + i * CELL;
      const a = codes[i];
      const b = codes[j];
      const diag = i === j;
      const op = diag ? 0 : heatOpacity(count, data.max);
      const inner = [
        diag
          ? rect(x + 1, y + 1, CELL - 2, CELL - 2, 'class="diag"')
          : count > 0
            ? rect(x + 0.5, y + 0.5, CELL - 1, CELL - 1, `class="heat" fill-opacity="${op}"`)
            : rect(x + 0.5, y + 0.5, CELL - 1, CELL - 1, 'class="zero"'),
      ];
      if (count > 0) {
        const cls = diag ? 'small muted' : op >= 0.55 ? 'small on-heat' : 'small';
        inner.push(text(x + CELL / 2, y + CELL / 2 + 4, String(count), cls, anchor));
      }
      const label = diag ? `${a.name}: ${plural(count, 'quote')}` : `${a.name} × ${b.name}: ${plural(count, 'co-occurrence')}`;
      const key = `cell:${a.id}|${b.id}`;
      items[key] = {
        title: diag ? a.name : `${a.name} × ${b.name}`,
        detail: diag ? `Code ${a.id}: ${plural(count, 'quote')}` : `${plural(count, 'co-occurrence')} of ${a.id} and ${b.id}`,
        quoteIds: c?.quoteIds ?? [],
        ...(c?.moreQuotes ? { more: c.moreQuotes } : {}),
      };
      body.push(clickable(key, label, inner, { x: x + 0.5, y: y + 0.5, w: CELL - 1, h: CELL - 1 }, opts));
    }
  }
  if (opts.static) body.push('</g>');

  // Grid frame and the separators between category groups.
  body.push(rect(gx, gy, gridW, gridW, 'class="grid"'));
  for (let i = 1; i < n; i++) {
    if (codes[i].group === codes[i - 1].group) continue;
    const p = gx + i * CELL;
    const q = gy + i * CELL;
    body.push(`<path class="sep" d="M${num(gx - 4)} ${num(q)} H${num(gx + gridW)} M${num(p)} ${num(gy - 4)} V${num(gy + gridW)}"/>`);
  }

  // Legend: the shade scale.
  let y = gy + gridW + 30;
  if (data.max > 0) {
    body.push(...heatLegend(M, y, 'Co-occurrences:', data.max));
    y += 26;
  } else {
    body.push(text(M, y + 12, 'No two codes co-occur yet.', 'small muted'));
    y += 26;
  }
  const height = y + M - 6;
  return { svg: svgDocument(width, height, heading, body, opts), width: Math.ceil(width), height: Math.ceil(height), items };
}
