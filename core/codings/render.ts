/**
 * From meaning back to markup: the one function that writes a set of codings and
 * memos onto a stripped text (FORMAT.md section 6). Merge uses it to write the
 * merged coding; the REFI-QDA import will too.
 *
 * The markup it writes (the canonical form):
 * - one span per distinct range; ranges that nest become nested spans;
 * - a `^label` only on a span whose closer would otherwise close another span
 *   (ranges that cross), labels `a`, `b`, … in the order the spans open;
 * - one block per coder: the default coder's block first and without `@`, then
 *   the others by coder id; codes by id; a coder's first memo (by text) in its block,
 *   any further memo in an extra block that repeats the coder's first code;
 * - `{`, `}` and `\` in the text written `\{`, `\}`, `\\`.
 *
 * Given the previous version of the file, it changes as little as it can: a span
 * whose range and coding are unchanged keeps its opener and closer exactly as they
 * were written (block order, labels, spacing), and unchanged text keeps how it was
 * escaped. The result is always checked by parsing it back: if the kept markup
 * would read differently next to the new, the span falls back to the canonical form.
 */
import { partitionPoint } from '../text/search';
import { runEndingAfterStripped, strippedOffsetAt } from '../transcript/stripped';
import { OffsetMap, alignTexts, type AlignedRun } from '../text/align';
import { parseForCodings } from '../transcript/parse';
import type { Transcript } from '../transcript/types';
import { codingKey, compareCodings, compareMemos, extractCodings, memoKey, sortCodings, sortMemos } from './extract';
import type { Coding, MemoCoding, TranscriptCodings } from './types';

/** How to render. */
export interface RenderOptions {
  /**
   * The front matter's `coder`: that coder's blocks are written without `@XX`. A
   * coding whose coder is '' is written without `@` too, so it reads back as this
   * coder (there is no way to write "no coder" when the file names a default).
   */
  defaultCoder?: string;
  /** The previous version of the transcript (whole file), whose markup to keep where nothing changed. */
  previous?: {
    text: string;
    /** The previous text already parsed, to save parsing it again. */
    transcript?: Transcript;
    /** How the previous stripped text aligns with the new one (computed when absent). */
    align?: AlignedRun[];
  };
}

/** One range and everything coded on it, by coder. */
interface Group {
  start: number;
  end: number;
  coders: Map<string, { codes: string[]; memos: string[] }>;
  /** The coding and memo keys on this range, sorted: equal signatures say the same. */
  signature: string;
  needsLabel: boolean;
  /** Markup kept from the previous version, when it says exactly this. */
  kept?: { open: string; close: string; label?: string };
  label?: string;
}

/**
 * Writes the body of a transcript (everything after the front matter) whose
 * stripped text is `input.stripped` and whose codings and memos are exactly
 * `input.codings` and `input.memos`.
 */
export function renderCodings(input: TranscriptCodings, options: RenderOptions = {}): string {
  const attempts: { previous: boolean; verbatimBraces: boolean }[] = options.previous
    ? [
        { previous: true, verbatimBraces: true },
        { previous: true, verbatimBraces: false },
        { previous: false, verbatimBraces: false },
      ]
    : [{ previous: false, verbatimBraces: false }];
  const prev = options.previous ? previousVersion(options.previous, input.stripped, options.defaultCoder ?? '') : undefined;
  let expected: ReturnType<typeof expectedKeys> | undefined;
  let body = '';
  for (let k = 0; k < attempts.length; k++) {
    const a = attempts[k];
    body = renderOnce(input, options, a.previous ? prev : undefined, a.verbatimBraces);
    // The last attempt is returned whatever it reads back as: parsing it to check
    // would change nothing (and cost a parse per transcript on an import).
    if (k === attempts.length - 1) break;
    expected ??= expectedKeys(input, options.defaultCoder);
    if (readsBack(body, input.stripped, expected, options.defaultCoder)) return body;
  }
  return body;
}

/** The escaped form of stripped text: `{`, `}` and `\` get a backslash. */
export function escapeText(text: string): string {
  return text.replace(/[{}\\]/g, '\\$&');
}

/** A memo as a block item: quoted, `"` and `\` escaped, line breaks (which a block cannot hold) as spaces. */
export function memoItem(memo: string): string {
  return '"' + memo.replace(/\r\n|\r|\n/g, ' ').replace(/["\\]/g, '\\$&') + '"';
}

function renderOnce(input: TranscriptCodings, options: RenderOptions, prev: PreviousVersion | undefined, verbatimBraces: boolean): string {
  const text = input.stripped;
  const n = text.length;
  const def = options.defaultCoder ?? '';
  const groups = groupCodings(input, def);
  const nonEmpty = groups.filter((g) => g.end > g.start);
  const opens = [...nonEmpty].sort((x, y) => x.start - y.start || y.end - x.end);
  const closes = [...nonEmpty].sort((x, y) => x.end - y.end || y.start - x.start);
  const empties = groups.filter((g) => g.end === g.start).sort((x, y) => x.start - y.start);
  markLabels(opens, closes);

  const usedLabels = new Set<string>();
  if (prev) {
    for (const g of groups) {
      const k = prev.spans.get(rangeKey(g.start, g.end, n));
      if (!k || k.signature !== g.signature) continue;
      if (g.needsLabel && !k.closesByLabel) continue;
      if (k.label !== undefined) {
        if (usedLabels.has(k.label)) continue;
        usedLabels.add(k.label);
      }
      g.kept = { open: k.open, close: k.close, label: k.label };
    }
  }
  let next = 0;
  for (const g of opens) {
    if (!g.needsLabel || g.kept) continue;
    let name: string;
    do name = labelName(next++);
    while (usedLabels.has(name));
    g.label = name;
  }

  const out: string[] = [];
  let pos = 0;
  const textUpTo = (to: number) => {
    if (to <= pos) return;
    out.push(prev ? prev.textFor(pos, to, verbatimBraces) : escapeText(text.slice(pos, to)));
    pos = to;
  };
  let oi = 0;
  let ci = 0;
  let ei = 0;
  for (;;) {
    const p = Math.min(
      oi < opens.length ? opens[oi].start : Infinity,
      ci < closes.length ? closes[ci].end : Infinity,
      ei < empties.length ? empties[ei].start : Infinity,
    );
    if (p === Infinity) break;
    textUpTo(Math.min(p, n));
    while (ci < closes.length && closes[ci].end === p) out.push(closerOf(closes[ci++], def));
    while (ei < empties.length && empties[ei].start === p) {
      const g = empties[ei++];
      out.push(openerOf(g), closerOf(g, def));
    }
    while (oi < opens.length && opens[oi].start === p) out.push(openerOf(opens[oi++]));
  }
  textUpTo(n);
  return out.join('');
}

/** Groups codings and memos by range; codes and memos of a coder in a stable order. */
function groupCodings(input: TranscriptCodings, def: string): Group[] {
  const n = input.stripped.length;
  const byRange = new Map<number | string, Group>();
  const keys = new Map<Group, string[]>();
  const groupOf = (start: number, end: number) => {
    start = Math.max(0, Math.min(n, start));
    end = Math.max(start, Math.min(n, end));
    const k = rangeKey(start, end, n);
    let g = byRange.get(k);
    if (!g) {
      g = { start, end, coders: new Map(), signature: '', needsLabel: false };
      byRange.set(k, g);
      keys.set(g, []);
    }
    return g;
  };
  const entry = (g: Group, coder: string) => {
    let e = g.coders.get(coder);
    if (!e) g.coders.set(coder, (e = { codes: [], memos: [] }));
    return e;
  };
  for (const c of input.codings) {
    const g = groupOf(c.start, c.end);
    const coder = c.coder || def;
    const e = entry(g, coder);
    if (!e.codes.includes(c.code)) {
      e.codes.push(c.code);
      keys.get(g)!.push(codingKey({ ...c, start: 0, end: 0, coder }));
    }
  }
  for (const m of input.memos) {
    const g = groupOf(m.start, m.end);
    const coder = m.coder || def;
    const memo = normalMemo(m.memo);
    const e = entry(g, coder);
    if (!e.memos.includes(memo)) {
      e.memos.push(memo);
      keys.get(g)!.push('m' + memoKey({ ...m, start: 0, end: 0, coder, memo }));
    }
  }
  for (const [g, ks] of keys) {
    g.signature = ks.sort().join('\u0001');
    for (const e of g.coders.values()) {
      e.codes.sort(compare);
      e.memos.sort(compare);
    }
  }
  return [...byRange.values()];
}

/**
 * Marks the spans that need a `^label`: those whose closer comes while a span
 * opened after them is still open (an unlabelled closer closes the innermost).
 */
function markLabels(opens: Group[], closes: Group[]): void {
  const stack: Group[] = [];
  let oi = 0;
  let ci = 0;
  while (ci < closes.length) {
    const p = Math.min(oi < opens.length ? opens[oi].start : Infinity, closes[ci].end);
    while (ci < closes.length && closes[ci].end === p) {
      const g = closes[ci++];
      if (stack[stack.length - 1] === g) stack.pop();
      else {
        g.needsLabel = true;
        const k = stack.lastIndexOf(g);
        if (k >= 0) stack.splice(k, 1);
      }
    }
    while (oi < opens.length && opens[oi].start === p) stack.push(opens[oi++]);
  }
}

/** `a` … `z`, `aa`, `ab`, …: short labels in the order spans open. */
function labelName(i: number): string {
  let s = '';
  i++;
  while (i > 0) {
    i--;
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  }
  return s;
}

function openerOf(g: Group): string {
  if (g.kept) return g.kept.open;
  // The space after a label belongs to the opener, so it never changes the text.
  return g.label ? `{{^${g.label} ` : '{{';
}

function closerOf(g: Group, def: string): string {
  if (g.kept) return g.kept.close;
  const coders = [...g.coders.keys()].sort((a, b) => (a === def ? -1 : b === def ? 1 : compare(a, b)));
  let s = '}}';
  let first = true;
  for (const coder of coders) {
    const e = g.coders.get(coder)!;
    const who = coder && coder !== def ? `@${coder}` : '';
    const memos = e.memos.length > 0 ? e.memos : [undefined];
    memos.forEach((memo, k) => {
      const items: string[] = [];
      if (first && g.label) items.push('^' + g.label);
      first = false;
      if (k === 0) for (const c of e.codes) items.push('#' + c);
      else if (e.codes.length > 0) items.push('#' + e.codes[0]);
      if (who) items.push(who);
      if (memo !== undefined) items.push(memoItem(memo));
      s += '{' + items.join(' ') + '}';
    });
  }
  return s;
}

/** What the previous version offers: its spans by new range, and its text as it was escaped. */
interface PreviousVersion {
  spans: Map<number | string, { open: string; close: string; label?: string; closesByLabel: boolean; signature: string }>;
  /** The new stripped text [from, to) written as the previous version wrote it where it is unchanged. */
  textFor(from: number, to: number, verbatimBraces: boolean): string;
}

function previousVersion(previous: NonNullable<RenderOptions['previous']>, text: string, def: string): PreviousVersion {
  const t = previous.transcript?.text === previous.text ? previous.transcript : parseForCodings(previous.text);
  const old = t.stripped.text;
  const align = previous.align ?? alignTexts(old, text);
  const map = new OffsetMap(align, text.length);
  const spans: PreviousVersion['spans'] = new Map();
  const ambiguous = new Set<number | string>();
  for (const span of t.spans) {
    if (!span.close || span.blocks.length === 0) continue;
    const start = map.start(strippedOffsetAt(t, span.content.start));
    const end = map.end(strippedOffsetAt(t, span.content.end));
    if (end < start) continue;
    const k = rangeKey(start, end, text.length);
    if (spans.has(k)) ambiguous.add(k);
    const ks: string[] = [];
    for (const b of span.blocks) {
      const coder = b.coder?.id ?? def;
      for (const c of b.codes) ks.push(codingKey({ start: 0, end: 0, coder, code: c.id }));
      if (b.memo) ks.push('m' + memoKey({ start: 0, end: 0, coder, memo: normalMemo(b.memo.text) }));
    }
    const label = span.label?.name;
    spans.set(k, {
      open: t.text.slice(span.open.start, span.open.end),
      close: t.text.slice(span.close.start, span.close.end),
      label,
      closesByLabel: label !== undefined && span.blocks.some((b) => b.label?.name === label),
      signature: [...new Set(ks)].sort().join('\u0001'),
    });
  }
  for (const k of ambiguous) spans.delete(k);

  const runs = t.stripped.runs;
  /** The source of old stripped [from, to): the characters, with the escapes they had. */
  const oldSource = (from: number, to: number, verbatimBraces: boolean): string => {
    let s = '';
    for (let r = runEndingAfterStripped(t.stripped, from); r < runs.count && runs.strippedStart(r) < to; r++) {
      const strippedStart = runs.strippedStart(r);
      const a = Math.max(from, strippedStart);
      const b = Math.min(to, strippedStart + runs.length(r));
      const src = runs.sourceStart(r) + (a - strippedStart);
      const piece = t.text.slice(src, src + (b - a));
      if (verbatimBraces) {
        // An escaped character starts its own run, just after its backslash.
        if (a === strippedStart && isEscapeAt(t, r)) s += '\\';
        s += piece;
      } else {
        s += escapeText(piece);
      }
    }
    return s;
  };
  return {
    spans,
    textFor(from, to, verbatimBraces) {
      // The first aligned run that ends after `from`.
      let k = partitionPoint(align, (r) => r.b + r.length <= from);
      let s = '';
      let pos = from;
      while (pos < to) {
        while (k < align.length && align[k].b + align[k].length <= pos) k++;
        const run = align[k];
        if (!run || run.b >= to) {
          s += escapeText(text.slice(pos, to));
          break;
        }
        if (run.b > pos) {
          s += escapeText(text.slice(pos, run.b));
          pos = run.b;
        }
        const end = Math.min(to, run.b + run.length);
        s += oldSource(run.a + (pos - run.b), run.a + (end - run.b), verbatimBraces);
        pos = end;
      }
      return s;
    },
  };
}

/** True when stripped run r begins with a character its source escapes (`\{`, `\}`, `\\`). */
function isEscapeAt(t: Transcript, r: number): boolean {
  const runs = t.stripped.runs;
  const src = runs.sourceStart(r);
  if (src === 0 || t.text.charCodeAt(src - 1) !== 92) return false;
  const c = t.text.charCodeAt(src);
  if (c !== 123 && c !== 125 && c !== 92) return false;
  return r === 0 || runs.sourceEnd(r - 1) < src;
}

function normalMemo(memo: string): string {
  return memo.replace(/\r\n|\r|\n/g, ' ');
}

/** The codings and memos a correct rendering must read back as, in extractCodings' order. */
function expectedKeys(input: TranscriptCodings, defaultCoder: string | undefined): { codings: Coding[]; memos: MemoCoding[] } {
  const n = input.stripped.length;
  const clamp = (x: { start: number; end: number }) => {
    const start = Math.max(0, Math.min(n, x.start));
    return { start, end: Math.max(start, Math.min(n, x.end)) };
  };
  // A coding already in range and with a coder reads back as itself: only the others are copied.
  const asRead = (c: Coding): Coding =>
    c.start >= 0 && c.start <= c.end && c.end <= n && c.coder ? c : { ...clamp(c), coder: c.coder || defaultCoder || '', code: c.code };
  return {
    codings: sortCodings(input.codings.map(asRead)),
    memos: sortMemos(input.memos.map((m: MemoCoding) => ({ ...clamp(m), coder: m.coder || defaultCoder || '', memo: normalMemo(m.memo) }))),
  };
}

/** True when the body parses back to exactly this stripped text, these codings and these memos. */
function readsBack(body: string, stripped: string, expected: { codings: Coding[]; memos: MemoCoding[] }, defaultCoder: string | undefined): boolean {
  // A front matter of our own, so a body that starts with `---` reads as text, and so blocks without `@` read as the default coder.
  const head = defaultCoder ? `---\ncoder: ${JSON.stringify(defaultCoder)}\n---\n` : '---\n---\n';
  const t = parseForCodings(head + body);
  if (t.stripped.text !== stripped) return false;
  if (t.diagnostics.some((d) => d.severity === 'error')) return false;
  // Both sides sorted and without repeats: equal sets are equal lists.
  const got = extractCodings(t);
  return sameList(got.codings, expected.codings, compareCodings) && sameList(got.memos, expected.memos, compareMemos);
}

function sameList<X>(a: X[], b: X[], compare: (x: X, y: X) => number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (compare(a[i], b[i]) !== 0) return false;
  return true;
}

/**
 * A map key for a range [start, end] of a text of length n (both at most n): one
 * number, which needs no string built and hashed, while that number is exact
 * (below 2^53); a string for texts of more than 94 million characters.
 */
function rangeKey(start: number, end: number, n: number): number | string {
  return n < 94_000_000 ? start * (n + 1) + end : `${start}:${end}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
