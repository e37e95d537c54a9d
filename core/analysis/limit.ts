/**
 * Caps the quote lists of a picture so that its data stays a few megabytes on any
 * project. Every element of a picture (a node, a cell, a row's total, a case's total)
 * lists its quotes by index into the picture's one quote table; a project with
 * 100,000 coded spans would send them all, several times over. Each list keeps its
 * first `perItem` quotes (the rest counted in its `moreQuotes`) and the table keeps
 * only the quotes some list still names, at most `total` of them (in table order).
 * Counts are never touched: they are the picture.
 */

/** Quotes each clickable element lists at most. */
export const PICTURE_QUOTES_PER_ITEM = 200;
/** Quotes one picture's table holds at most. */
export const PICTURE_QUOTE_LIMIT = 5000;

/** What limitPictureQuotes adds: set when the table lost quotes, with how many it had. */
export interface QuoteCap {
  truncated?: { quotes: number };
}

/** Any object with a quote list (AnalysisNode, UnknownCode, CooccurrenceCell, MatrixCell). */
interface Listing {
  quoteIds: number[];
  moreQuotes?: number;
}

const isListing = (x: object): x is Listing => Array.isArray((x as Listing).quoteIds);

/**
 * A copy of `picture` with every quote list cut to `perItem` and its table to `total`
 * quotes (renumbered). The input is left as it is (core caches the scans behind it).
 * Returns the picture itself when nothing needs cutting.
 */
export function limitPictureQuotes<T extends { quotes: Q[] }, Q>(picture: T, perItem = PICTURE_QUOTES_PER_ITEM, total = PICTURE_QUOTE_LIMIT): T & QuoteCap {
  // Pass 1: which quotes stay. Lists are visited in the picture's order; once the
  // table is full, quotes not already kept are left out of later lists too.
  const kept = new Set<number>();
  let cut = false;
  walk(picture, (l) => {
    const n = Math.min(l.quoteIds.length, perItem);
    if (n < l.quoteIds.length) cut = true;
    for (let i = 0; i < n; i++) {
      const q = l.quoteIds[i];
      if (kept.has(q)) continue;
      if (kept.size < total) kept.add(q);
      else cut = true;
    }
  });
  if (!cut && kept.size === picture.quotes.length) return picture;
  const order = [...kept].sort((a, b) => a - b);
  const renumber = new Map(order.map((q, i) => [q, i]));
  // Pass 2: the copy, each list keeping its first perItem quotes that stayed.
  const copy = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(copy);
    if (x === null || typeof x !== 'object') return x;
    const out: Record<string, unknown> = {};
    const listing = isListing(x);
    for (const [k, v] of Object.entries(x)) if (!(listing && k === 'quoteIds')) out[k] = copy(v);
    if (listing) {
      const ids: number[] = [];
      for (let i = 0; i < Math.min(x.quoteIds.length, perItem); i++) {
        const q = renumber.get(x.quoteIds[i]);
        if (q !== undefined) ids.push(q);
      }
      out.quoteIds = ids;
      const more = (x.moreQuotes ?? 0) + x.quoteIds.length - ids.length;
      if (more > 0) out.moreQuotes = more;
    }
    return out;
  };
  const { quotes, ...rest } = picture;
  const result = copy(rest) as T & QuoteCap;
  result.quotes = order.map((q) => quotes[q]);
  if (order.length < quotes.length) result.truncated = { quotes: quotes.length };
  return result;
}

/** Calls `f` on every quote list of a picture (not looking into the quote table). */
function walk(x: unknown, f: (l: Listing) => void, top = true): void {
  if (Array.isArray(x)) {
    for (const y of x) walk(y, f, false);
    return;
  }
  if (x === null || typeof x !== 'object') return;
  if (isListing(x)) f(x);
  for (const [k, v] of Object.entries(x)) if (!(top && k === 'quotes') && k !== 'quoteIds') walk(v, f, false);
}
