/**
 * The code × case matrix as SVG: the codebook's tree down the side (categories in
 * bold on a band, codes indented under them), a column per case and a total
 * column; code cells are shaded by their count, and every cell shows it.
 */
import { heatLegend, heatOpacity } from './cooccurrence';
import { clickable, rect, svgDocument, text, type PictureItem, type RenderedPicture, type RenderOptions } from './shell';
import { ellipsize, textWidth, wrap } from './text';
import { plural } from '../../text/plural';
import type { CaseInfo, MatrixCell, MatrixRow } from '../types';

/** The parts of a CaseMatrix (core or protocol) the picture needs. */
export interface MatrixInput {
  title?: string;
  cases: Pick<CaseInfo, 'id' | 'label' | 'transcripts'>[];
  rows: MatrixRow[];
  caseTotals: MatrixCell[];
  total: MatrixCell;
  max: number;
  /** The heading of the total column (default `Total`); the html report says `All cases` when it shows only some. */
  totalHeading?: string;
}

const M = 24;
const ROW_H = 24;
const INDENT = 16;
const SIZE = 13;
const MAX_LABEL_W = 560;
const TOTAL_W = 70;

export function renderMatrixSvg(data: MatrixInput, opts: RenderOptions = {}): RenderedPicture {
  const items: Record<string, PictureItem> = {};
  const body: string[] = [];
  const heading = `Codes × cases${data.title ? ` — ${data.title}` : ''}`;
  const note = 'Quotes per code in each case; a category counts the distinct quotes of everything under it. Cases come from the front matter’s case, else the transcript.';

  // Row labels.
  const labelOf = (r: MatrixInput['rows'][number]) =>
    ellipsize(r.name, MAX_LABEL_W - r.depth * INDENT - 20, SIZE, r.kind === 'category');
  const labels = data.rows.map(labelOf);
  const labelW = Math.max(180, ...data.rows.map((r, i) => 20 + r.depth * INDENT + textWidth(labels[i], SIZE, r.kind === 'category'))) + 16;

  // Case columns.
  const colW = data.cases.map((c) =>
    Math.max(64, Math.min(150, textWidth(c.label, SIZE, true) + 20), textWidth(plural(c.transcripts.length, 'transcript'), 11.5) + 16),
  );
  const caseLines = data.cases.map((c, i) => wrap(c.label, colW[i] - 10, SIZE, { bold: true, maxLines: 2 }));
  const headLines = Math.max(1, ...caseLines.map((l) => l.length));
  const x0 = M + labelW;
  const colX: number[] = [];
  let x = x0;
  for (const w of colW) {
    colX.push(x);
    x += w;
  }
  const totalX = x;
  const gridRight = totalX + TOTAL_W;
  const width = Math.max(gridRight + M, textWidth(heading, 17, true) + 2 * M, 520);

  body.push(text(M, M + 16, heading, 'title'));
  const noteLines = wrap(note, width - 2 * M, 12);
  noteLines.forEach((l, i) => body.push(text(M, M + 40 + i * 16, l, 'muted small')));
  const headTop = M + 40 + noteLines.length * 16 + 12;

  // Column headers: the case, and how many transcripts it has.
  data.cases.forEach((c, i) => {
    const cx = colX[i] + colW[i] / 2;
    caseLines[i].forEach((l, k) => body.push(text(cx, headTop + 14 + k * 17, l, 'bold', 'middle')));
    body.push(text(cx, headTop + 14 + headLines * 17, plural(c.transcripts.length, 'transcript'), 'small muted', 'middle'));
  });
  wrap(data.totalHeading ?? 'Total', TOTAL_W - 6, SIZE, { bold: true, maxLines: 2 }).forEach((l, k) => body.push(text(totalX + TOTAL_W / 2, headTop + 14 + k * 17, l, 'bold', 'middle')));
  body.push(text(M, headTop + 14 + headLines * 17, data.cases.length ? plural(data.cases.length, 'case') : 'No transcripts yet', 'small muted'));
  const gy = headTop + 14 + headLines * 17 + 14;

  // A static page centres the numbers of a row with one attribute on the row's
  // group instead of one per cell (the grid is most of the picture's bytes).
  const anchor = opts.static ? 'start' : 'middle';
  const cellParts = (count: number, cx: number, cy: number, w: number, shade: boolean, bold: boolean): string[] => {
    const op = shade ? heatOpacity(count, data.max) : 0;
    const parts = [op > 0 ? rect(cx + 1, cy + 1, w - 2, ROW_H - 2, `class="heat" fill-opacity="${op}"`) : ''];
    const cls = [count === 0 ? 'muted' : op >= 0.55 ? 'on-heat' : '', bold ? 'bold' : ''].filter(Boolean).join(' ');
    parts.push(text(cx + w / 2, cy + ROW_H / 2 + 4.5, String(count), cls, anchor));
    return parts.filter(Boolean);
  };
  const centred = (start: number) => {
    if (opts.static) body.splice(start, 0, '<g text-anchor="middle">'), body.push('</g>');
  };

  let y = gy;
  data.rows.forEach((r, ri) => {
    const category = r.kind === 'category';
    if (category) body.push(rect(M - 6, y, gridRight - M + 6, ROW_H, 'class="band"'));
    const lx = M + r.depth * INDENT;
    body.push(rect(lx, y + ROW_H / 2 - 4, 8, 8, `rx="2" fill="${r.color}"`));
    const cls = [category ? 'bold' : '', r.status === 'deprecated' ? 'deprecated' : ''].filter(Boolean).join(' ');
    body.push(text(lx + 14, y + ROW_H / 2 + 4.5, labels[ri], cls));
    const cellsStart = body.length;
    data.cases.forEach((c, ci) => {
      const cell = r.cells[ci] ?? { count: 0, quoteIds: [] };
      const key = `cell:${r.id}|${c.id}`;
      // An exported picture is not clicked: an empty cell is its 0 alone, so a
      // large codebook over many cases does not multiply into tooltips and hit areas.
      if (opts.mode === 'export' && cell.count === 0) {
        body.push(...cellParts(0, colX[ci], y, colW[ci], !category, category));
        return;
      }
      items[key] = { title: `${r.name} — ${c.label}`, detail: `${plural(cell.count, 'quote')} in case ${c.label}`, quoteIds: cell.quoteIds, ...moreOf(cell) };
      body.push(clickable(key, `${r.name}, ${c.label}: ${plural(cell.count, 'quote')}`, cellParts(cell.count, colX[ci], y, colW[ci], !category, category), { x: colX[ci] + 1, y: y + 1, w: colW[ci] - 2, h: ROW_H - 2 }, opts));
    });
    const tkey = `total:${r.id}`;
    items[tkey] = { title: r.name, detail: `${plural(r.total.count, 'quote')} in all cases`, quoteIds: r.total.quoteIds, ...moreOf(r.total) };
    body.push(clickable(tkey, `${r.name}: ${plural(r.total.count, 'quote')}`, cellParts(r.total.count, totalX, y, TOTAL_W, false, true), { x: totalX + 1, y: y + 1, w: TOTAL_W - 2, h: ROW_H - 2 }, opts));
    centred(cellsStart);
    y += ROW_H;
  });

  // The totals row: every coded quote per case.
  body.push(`<path class="sep" d="M${M - 6} ${y + 3} H${gridRight}"/>`);
  y += 6;
  body.push(text(M, y + ROW_H / 2 + 4.5, 'All coded quotes', 'bold'));
  const totalsStart = body.length;
  data.cases.forEach((c, ci) => {
    const cell = data.caseTotals[ci] ?? { count: 0, quoteIds: [] };
    const key = `casetotal:${c.id}`;
    items[key] = { title: `Case ${c.label}`, detail: `${plural(cell.count, 'coded quote')} in ${plural(c.transcripts.length, 'transcript')}`, quoteIds: cell.quoteIds, ...moreOf(cell) };
    body.push(clickable(key, `${c.label}: ${plural(cell.count, 'coded quote')}`, cellParts(cell.count, colX[ci], y, colW[ci], false, true), { x: colX[ci] + 1, y: y + 1, w: colW[ci] - 2, h: ROW_H - 2 }, opts));
  });
  items['total:*'] = { title: 'All coded quotes', detail: plural(data.total.count, 'quote'), quoteIds: data.total.quoteIds, ...moreOf(data.total) };
  body.push(clickable('total:*', `All coded quotes: ${data.total.count}`, cellParts(data.total.count, totalX, y, TOTAL_W, false, true), { x: totalX + 1, y: y + 1, w: TOTAL_W - 2, h: ROW_H - 2 }, opts));
  centred(totalsStart);
  y += ROW_H;

  // Column rules.
  for (const cx of [...colX, totalX]) body.push(`<path class="grid" d="M${cx} ${gy} V${y}"/>`);
  body.push(`<path class="grid" d="M${gridRight} ${gy} V${y}"/>`);

  y += 30;
  if (data.max > 0) {
    body.push(...heatLegend(M, y, 'Quotes per code and case:', data.max));
    y += 16;
  }
  const height = y + M;
  return { svg: svgDocument(width, height, heading, body, opts), width: Math.ceil(width), height: Math.ceil(height), items };
}

/** The `more` of a clickable item: the quotes the server left out of the cell's list. */
function moreOf(cell: { moreQuotes?: number }): { more?: number } {
  return cell.moreQuotes ? { more: cell.moreQuotes } : {};
}
