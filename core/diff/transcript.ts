/**
 * The coding changes between two versions of one transcript (FORMAT.md section
 * 6): spans coded, uncoded and recoded, compared as (stripped range, coder,
 * codes) after mapping the older ranges through the text diff, so only what a
 * coder did is reported, and a change of the words themselves is a flag of its own.
 */
import { lowerBound } from '../text/search';
import { extractCodings } from '../codings/extract';
import type { MemoCoding, TranscriptCodings } from '../codings/types';
import { textStart } from '../coding/spansAndGaps';
import { sourceOfStripped } from '../transcript/stripped';
import type { Transcript } from '../transcript/types';
import { TextMap } from './textMap';

/** One change of coding on one span by one coder. */
export interface CodingChange {
  kind: 'coded' | 'uncoded' | 'recoded';
  /** The codes now on the span (for 'uncoded': the codes removed). */
  codes: string[];
  /** For 'recoded': the codes before and after. */
  from?: string[];
  to?: string[];
  coder: string;
  /** The span's text, trimmed, one line, shortened when long. */
  quote: string;
  /** 1-based line of the span's first character: in the newer version, or in the older when the file is gone. */
  line: number;
  /** The span's stripped range in the version `line` refers to. */
  start: number;
  end: number;
}

/** One memo written or removed. */
export interface MemoChange {
  kind: 'added' | 'removed';
  memo: string;
  coder: string;
  quote: string;
  line: number;
}

/** The changes of one transcript between two versions. */
export interface TranscriptDiff {
  /** True when the stripped texts differ (a missing version counts as empty). */
  textChanged: boolean;
  changes: CodingChange[];
  memos: MemoChange[];
}

/** How to turn a stripped offset into a 1-based line; the default counts the stripped text's line breaks. */
export type LineOf = (strippedOffset: number) => number;

/** Options of diffTranscriptCodings. */
export interface DiffOptions {
  /** Line of a stripped offset in the older version (default: its line in the stripped text). */
  oldLine?: LineOf;
  /** Line of a stripped offset in the newer version. */
  newLine?: LineOf;
  /** Code ids of the older version to read as new ids (codes renamed in the codebook). */
  renames?: ReadonlyMap<string, string>;
  /** Longest quote before it is shortened (default 80 characters). */
  quoteLength?: number;
}

/**
 * The coding changes from `old` to `new`; either may be undefined (the file was
 * added or deleted). Changes are sorted by line, then start, coder and kind.
 */
export function diffTranscriptCodings(old: TranscriptCodings | undefined, neu: TranscriptCodings | undefined, options: DiffOptions = {}): TranscriptDiff {
  const oldText = old?.stripped ?? '';
  const newText = neu?.stripped ?? '';
  const map = new TextMap(oldText, newText);
  const oldLine = options.oldLine ?? strippedLineOf(oldText);
  const newLine = options.newLine ?? strippedLineOf(newText);
  const maxQuote = options.quoteLength ?? 80;
  const renames = options.renames;

  // Codings grouped per (range, coder); old groups also carry their range mapped into the new text.
  const oldGroups = groupsOf(old?.codings ?? [], (c) => renames?.get(c.code) ?? c.code);
  const newGroups = groupsOf(neu?.codings ?? [], (c) => c.code);
  for (const g of oldGroups.values()) g.mapped = neu ? mapRange(map, g) : undefined;

  const changes: CodingChange[] = [];
  const inNew = (g: Group, kind: CodingChange['kind'], codes: string[], extra?: Partial<CodingChange>) =>
    changes.push({ kind, codes, coder: g.coder, quote: quoteOf(newText, g.start, g.end, maxQuote), line: newLine(trimmedStart(newText, g.start, g.end)), start: g.start, end: g.end, ...extra });
  const compare = (before: Group, after: Group) => {
    const was = sorted(before.codes);
    const now = sorted(after.codes);
    if (was.join('\u0000') !== now.join('\u0000')) inNew(after, 'recoded', now, { from: was, to: now });
  };

  // Old and new groups are paired in four rounds, so that an ambiguous text diff (which of
  // two equal words was inserted?) never turns an untouched span into two recodings: pairs
  // that explain a span as unchanged are taken first, where its range now stands exactly
  // (1), then where it slid along repeated words near an edit (2); only then pairs whose
  // codes differ, exact (3) and slid (4). What is left was coded or uncoded.
  const unmatchedOld = new Set(oldGroups.values());
  const unmatchedNew = new Set(newGroups.values());
  const byMapped = new Map<string, Group>();
  for (const g of oldGroups.values()) if (g.mapped) byMapped.set(`${g.mapped.start}:${g.mapped.end}:${g.coder}`, g);
  const sameCodes = (a: Group, b: Group) => sorted(a.codes).join('\u0000') === sorted(b.codes).join('\u0000');
  const pair = (before: Group, after: Group) => {
    unmatchedOld.delete(before);
    unmatchedNew.delete(after);
    compare(before, after);
  };
  for (const same of [true, false]) {
    for (const [key, g] of newGroups) {
      const before = byMapped.get(key);
      if (before && unmatchedOld.has(before) && unmatchedNew.has(g) && sameCodes(before, g) === same) pair(before, g);
    }
    for (const g of [...unmatchedNew]) {
      const before = findPartner(g, unmatchedOld, oldText, newText, map, same);
      if (before) pair(before, g);
    }
  }
  for (const g of unmatchedNew) inNew(g, 'coded', sorted(g.codes));
  for (const g of unmatchedOld) {
    if (g.mapped) {
      inNew({ ...g, ...g.mapped }, 'uncoded', sorted(g.codes));
      continue;
    }
    // Gone with its text: quoted from the old version, placed where that text was.
    const at = trimmedStart(oldText, g.start, g.end);
    const line = neu ? newLine(map.mapNearest(at)) : oldLine(at);
    changes.push({ kind: 'uncoded', codes: sorted(g.codes), coder: g.coder, quote: quoteOf(oldText, g.start, g.end, maxQuote), line, start: g.start, end: g.end });
  }
  const order = { uncoded: 0, recoded: 1, coded: 2 };
  changes.sort((x, y) => x.line - y.line || x.start - y.start || x.end - y.end || cmp(x.coder, y.coder) || order[x.kind] - order[y.kind]);

  return { textChanged: oldText !== newText, changes, memos: diffMemos(old, neu, map, oldLine, newLine, maxQuote) };
}

/**
 * The coding changes between two parsed versions of a transcript, with lines
 * counted in the files themselves (front matter included).
 */
export function diffTranscripts(old: Transcript | undefined, neu: Transcript | undefined, options: Omit<DiffOptions, 'oldLine' | 'newLine'> = {}): TranscriptDiff {
  return diffTranscriptCodings(old && extractCodings(old), neu && extractCodings(neu), {
    ...options,
    oldLine: old && sourceLineOf(old),
    newLine: neu && sourceLineOf(neu),
  });
}

/** The 1-based source line of a stripped offset of a parsed transcript. */
export function sourceLineOf(t: Transcript): LineOf {
  return (i) => {
    const pos = t.stripped.text.length === 0 ? textStart(t) : sourceOfStripped(t, Math.min(i, t.stripped.text.length - 1));
    return t.lines.positionAt(pos).line + 1;
  };
}

function diffMemos(old: TranscriptCodings | undefined, neu: TranscriptCodings | undefined, map: TextMap, oldLine: LineOf, newLine: LineOf, maxQuote: number): MemoChange[] {
  const newText = neu?.stripped ?? '';
  const oldText = old?.stripped ?? '';
  const key = (m: { start: number; end: number; coder: string; memo: string }) => `${m.start}:${m.end}:${m.coder}\u0000${m.memo}`;
  // Old memos by where they now stand, as for codings; unmatched ones get the same second chance.
  const unmatchedOld = new Set<MemoCoding & { mapped?: { start: number; end: number } }>();
  const byMapped = new Map<string, MemoCoding>();
  for (const m of old?.memos ?? []) {
    const o = { ...m, mapped: neu ? mapRange(map, m) : undefined };
    unmatchedOld.add(o);
    if (o.mapped) byMapped.set(key({ ...m, ...o.mapped }), o);
  }
  const out: MemoChange[] = [];
  const added: MemoCoding[] = [];
  for (const m of neu?.memos ?? []) {
    const before = byMapped.get(key(m));
    if (before) unmatchedOld.delete(before as MemoCoding & { mapped?: { start: number; end: number } });
    else added.push(m);
  }
  for (const m of added) {
    const before = findPartner(m, new Set([...unmatchedOld].filter((o) => o.memo === m.memo)), oldText, newText, map);
    if (before) unmatchedOld.delete(before);
    else out.push({ kind: 'added', memo: m.memo, coder: m.coder, quote: quoteOf(newText, m.start, m.end, maxQuote), line: newLine(trimmedStart(newText, m.start, m.end)) });
  }
  for (const m of unmatchedOld) {
    if (m.mapped) {
      const r = m.mapped;
      out.push({ kind: 'removed', memo: m.memo, coder: m.coder, quote: quoteOf(newText, r.start, r.end, maxQuote), line: newLine(trimmedStart(newText, r.start, r.end)) });
      continue;
    }
    const at = trimmedStart(oldText, m.start, m.end);
    out.push({ kind: 'removed', memo: m.memo, coder: m.coder, quote: quoteOf(oldText, m.start, m.end, maxQuote), line: neu ? newLine(map.mapNearest(at)) : oldLine(at) });
  }
  return out.sort((x, y) => x.line - y.line || cmp(x.coder, y.coder) || cmp(x.kind, y.kind) || cmp(x.memo, y.memo));
}

/** How far (in characters, beyond the span's length) a span may have slid along repeated words. */
const NEAR = 256;

/** The codes one coder applied to one range; for old groups, the range mapped into the new text. */
interface Group {
  start: number;
  end: number;
  coder: string;
  codes: Set<string>;
  mapped?: { start: number; end: number };
}

function groupsOf(codings: readonly { start: number; end: number; coder: string; code: string }[], idOf: (c: { code: string }) => string): Map<string, Group> {
  const m = new Map<string, Group>();
  for (const c of codings) {
    const key = `${c.start}:${c.end}:${c.coder}`;
    let g = m.get(key);
    if (!g) m.set(key, (g = { start: c.start, end: c.end, coder: c.coder, codes: new Set() }));
    g.codes.add(idOf(c));
  }
  return m;
}

/**
 * The old group that is the same span as new group `g` although its ends did not
 * map exactly: same coder, same words, an old range near an edit (where the
 * alignment was a choice), and near where the old words now stand. One with the
 * same codes is preferred.
 */
function findPartner<G extends { start: number; end: number; coder: string; codes?: Set<string> }>(g: G, candidates: Set<G>, oldText: string, newText: string, map: TextMap, onlySame = false): G | undefined {
  if (map.identical) return undefined; // nothing is ambiguous in an unchanged text
  const words = newText.slice(g.start, g.end);
  const reach = g.end - g.start + NEAR;
  let best: G | undefined;
  for (const o of candidates) {
    if (o.coder !== g.coder || o.end - o.start !== g.end - g.start || !map.nearChange(o.start, o.end, NEAR) || oldText.slice(o.start, o.end) !== words) continue;
    if (Math.abs(map.mapNearest(o.start) - g.start) > reach) continue;
    const same = !g.codes || (o.codes !== undefined && sorted(o.codes).join('\u0000') === sorted(g.codes).join('\u0000'));
    if (same) return o;
    if (!onlySame) best ??= o;
  }
  return best;
}

/** An old range in new terms, when both its ends stand on text both versions share. */
function mapRange(map: TextMap, r: { start: number; end: number }): { start: number; end: number } | undefined {
  if (map.identical) return { start: r.start, end: r.end };
  if (r.start === r.end) {
    const at = map.map(r.start, 'start');
    return at === undefined ? undefined : { start: at, end: at };
  }
  const start = map.map(r.start, 'start');
  const end = map.map(r.end, 'end');
  return start === undefined || end === undefined || end < start ? undefined : { start, end };
}

/**
 * A span's text as a reviewer reads it: trimmed, every run of whitespace (line
 * breaks too) one space, and when longer than `max`, its beginning and end
 * around an ellipsis.
 */
export function quoteOf(stripped: string, start: number, end: number, max = 80): string {
  const q = stripped.slice(start, end).replace(/\s+/g, ' ').trim();
  if (q.length <= max) return q;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${cutAt(q, head, 'head')}…${cutAt(q, tail, 'tail')}`;
}

/** The first (or last) n characters of s, not splitting a surrogate pair. */
function cutAt(s: string, n: number, which: 'head' | 'tail'): string {
  if (which === 'head') {
    let k = n;
    if (k > 0 && isHigh(s.charCodeAt(k - 1))) k--;
    return s.slice(0, k).trimEnd();
  }
  let k = s.length - n;
  if (k < s.length && isLow(s.charCodeAt(k))) k++;
  return s.slice(k).trimStart();
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The first non-space offset of a range (the range's start when it is all space). */
function trimmedStart(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && /\s/.test(text[i])) i++;
  return i < end ? i : start;
}

/** Lines of a stripped text, counting its line breaks. */
function strippedLineOf(text: string): LineOf {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (x) => lowerBound(breaks, x) + 1;
}

function sorted(codes: Set<string>): string[] {
  return [...codes].sort(cmp);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

