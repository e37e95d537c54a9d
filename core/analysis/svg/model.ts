/**
 * The axial model as SVG, drawn the way the paper's Figure 1 reads: the core
 * category at the top, a column below it for each of its branches (the
 * dimensions, the termination), each holding its categories as cards that list
 * their codes. Every node shows its quotes and cases; a tinted bar behind each
 * code is proportional to its quotes.
 */
import { clickable, rect, svgDocument, text, type PictureItem, type RenderedPicture, type RenderOptions } from './shell';
import { num, textOn, textWidth, wrap } from './text';
import { plural } from '../../text/plural';
import type { AnalysisNode } from '../types';

/** The parts of an AxialModel (core or protocol) the picture needs. */
export interface ModelInput {
  title?: string;
  nodes: Pick<AnalysisNode, 'id' | 'name' | 'kind' | 'status' | 'color' | 'depth' | 'children' | 'quotes' | 'cases' | 'quoteIds' | 'moreQuotes'>[];
  roots: string[];
  cases: { id: string; label: string }[];
  unknown: { id: string; quotes: number }[];
  totals: { quotes: number; cases: number };
}

type Node = ModelInput['nodes'][number];

interface Card {
  title?: Node;
  /** Nodes listed in the card, with their indentation level. */
  rows: { node: Node; level: number }[];
}

interface Column {
  header?: Node;
  cards: Card[];
}

const M = 24;
const COL_W = 300;
const COL_GAP = 24;
/** Between the stacks of cards of one column. */
const STACK_GAP = 12;
const CARD_GAP = 10;
const ROW_SIZE = 13;
const ROW_LINE = 16;
/** Height of a row's quote bar, drawn under the row's text. */
const BAR_H = 3;
const INDENT = 14;

/** The key of the synthetic core when the codebook has several top-level nodes. */
export const MODEL_TOTAL_KEY = 'total';

/**
 * The axial model as SVG: the core box, a column per branch of the core (its
 * header box and its cards, in stacks when a column is much taller than the
 * others), then the legend. `items` tells the webview what each clickable part is.
 */
export function renderModelSvg(model: ModelInput, opts: RenderOptions = {}): RenderedPicture {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const items: Record<string, PictureItem> = {};
  const counts = (n: { quotes: number; cases: number }) => `${plural(n.quotes, 'quote')} · ${plural(n.cases, 'case')}`;
  const addItem = (n: Node) => {
    items[`node:${n.id}`] = {
      title: n.name,
      detail: `${n.kind === 'category' ? 'Category' : 'Code'} ${n.id}${n.status === 'deprecated' ? ' (deprecated)' : ''}: ${counts(n)}`,
      quoteIds: n.quoteIds,
      ...(n.moreQuotes ? { more: n.moreQuotes } : {}),
    };
  };

  // The core: the one root, or the codebook itself when there are several.
  const single = model.roots.length === 1 ? byId.get(model.roots[0]) : undefined;
  const coreChildren = (single ? single.children : model.roots).map((id) => byId.get(id)!).filter(Boolean);
  const columns = layoutColumns(coreChildren, byId);
  const maxQuotes = Math.max(1, ...columns.flatMap((c) => c.cards.flatMap((k) => k.rows.map((r) => r.node.quotes))));
  const draw: Draw = { opts, items, counts, addItem, maxQuotes, countW: textWidth(`${maxQuotes} · ${model.cases.length}`, 12) + 10 };

  const body: string[] = [];
  const heading = `Axial model${model.title ? ` — ${model.title}` : ''}`;
  const stacks = stackColumns(columns, draw);
  const colWidth = (ci: number) => stacks[ci].parts.length * COL_W + (stacks[ci].parts.length - 1) * STACK_GAP;
  const nColumns = Math.max(1, columns.length);
  const innerW = columns.length ? columns.reduce((w, _, ci) => w + colWidth(ci), 0) + (nColumns - 1) * COL_GAP : COL_W;
  const width = Math.max(innerW + 2 * M, textWidth(heading, 17, true) + 2 * M);
  body.push(text(M, M + 16, heading, 'title'));

  const core = drawCore(body, model, single, innerW, draw);
  if (model.nodes.length === 0) {
    body.push(text(M + innerW / 2, core.y + core.h + 40, 'The codebook has no codes yet.', 'muted', 'middle'));
  }

  // Columns: the branch's box across the column, its cards in stacks below.
  const coreBottom = core.y + core.h;
  const busY = coreBottom + 22;
  const colTop = busY + 22;
  let bottom = coreBottom;
  let x = M;
  columns.forEach((col, ci) => {
    const cw = colWidth(ci);
    body.push(`<path class="edge" d="M${num(core.x + core.w / 2)} ${num(coreBottom)} V${num(busY)} H${num(x + cw / 2)} V${num(colTop)}"/>`);
    bottom = Math.max(bottom, drawColumn(body, col, stacks[ci], x, colTop, cw, draw));
    x += cw + COL_GAP;
  });

  const y = drawLegend(body, model, bottom + 28, innerW);
  const height = y + M - 10;
  return { svg: svgDocument(width, height, heading, body, opts), width: Math.ceil(width), height: Math.ceil(height), items };
}

/** What drawing the boxes and cards shares: options, the clickable items, counts, and the bars' scale. */
interface Draw {
  opts: RenderOptions;
  items: Record<string, PictureItem>;
  counts: (n: { quotes: number; cases: number }) => string;
  /** Makes a node clickable (its item for the webview). */
  addItem: (n: Node) => void;
  /** The most quoted code's quotes (the bars' full length), and the width of the count column. */
  maxQuotes: number;
  countW: number;
}

type Stacks = ReturnType<typeof partition>;

/**
 * Measures the cards, then splits the tallest columns into side-by-side stacks while
 * that shortens the picture noticeably, up to four stacks in all (a landscape figure).
 */
function stackColumns(columns: Column[], draw: Draw): Stacks[] {
  const cardH = (card: Card) => renderCard(card, 0, 0, COL_W - 16, draw.countW, draw.maxQuotes, draw.counts, () => {}, draw.opts).height;
  const stacks = columns.map((col) => partition(col.cards.map(cardH), 1));
  const maxStacks = Math.max(columns.length, 4);
  while (columns.length > 0) {
    const total = stacks.reduce((n, s) => n + s.parts.length, 0);
    if (total >= maxStacks) break;
    const heights = stacks.map((s) => s.height);
    const tallest = heights.indexOf(Math.max(...heights));
    const split = partition(columns[tallest].cards.map(cardH), stacks[tallest].parts.length + 1);
    const after = Math.max(split.height, ...heights.filter((_, i) => i !== tallest));
    if (after > heights[tallest] * 0.85 || split.parts.length === stacks[tallest].parts.length) break;
    stacks[tallest] = split;
  }
  return stacks;
}

/** The core box at the top (the one root, or the whole codebook); returns where it stands. */
function drawCore(body: string[], model: ModelInput, single: Node | undefined, innerW: number, draw: Draw): { x: number; y: number; w: number; h: number } {
  const { counts, items } = draw;
  const coreName = single?.name ?? model.title ?? 'Codebook';
  const coreLines = wrap(coreName, Math.min(520, innerW) - 32, 16, { bold: true });
  const coreCounts = single ? counts(single) : counts(model.totals);
  const w = Math.min(innerW, Math.max(240, ...coreLines.map((l) => textWidth(l, 16, true) + 40), textWidth(coreCounts, 12) + 40));
  const h = 16 + coreLines.length * 21 + 20;
  const x = M + (innerW - w) / 2;
  const y = M + 44;
  const coreColor = single?.color ?? '#6b6e76';
  const coreInner = [
    rect(x, y, w, h, `rx="8" fill="${coreColor}"`),
    ...coreLines.map((l, i) => text(x + w / 2, y + 28 + i * 21, l, `core ${textOn(coreColor)}`, 'middle')),
    text(x + w / 2, y + 28 + coreLines.length * 21, coreCounts, `small ${textOn(coreColor)}`, 'middle'),
  ];
  const coreKey = single ? `node:${single.id}` : MODEL_TOTAL_KEY;
  if (single) draw.addItem(single);
  else {
    // A set, not indexOf per id: the roots may hold 100,000 quotes between them.
    const ids = [...new Set(model.nodes.filter((n) => n.depth === 0).flatMap((n) => n.quoteIds))].sort((a, b) => a - b);
    const more = Math.max(0, model.totals.quotes - ids.length);
    items[MODEL_TOTAL_KEY] = { title: coreName, detail: `All coded quotes: ${counts(model.totals)}`, quoteIds: ids, ...(more ? { more } : {}) };
  }
  body.push(clickable(coreKey, `${coreName}: ${coreCounts}`, coreInner, { x, y, w, h, rx: 8 }, draw.opts));
  return { x, y, w, h };
}

/** One column at x (width cw) from `top`: its header box, then its cards in their stacks; returns its bottom. */
function drawColumn(body: string[], col: Column, stacks: Stacks, x: number, top: number, cw: number, draw: Draw): number {
  const { counts, opts } = draw;
  const colTop = top;
  const cx = x + cw / 2;
  const parts: string[] = [];
  const tint = col.header?.color ?? '#808080';
  if (col.header) {
    const h = col.header;
    const lines = wrap(h.name, cw - 28, 14, { bold: true });
    const hh = 14 + lines.length * 19 + 18;
    const inner = [
      rect(x, top, cw, hh, `rx="6" fill="${h.color}"`),
      ...lines.map((l, i) => text(cx, top + 24 + i * 19, l, `head ${textOn(h.color)}`, 'middle')),
      text(cx, top + 24 + lines.length * 19, counts(h), `small ${textOn(h.color)}`, 'middle'),
    ];
    draw.addItem(h);
    parts.push(clickable(`node:${h.id}`, `${h.name}: ${counts(h)}`, inner, { x, y: top, w: cw, h: hh, rx: 6 }, opts));
    top += hh + CARD_GAP + 2;
  }
  let colBottom = top;
  stacks.parts.forEach((range, si) => {
    const sx = x + si * (COL_W + STACK_GAP);
    let y = top;
    for (const card of col.cards.slice(range[0], range[1])) {
      const rendered = renderCard(card, sx + 8, y, COL_W - 16, draw.countW, draw.maxQuotes, counts, draw.addItem, opts);
      parts.push(rendered.svg);
      y += rendered.height + CARD_GAP;
    }
    colBottom = Math.max(colBottom, y - CARD_GAP + 8);
  });
  // A faint region in the branch colour holds the column together.
  body.push(rect(x, colTop, cw, colBottom - colTop, `rx="8" fill="${tint}" fill-opacity="0.07" stroke="${tint}" stroke-opacity="0.45"`));
  body.push(...parts);
  return colBottom;
}

/** The legend and notes from y; returns the y after them. */
function drawLegend(body: string[], model: ModelInput, y: number, innerW: number): number {
  const nCases = model.cases.length;
  const caseList = model.cases.map((c) => c.label).join(', ');
  const legend = [
    `Counts: quotes · cases, over the node and everything under it. ${plural(nCases, 'case')}${nCases > 0 && nCases <= 12 ? `: ${caseList}` : ''}.`,
    'Bars: quotes, relative to the most quoted code.',
  ];
  if (model.unknown.length > 0) {
    legend.push(`Not in the codebook: ${model.unknown.map((u) => `#${u.id} (${plural(u.quotes, 'quote')})`).join(', ')}.`);
  }
  for (const l of legend) {
    for (const line of wrap(l, Math.max(innerW, 400), 12)) {
      body.push(text(M, y, line, 'muted small'));
      y += 17;
    }
  }
  return y;
}

/**
 * Splits `heights` (cards, in order) into at most `k` consecutive stacks with the
 * smallest tallest stack (cards are separated by CARD_GAP). Returns [start, end) ranges.
 */
function partition(heights: number[], k: number): { parts: [number, number][]; height: number } {
  const n = heights.length;
  if (n === 0) return { parts: [[0, 0]], height: 0 };
  k = Math.max(1, Math.min(k, n));
  const prefix = [0];
  for (const h of heights) prefix.push(prefix[prefix.length - 1] + h);
  const span = (a: number, b: number) => prefix[b] - prefix[a] + (b - a - 1) * CARD_GAP;
  // best[j][i]: the smallest tallest stack for the first i cards in j stacks.
  const best: number[][] = [];
  const cut: number[][] = [];
  for (let j = 0; j <= k; j++) {
    best.push(new Array(n + 1).fill(Infinity));
    cut.push(new Array(n + 1).fill(0));
  }
  best[0][0] = 0;
  for (let j = 1; j <= k; j++) {
    for (let i = j; i <= n; i++) {
      for (let c = j - 1; c < i; c++) {
        const v = Math.max(best[j - 1][c], span(c, i));
        if (v < best[j][i]) {
          best[j][i] = v;
          cut[j][i] = c;
        }
      }
    }
  }
  const parts: [number, number][] = [];
  for (let j = k, i = n; j > 0; j--) {
    parts.unshift([cut[j][i], i]);
    i = cut[j][i];
  }
  return { parts, height: best[k][n] };
}

/** Columns for the core's children: a branch with children is a column; runs of codes directly under the core share one. */
function layoutColumns(children: Node[], byId: Map<string, Node>): Column[] {
  const columns: Column[] = [];
  let loose: Column | undefined;
  for (const child of children) {
    if (child.children.length > 0) {
      columns.push({ header: child, cards: cardsOf(child, byId) });
      loose = undefined;
    } else {
      if (!loose) columns.push((loose = { cards: [{ rows: [] }] }));
      loose.cards[0].rows.push({ node: child, level: 0 });
    }
  }
  return columns;
}

/** Cards for a column: each child with children is a card listing its subtree; runs of plain codes share an untitled card. */
function cardsOf(column: Node, byId: Map<string, Node>): Card[] {
  const cards: Card[] = [];
  let loose: Card | undefined;
  for (const id of column.children) {
    const child = byId.get(id);
    if (!child) continue;
    if (child.children.length > 0) {
      const rows: Card['rows'] = [];
      const walk = (n: Node, level: number) => {
        for (const cid of n.children) {
          const c = byId.get(cid);
          if (!c) continue;
          rows.push({ node: c, level });
          walk(c, level + 1);
        }
      };
      walk(child, 0);
      cards.push({ title: child, rows });
      loose = undefined;
    } else {
      if (!loose) cards.push((loose = { rows: [] }));
      loose.rows.push({ node: child, level: 0 });
    }
  }
  return cards;
}

function renderCard(
  card: Card,
  x: number,
  y: number,
  w: number,
  countW: number,
  maxQuotes: number,
  counts: (n: { quotes: number; cases: number }) => string,
  addItem: (n: Node) => void,
  opts: RenderOptions,
): { svg: string; height: number } {
  const out: string[] = [];
  const parts: string[] = [];
  let cy = y + 6;
  const short = (n: Node) => `${n.quotes} · ${n.cases}`;
  if (card.title) {
    const t = card.title;
    const lines = wrap(t.name, w - 30 - countW, ROW_SIZE, { bold: true });
    const h = lines.length * 17 + 10;
    const inner = [
      rect(x + 1, cy - 2, 5, h, `fill="${t.color}"`),
      ...lines.map((l, i) => text(x + 14, cy + 14 + i * 17, l, t.status === 'deprecated' ? 'bold deprecated' : 'bold')),
      text(x + w - 8, cy + 14, short(t), 'bold small', 'end'),
    ];
    addItem(t);
    parts.push(clickable(`node:${t.id}`, `${t.name}: ${counts(t)}`, inner, { x: x + 1, y: cy - 2, w: w - 2, h }, opts));
    cy += h + 2;
  }
  for (const { node, level } of card.rows) {
    const indent = 10 + level * INDENT;
    const lines = wrap(node.name, w - indent - 14 - countW, ROW_SIZE);
    // The quote bar is a strip below the name's last line, never behind the words.
    const h = Math.max(24, lines.length * ROW_LINE + 8) + BAR_H + 1;
    const barW = ((w - indent - 4) * node.quotes) / maxQuotes;
    const cls = node.status === 'deprecated' ? 'deprecated' : node.kind === 'category' ? 'bold' : '';
    const inner = [
      rect(x + indent - 6, cy + 3, 3, h - 6, `fill="${node.color}"`),
      rect(x + indent - 2, cy + h - 3 - BAR_H, barW, BAR_H, `rx="1" fill="${node.color}" fill-opacity="0.55" class="bar"`),
      ...lines.map((l, i) => text(x + indent + 3, cy + 16 + i * ROW_LINE, l, cls)),
      text(x + w - 8, cy + 16, short(node), node.quotes === 0 ? 'small muted' : 'small', 'end'),
    ];
    addItem(node);
    const label = `${node.name}${node.status === 'deprecated' ? ' (deprecated)' : ''}: ${counts(node)}`;
    parts.push(clickable(`node:${node.id}`, label, inner, { x: x + indent - 7, y: cy + 1, w: w - indent + 6, h: h - 2, rx: 3 }, opts));
    cy += h;
  }
  const height = cy - y + 6;
  out.push(rect(x, y, w, height, 'rx="5" class="card"'));
  out.push(...parts);
  return { svg: out.join('\n'), height };
}
