/**
 * What the html report shows of a large project. A page is read by a person: a
 * grid of 500 codes × 1,000 cases or 100,000 quotes is no use to anyone and made
 * a 100 MB page a browser chokes on. Each section is bounded by what a reader
 * can take in; every number shown stays exact, the page says what it leaves out,
 * and the csv report (`axial report --format csv`) keeps every number and quote.
 * Pure functions over the report's data, so the tests check the bounds directly.
 */
import { PICTURE_QUOTE_LIMIT, PICTURE_QUOTES_PER_ITEM } from '../analysis/limit';
import type { CooccurrenceInput } from '../analysis/svg/cooccurrence';
import type { MatrixInput } from '../analysis/svg/matrix';
import type { CaseMatrix, Cooccurrence } from '../analysis/types';

/** How much of each section the html report shows at most. */
export interface HtmlBounds {
  /** Codes on the codes-by-case matrix (those with the most quotes; their categories come along). */
  matrixCodes: number;
  /** Cases (columns) of the codes-by-case matrix (those with the most coded quotes). */
  matrixCases: number;
  /** Codes on each axis of the co-occurrence heat map (those with the most quotes). */
  cooccurrenceCodes: number;
  /** Quotes listed under one code (the pictures' cap per element). */
  quotesPerCode: number;
  /** Quotes listed on the whole page (the pictures' cap per quote table). */
  quotes: number;
  /** Block memos listed. */
  memos: number;
  /** Characters of one quote or memo shown before it is cut with `…`. */
  textChars: number;
}

/** The html report's bounds: a 1,000-transcript, 500-code project makes a page of a few megabytes. */
export const HTML_BOUNDS: HtmlBounds = {
  matrixCodes: 50,
  matrixCases: 60,
  cooccurrenceCodes: 50,
  quotesPerCode: PICTURE_QUOTES_PER_ITEM,
  quotes: PICTURE_QUOTE_LIMIT,
  memos: 1000,
  textChars: 2000,
};

/**
 * Indices of the `n` largest of `counts` (ties to the earlier), in their
 * original order; every index when there are at most `n`.
 */
export function largest(counts: readonly number[], n: number): number[] {
  const all = counts.map((_, i) => i);
  if (counts.length <= n) return all;
  return all
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, Math.max(0, n))
    .sort((a, b) => a - b);
}

/** A picture's input as the page draws it, and what it leaves out (undefined when nothing). */
export interface Bounded<T> {
  input: T;
  leftOut?: { codes: number; ofCodes: number; cases?: number; ofCases?: number };
}

/**
 * The codes-by-case matrix bounded: the `codes` codes with the most quotes, each
 * with the categories above it (a category's counts are still those of all its
 * codes), in tree order, by the `cases` cases with the most coded quotes, in case
 * order. Cell counts and row totals are the matrix's own (the row total counts
 * every case); the shading scales to the largest code cell shown.
 */
export function boundMatrix(m: CaseMatrix, bounds: Pick<HtmlBounds, 'matrixCodes' | 'matrixCases'> = HTML_BOUNDS): Bounded<MatrixInput> {
  const codeRows = m.rows.map((r, i) => i).filter((i) => m.rows[i].kind === 'code');
  const cutCodes = codeRows.length > bounds.matrixCodes;
  const cutCases = m.cases.length > bounds.matrixCases;
  if (!cutCodes && !cutCases) return { input: m };

  let rows = m.rows;
  if (cutCodes) {
    const keep = new Set(largest(codeRows.map((i) => m.rows[i].total.count), bounds.matrixCodes).map((k) => codeRows[k]));
    // Rows are in tree order with depths: a row's ancestors are the open rows of smaller depth before it.
    const stack: number[] = [];
    for (let i = 0; i < m.rows.length; i++) {
      while (stack.length > 0 && m.rows[stack[stack.length - 1]].depth >= m.rows[i].depth) stack.pop();
      if (keep.has(i) && m.rows[i].kind === 'code') for (const a of stack) if (m.rows[a].kind === 'category') keep.add(a);
      stack.push(i);
    }
    rows = m.rows.filter((_, i) => keep.has(i));
  }
  const cases = cutCases ? largest(m.caseTotals.map((c) => c.count), bounds.matrixCases) : m.cases.map((_, i) => i);
  const shownRows = rows.map((r) => ({ ...r, cells: cases.map((ci) => r.cells[ci]) }));
  let max = 0;
  for (const r of shownRows) if (r.kind === 'code') for (const c of r.cells) max = Math.max(max, c.count);
  return {
    input: {
      title: m.title,
      cases: cases.map((ci) => m.cases[ci]),
      rows: shownRows,
      caseTotals: cases.map((ci) => m.caseTotals[ci]),
      total: m.total,
      max,
      totalHeading: cutCases ? 'All cases' : undefined,
    },
    leftOut: {
      codes: codeRows.length - shownRows.filter((r) => r.kind === 'code').length,
      ofCodes: codeRows.length,
      ...(cutCases ? { cases: m.cases.length - cases.length, ofCases: m.cases.length } : {}),
    },
  };
}

/**
 * The co-occurrence heat map bounded to the `codes` codes with the most quotes
 * (the diagonal), in axis order; the cells among them are the map's own.
 */
export function boundCooccurrence(c: Cooccurrence, bounds: Pick<HtmlBounds, 'cooccurrenceCodes'> = HTML_BOUNDS): Bounded<CooccurrenceInput> {
  if (c.codes.length <= bounds.cooccurrenceCodes) return { input: c };
  const codes = largest(c.codes.map((x) => x.quotes), bounds.cooccurrenceCodes).map((i) => c.codes[i]);
  const ids = new Set(codes.map((x) => x.id));
  const cells = c.cells.filter((x) => ids.has(x.a) && ids.has(x.b));
  let max = 0;
  for (const x of cells) if (x.a !== x.b) max = Math.max(max, x.count);
  return { input: { title: c.title, codes, groups: c.groups, cells, max }, leftOut: { codes: c.codes.length - codes.length, ofCodes: c.codes.length } };
}

/**
 * How many quotes each list shows when the lists (of `lengths`) share `total`
 * quotes, none more than `perItem`: every list gets the same allowance (or all
 * it has, if fewer), the largest that fits, and what is left of `total` goes one
 * more each to the lists still cut, in order. Short lists are shown whole.
 */
export function quoteAllowances(lengths: readonly number[], perItem: number, total: number): number[] {
  const shown = (k: number) => lengths.reduce((sum, n) => sum + Math.min(n, k), 0);
  let lo = 0;
  let hi = Math.max(0, perItem);
  // The largest equal allowance k whose quotes fit in `total`.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (shown(mid) <= total) lo = mid;
    else hi = mid - 1;
  }
  let spare = total - shown(lo);
  return lengths.map((n) => {
    const a = Math.min(n, lo);
    if (a < n && a < perItem && spare > 0) {
      spare--;
      return a + 1;
    }
    return a;
  });
}

/**
 * `k` items of `list` spread evenly over it (the first, then every n/k-th), in
 * order: quotes sorted by file and line then come from across the project rather
 * than from its first transcripts. The list itself when it has at most `k`.
 */
export function spreadSample<T>(list: readonly T[], k: number): T[] {
  if (list.length <= k) return [...list];
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(list[Math.floor((i * list.length) / k)]);
  return out;
}

/** `s` cut to `max` characters (not splitting a surrogate pair) with `…` and how much was left out; the text itself when short. */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${s.slice(0, end)}… (${s.length - end} more characters)`;
}
