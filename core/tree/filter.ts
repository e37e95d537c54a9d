import { strippedOffsetAt } from '../transcript/stripped';
import { caseOf, participantOf } from '../project/caseOf';
import type { TranscriptEntry } from '../project/types';
import { normalizeUri } from '../project/uris';
import { blockCoder } from '../transcript/coder';
import { turnRole, turnSpeaker } from '../transcript/lazyTurns';
import { quoteReadLimit, readableQuote } from '../transcript/quoteLimit';
import type { Block, Span } from '../transcript/types';
import type { TreeFilter } from './types';

/** A filter prepared for matching: one test per level (file, span, block). */
export interface CompiledFilter {
  /** False when the filter accepts everything. */
  active: boolean;
  /** The same for equal filters: a cache key. */
  key: string;
  /** Case, participant and attributes: the whole file passes or not. */
  file(entry: TranscriptEntry): boolean;
  /** Speaker role and text. */
  span(entry: TranscriptEntry, span: Span): boolean;
  /** Coder, and a change since a revision (by the block's coder on its span). */
  block(entry: TranscriptEntry, block: Block, span: Span): boolean;
}

/** The role of the speaker turn a span opens in, else the speaker's label. */
export function speakerOf(entry: TranscriptEntry, span: Span): string | undefined {
  if (span.turn === undefined) return undefined;
  return turnRole(entry.transcript, span.turn) ?? turnSpeaker(entry.transcript, span.turn);
}

/** Front matter attributes as key/value text pairs (null values are left out). */
export function attributesOf(entry: TranscriptEntry): { key: string; value: string }[] {
  const attrs = entry.transcript.frontMatter?.attributes ?? {};
  return Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([key, v]) => ({ key, value: String(v) }));
}

/** A filter with sorted, distinct lists and no empty parts; `{}` when it accepts everything. */
export function normalizeFilter(filter: TreeFilter | undefined): TreeFilter {
  const out: TreeFilter = {};
  const list = (xs: string[] | undefined) => [...new Set((xs ?? []).filter((x) => typeof x === 'string'))].sort();
  for (const k of ['cases', 'speakers', 'participants', 'coders'] as const) {
    const xs = list(filter?.[k]);
    if (xs.length) out[k] = xs;
  }
  const attrs = (filter?.attributes ?? []).filter((a) => a && typeof a.key === 'string' && typeof a.value === 'string');
  const seen = new Set<string>();
  const distinct = attrs.filter((a) => !seen.has(`${a.key}\u0000${a.value}`) && seen.add(`${a.key}\u0000${a.value}`));
  if (distinct.length) out.attributes = distinct.sort((a, b) => (a.key === b.key ? cmp(a.value, b.value) : cmp(a.key, b.key)));
  const text = typeof filter?.text === 'string' ? filter.text.trim() : '';
  if (text) out.text = text;
  const changed = filter?.changedSince;
  if (changed && typeof changed.revision === 'string' && Array.isArray(changed.spans)) {
    // Kept even with no spans: "nothing changed since" shows an empty tree, not everything.
    const spans = changed.spans
      .filter((s) => s && typeof s.uri === 'string' && Number.isInteger(s.start) && Number.isInteger(s.end) && typeof s.coder === 'string')
      .map((s) => ({ uri: normalizeUri(s.uri), start: s.start, end: s.end, coder: s.coder }))
      .sort((a, b) => cmp(a.uri, b.uri) || a.start - b.start || a.end - b.end || cmp(a.coder, b.coder));
    out.changedSince = { revision: changed.revision, spans };
  }
  return out;
}

const ACCEPT_ALL: CompiledFilter = { active: false, key: '{}', file: () => true, span: () => true, block: () => true };

/** Prepares a filter for matching. */
export function compileFilter(filter: TreeFilter | undefined): CompiledFilter {
  const f = normalizeFilter(filter);
  const key = JSON.stringify(f);
  if (key === '{}') return ACCEPT_ALL;
  const cases = f.cases && new Set(f.cases);
  const speakers = f.speakers && new Set(f.speakers);
  const participants = f.participants && new Set(f.participants);
  const coders = f.coders && new Set(f.coders);
  // Attributes: any accepted value of a key, and every key named must match.
  let attrs: Map<string, Set<string>> | undefined;
  for (const a of f.attributes ?? []) {
    attrs ??= new Map();
    let vs = attrs.get(a.key);
    if (!vs) attrs.set(a.key, (vs = new Set()));
    vs.add(a.value);
  }
  const needle = f.text === undefined ? undefined : fold(f.text);
  // Changed spans by file and stripped range, and with their coder for the blocks.
  const changedRanges = f.changedSince && new Set(f.changedSince.spans.map((s) => `${s.uri}\u0000${s.start}:${s.end}`));
  const changedBlocks = f.changedSince && new Set(f.changedSince.spans.map((s) => `${s.uri}\u0000${s.start}:${s.end}\u0000${s.coder}`));
  const rangeKey = (entry: TranscriptEntry, span: Span) =>
    `${entry.uri}\u0000${strippedOffsetAt(entry.transcript, span.content.start)}:${strippedOffsetAt(entry.transcript, span.content.end)}`;
  return {
    active: true,
    key,
    file(entry) {
      if (cases && !cases.has(caseOf(entry))) return false;
      if (participants && !participants.has(participantOf(entry) ?? '')) return false;
      if (attrs) {
        const own = attributesOf(entry);
        for (const [k, vs] of attrs) if (!own.some((a) => a.key === k && vs.has(a.value))) return false;
      }
      return true;
    },
    span(entry, span) {
      if (speakers && !speakers.has(speakerOf(entry, span) ?? '')) return false;
      if (needle !== undefined && !foldedQuote(entry, span).includes(needle)) return false;
      if (changedRanges && !changedRanges.has(rangeKey(entry, span))) return false;
      return true;
    },
    block(entry, block, span) {
      if (coders && !coders.has(blockCoder(entry.transcript, block) ?? '')) return false;
      if (changedBlocks && !changedBlocks.has(`${rangeKey(entry, span)}\u0000${blockCoder(entry.transcript, block) ?? ''}`)) return false;
      return true;
    },
  };
}

/** Text folded for search: no accents, lower case, runs of white space as one space. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

/** Folded quotes by span, with the read limit they were folded under. */
const folded = new WeakMap<Span, { limit: number; text: string }>();

/** A span's quote (as far as it is read, see quoteLimit.ts), folded once (spans are not changed after parsing). */
function foldedQuote(entry: TranscriptEntry, span: Span): string {
  const limit = quoteReadLimit(entry.transcript);
  let f = folded.get(span);
  if (f === undefined || f.limit !== limit) folded.set(span, (f = { limit, text: fold(readableQuote(entry.transcript, span)) }));
  return f.text;
}

/** Where `needle` occurs in `text`, ignoring case, accents and extra white space: ranges of `text`. */
export function foldedMatches(text: string, needle: string): [number, number][] {
  const n = fold(needle.trim());
  if (!n) return [];
  // Fold character by character, remembering where each folded character came from.
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    // ASCII folds to itself in lower case (no regex, no normalisation: labels of
    // tens of thousands of quotes are folded on every search).
    let f = cp < 128 ? (cp === 32 || (cp >= 9 && cp <= 13) ? ' ' : cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : ch) : /\s/.test(ch) ? ' ' : fold(ch);
    if (f === ' ' && out.endsWith(' ')) f = '';
    for (let k = 0; k < f.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    out += f;
    i += ch.length;
  }
  const ranges: [number, number][] = [];
  for (let at = out.indexOf(n); at >= 0; at = out.indexOf(n, at + n.length)) {
    ranges.push([from[at], to[at + n.length - 1]]);
  }
  return ranges;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
