/**
 * Quick fixes for the diagnostics of a transcript. Every edit to the transcript
 * changes coding markup only (a tag, a block, a closer), so the stripped text is
 * the same before and after; fixes that need the codebook edit codebook.yaml.
 */
import { isValidId } from '../../codebook/ids';
import { nearest } from '../../codebook/nearest';
import { boundedDistance } from './distance';
import { childrenOf } from '../../codebook/hierarchy';
import type { Codebook } from '../../codebook/types';
import { DiagnosticCodes, type AxialDiagnostic } from '../../diagnostics';
import type { Project, TranscriptEntry } from '../../project/types';
import { addCodeEdit, addCoderEdit } from '../../refactor/codebookEdits';
import { removeTagsEdits } from '../../refactor/transcriptEdits';
import type { Span, Transcript } from '../../transcript/types';
import { transcriptTargetAt } from '../targetAt';
import { applicable, likelyCodes } from './candidates';
import type { FileEdit } from '../../edits/types';
import type { QuickFix } from './types';
import { firstSpanFrom, labelCount, spanOpeningAt, spansByClose } from './spanLookup';
import { partitionPoint } from '../../text/search';
import { textReaderOf } from '../../text/lineIndex';
import type { TextReader } from '../../text/pieceText';

/** At most this many did-you-mean suggestions per diagnostic. */
export const MAX_SUGGESTIONS = 3;
/** At most this many codes of a category are offered for a category applied to text. */
const MAX_CATEGORY_CODES = 8;
/** The front matter keys Axial knows (FORMAT section 3). */
const FRONT_MATTER_KEYS = ['case', 'participant', 'title', 'date', 'language', 'coder', 'speakers', 'attributes'];

export function transcriptFixes(project: Project, entry: TranscriptEntry, d: AxialDiagnostic): QuickFix[] {
  const uri = entry.uri;
  const t = entry.transcript;
  const cb = project.codebook;
  const fix = (title: string, edits: FileEdit[], preferred = false): QuickFix => ({ title, diagnostic: d, edits, preferred });
  const edit = (start: number, end: number, newText: string): FileEdit => ({ uri, range: { start, end }, newText });
  // A tag's range covers `#id`; the id starts one character in.
  const idRange = { start: d.range.start + 1, end: d.range.end };

  switch (d.code) {
    case DiagnosticCodes.deprecatedCode: {
      const by = d.data?.replacedBy;
      return typeof by === 'string' && isValidId(by) ? [fix(`Replace with '${by}'`, [edit(idRange.start, idRange.end, by)], true)] : [];
    }

    case DiagnosticCodes.unknownCode: {
      const id = d.data?.id;
      if (typeof id !== 'string') return [];
      const aliasOf = typeof d.data?.aliasOf === 'string' && isValidId(d.data.aliasOf) ? d.data.aliasOf : undefined;
      const candidates = aliasOf ? [aliasOf] : didYouMean(cb, id);
      const out = candidates.map((c, i) =>
        fix(
          aliasOf ? `Use '${c}' ('${id}' is its alias)` : `Change to '${c}'`,
          [edit(idRange.start, idRange.end, c)],
          i === 0 && (aliasOf !== undefined || candidates.length === 1),
        ),
      );
      const add = aliasOf || !canInsert(cb) || !isValidId(id) ? undefined : addCodeEdit(cb, { id });
      if (add) out.push(fix(`Add '${id}' to the codebook`, [{ uri: project.codebookUri, ...add }]));
      return out;
    }

    case DiagnosticCodes.categoryApplied: {
      const target = transcriptTargetAt(t, d.range.start + 1);
      if (target?.kind !== 'code') return [];
      const { ref, block } = target;
      const inBlock = new Set(block.codes.map((c) => c.id));
      const out: QuickFix[] = [];
      const all = codesOf(cb, ref.id);
      const codes = all.filter((c) => !inBlock.has(c));
      // When the block already applies a code of the category, dropping the category is the clear fix.
      const hasOwnCode = all.length > codes.length;
      codes.forEach((c) =>
        out.push(fix(`Change to '${c}' (a code of '${ref.id}')`, [edit(ref.range.start + 1, ref.range.end, c)], codes.length === 1 && !hasOwnCode)),
      );
      if (block.codes.some((c) => c.id !== ref.id)) {
        const removal = removeTagsEdits(t.text, block, [ref]);
        out.push(fix(`Remove '#${ref.id}' from this block`, removal.map((e) => ({ uri, ...e })), hasOwnCode || codes.length === 0));
      }
      return out;
    }

    case DiagnosticCodes.unknownCoder: {
      const id = d.data?.id;
      if (typeof id !== 'string' || !cb.coders) return [];
      const inner = textReaderOf(t).slice(d.range.start, d.range.end).indexOf(id);
      if (inner < 0) return [];
      const start = d.range.start + inner;
      const near = nearestCoders(cb, id);
      const out = near.map((c) => fix(`Change to '${c}'`, [edit(start, start + id.length, c)], near.length === 1));
      const add = canInsert(cb) && isValidId(id) ? addCoderEdit(cb, id) : undefined;
      if (add) out.push(fix(`Add coder '${id}' to the codebook`, [{ uri: project.codebookUri, ...add }]));
      return out;
    }

    case DiagnosticCodes.closerWithoutBlock: {
      // `}}` at d.range: put a block right after it.
      const at = d.range.end;
      return likelyCodes(project, entry, d.range.start).map((c) => fix(`Add the block {#${c}}`, [edit(at, at, `{#${c}}`)]));
    }

    case DiagnosticCodes.unclosedSpan: {
      const opened = spanOpeningAt(t, d.range.start);
      const span = opened && !opened.close ? opened : undefined;
      const at = span && closeAt(t, span);
      if (at === undefined) return [];
      const label = span!.label && labelCount(t, span!.label.name) === 1 ? `^${span!.label.name} ` : '';
      return likelyCodes(project, entry, at).map((c) =>
        fix(`Close the span at the end of the line with {#${c}}`, [edit(at, at, `}}{${label}#${c}}`)]),
      );
    }

    case DiagnosticCodes.blockWithoutCode: {
      // A closed block `{…}` with no `#code`: add one after the `{`.
      const open = d.range.start;
      const text = textReaderOf(t);
      if (text.charCodeAt(open) !== 123) return [];
      const empty = text.charCodeAt(open + 1) === 125;
      return likelyCodes(project, entry, open).map((c) => fix(`Add '#${c}' to the block`, [edit(open + 1, open + 1, empty ? `#${c}` : `#${c} `)]));
    }

    case DiagnosticCodes.blockUnclosed:
      return [fix("Close the block with '}'", [edit(d.range.end, d.range.end, '}')], true)];

    case DiagnosticCodes.unterminatedMemo: {
      // The memo ran to the end of the line, taking the block's `}` with it.
      const before = textReaderOf(t).slice(d.range.start + 1, d.range.end);
      if (/\\+$/.test(before) && (before.match(/\\+$/)![0].length % 2 === 1)) return [];
      return [fix('Close the memo and the block with \'"}\'', [edit(d.range.end, d.range.end, '"}')], true)];
    }

    case DiagnosticCodes.frontMatterUnknownKey: {
      const key = d.data?.key;
      if (typeof key !== 'string') return [];
      const present = new Set(Object.keys(t.frontMatter?.raw ?? {}));
      const near = nearest(key, FRONT_MATTER_KEYS.filter((k) => !present.has(k)));
      const out = near ? [fix(`Change to '${near}'`, [edit(d.range.start, d.range.end, near)], true)] : [];
      if (/^[\p{L}\p{N}_.-]+$/u.test(key)) out.push(fix(`Rename to 'x-${key}' (your own key)`, [edit(d.range.start, d.range.start, 'x-')]));
      return out;
    }

    default:
      return [];
  }
}

/**
 * Whether new entries may be inserted into the codebook: not while it has YAML
 * syntax errors, since where an entry ends is then only a guess.
 */
export function canInsert(cb: Codebook): boolean {
  return !cb.diagnostics.some((d) => d.code === DiagnosticCodes.codebookYaml && d.severity === 'error');
}

/** Lower-cased ids and aliases of the applicable codes, built once per codebook. */
const suggestable = new WeakMap<Codebook, { id: string; order: number; words: string[] }[]>();

function candidatesOf(codebook: Codebook): { id: string; order: number; words: string[] }[] {
  let list = suggestable.get(codebook);
  if (!list) {
    list = [];
    for (const code of codebook.codes.values()) {
      // An id that cannot be written as a tag (the codebook reports it) is never offered.
      if (code.kind === 'category' || code.status === 'deprecated' || !isValidId(code.id)) continue;
      list.push({ id: code.id, order: code.order, words: [code.id.toLowerCase(), ...code.aliases.map((a) => a.toLowerCase())] });
    }
    suggestable.set(codebook, list);
  }
  return list;
}

/**
 * Applicable codes closest to a mistyped id, best first: by edit distance to the
 * id and to each alias, within a third of the word's length.
 */
export function didYouMean(codebook: Codebook, word: string): string[] {
  const w = word.toLowerCase();
  const max = Math.min(4, Math.max(1, Math.ceil(w.length / 3)));
  const scored: { id: string; d: number; order: number }[] = [];
  for (const c of candidatesOf(codebook)) {
    let d = max + 1;
    for (const x of c.words) d = Math.min(d, boundedDistance(w, x, d === max + 1 ? max : d));
    if (d <= max) scored.push({ id: c.id, d, order: c.order });
  }
  scored.sort((a, b) => a.d - b.d || a.order - b.order);
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.id);
}

/** Declared coders close to mistyped initials, best first. */
function nearestCoders(cb: Codebook, id: string): string[] {
  const w = id.toLowerCase();
  const max = Math.max(1, Math.floor(w.length / 3));
  return [...(cb.coders?.keys() ?? [])]
    .filter(isValidId)
    .map((c, order) => ({ c, d: boundedDistance(w, c.toLowerCase(), max), order }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((x) => x.c);
}

/**
 * The codes a category stands for, for a category applied to text: its own
 * applicable codes first, then those of its sub-categories, in codebook order.
 */
function codesOf(cb: Codebook, category: string): string[] {
  const out: string[] = [];
  const queue = [category];
  const seen = new Set(queue);
  while (queue.length > 0 && out.length < MAX_CATEGORY_CODES) {
    const id = queue.shift()!;
    for (const child of childrenOf(cb, id)) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      if (applicable(cb, child.id) && out.length < MAX_CATEGORY_CODES) out.push(child.id);
      if (child.kind === 'category') queue.push(child.id);
    }
  }
  return out;
}

/**
 * Where to close an unclosed span "at the end of the line": after the last
 * non-blank character of the first line, from the opener on, that has text after
 * the opener. Undefined when a closer there would not close this span (another
 * span opened after it is still open there, and this one has no label), would
 * land inside a block, or would be escaped by a backslash before it.
 */
export function closeAt(t: Transcript, span: Span): number | undefined {
  // Read a few lines through the editor's pieces, if any (textReaderOf).
  const text = textReaderOf(t);
  let from = span.open.end;
  let at: number | undefined;
  for (let lines = 0; lines < 3 && from <= text.length; lines++) {
    const { end, next } = lineFrom(text, from);
    let last = end;
    while (last > from && (text.charCodeAt(last - 1) === 32 || text.charCodeAt(last - 1) === 9)) last--;
    if (last > from) {
      at = last;
      break;
    }
    if (next <= from || next >= text.length) break;
    from = next;
  }
  if (at === undefined) return undefined;
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
  if (backslashes % 2 === 1) return undefined;
  // A label closes its span from anywhere, unless another span has the same label (an error, but it happens).
  const byLabel = span.label !== undefined && labelCount(t, span.label.name) === 1;
  // Not inside another opener (`{{^b ` ends after its space): only the last one opening before `at` could hold it.
  const before = firstSpanFrom(t, at) - 1;
  if (before >= 0 && at < t.spans[before].open.end) return undefined;
  // Not inside a closer or its blocks (nor at a block's end): only the last closer starting before `at` could hold it.
  const closed = spansByClose(t);
  const s = closed[partitionPoint(closed, (x: Span) => x.close!.start < at) - 1];
  if (s && at < s.close!.end) return undefined;
  if (s) for (const b of s.blocks) if (b.range.start < at && at <= b.range.end) return undefined;
  // Not inside a span opened after this one and still open there.
  if (!byLabel) {
    for (let k = span.index + 1; k < t.spans.length && t.spans[k].open.start < at; k++) {
      const inner = t.spans[k];
      if (!inner.close || inner.close.start >= at) return undefined;
    }
  }
  return at;
}

/**
 * The line holding `from`, read forward from it: where its content ends (before its
 * `\r\n`, `\n` or `\r`) and where the next line starts (the length on the last line),
 * as lineContentEndAt and nextLineStartAt give them.
 */
function lineFrom(text: TextReader, from: number): { end: number; next: number } {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return { end: i, next: i + 1 };
    if (c === 13) return { end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
  }
  return { end: text.length, next: text.length };
}
