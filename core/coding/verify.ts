/**
 * The safety net of every coding edit: the edited text is parsed again and must
 * have the same stripped text, no more syntax errors, and exactly the coding that
 * was meant (each span's quote position and its codes by coder). An edit that
 * fails this is never offered: a literal brace or a broken span next to the
 * selection could otherwise change what the markup means.
 */
import { lowerBoundBy } from '../text/search';
import { applyEdits } from '../edits/apply';
import type { FileEdit, TextEdit } from '../edits/types';
import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import { parseTranscript } from '../transcript/parse';
import { scanName } from '../transcript/chars';
import { scanBody } from '../transcript/scanner';
import type { OffsetRange } from '../text/lineIndex';
import type { Span, Transcript } from '../transcript/types';
import { blockCoder } from '../transcript/coder';
import { keepsStrippedTextNarrowly } from './gateWindows';
import { memoEditsAllowed } from './memoGate';
import { strippedOffsetAt } from '../transcript/stripped';

/** A span's coding as comparable text: where its quote stands in the stripped text, and its codes by coder. */
export function spanSignature(t: Transcript, s: Span, codes?: { coder: string | undefined; id: string }[]): string {
  const head = `${s.quoteRange.start}-${s.quoteRange.end}${s.close ? '' : ' unclosed'} `;
  let items: string[];
  if (codes) items = codes.map((c) => `${c.coder ?? ''}:${c.id}`);
  else {
    // Written out, not flatMap and map: this runs for every span of a file on every coding command.
    items = [];
    for (const b of s.blocks) {
      const coder = blockCoder(t, b) ?? '';
      for (const c of b.codes) items.push(`${coder}:${c.id}`);
    }
  }
  if (items.length === 1) return head + items[0];
  return head + items.sort().join(' ');
}

/** The spans' signatures of a parse, computed once: every coding command on a file compares against them. */
const signatureCache = new WeakMap<Transcript, readonly string[]>();

/** The spans' signatures of a transcript, in span order (a fresh array the caller may change). */
export function signatures(t: Transcript): string[] {
  let list = signatureCache.get(t);
  if (!list) {
    list = t.spans.map((s) => spanSignature(t, s));
    signatureCache.set(t, list);
  }
  return list.slice();
}

/**
 * Whether applying `edits` to `t` gives a transcript with the same stripped text,
 * no more syntax errors, and exactly the span signatures `expected` (a multiset).
 */
export function verifies(t: Transcript, edits: TextEdit[], expected: string[]): boolean {
  let after: Transcript;
  try {
    after = parseTranscript(applyEdits(t.text, edits));
  } catch {
    return false;
  }
  if (after.stripped.text !== t.stripped.text) return false;
  if (errors(after) > errors(t)) return false;
  return sameMultiset(after.spans.map((s) => spanSignature(after, s)), expected);
}

/**
 * Whether two lists hold the same strings as many times each. Most edits keep the
 * spans' order, so the lists are first compared in place; otherwise by counting
 * (linear: sorting 50,000 signatures twice per command was most of its time).
 */
function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length) return true;
  // And from the end: only what lies between is counted.
  let end = a.length;
  while (end > i && a[end - 1] === b[end - 1]) end--;
  const counts = new Map<string, number>();
  for (let k = i; k < end; k++) counts.set(b[k], (counts.get(b[k]) ?? 0) + 1);
  for (let k = i; k < end; k++) {
    const n = counts.get(a[k]);
    if (!n) return false;
    counts.set(a[k], n - 1);
  }
  return true;
}

function errors(t: Transcript): number {
  let n = 0;
  for (const d of t.diagnostics) if (d.severity === 'error') n++;
  return n;
}

export const UNSAFE =
  'Axial cannot make this change safely here: the markup next to it (a literal brace or backslash, or broken coding nearby) would change its meaning. Fix the errors nearby, or adjust the selection.';

/**
 * THE GATE for every edit Axial offers to an editor (quick fixes, coding commands,
 * suggestions, renames and other refactorings): true only when the edits keep the
 * stripped text of every transcript they touch, so no offered edit can change what
 * was said. Edits to a project's codebook.yaml pass (it holds no spoken text);
 * edits to a memo pass only in its front matter or as renamed code mentions
 * (memoGate.ts); edits to a file the index does not know, overlapping edits and ranges outside
 * the text do not. `scanned`, when given, counts the characters scanned again.
 *
 * Only the lines around the edits are stripped again: no token of the markup runs
 * across a line break (`\n`, `\r\n`, lone `\r`) and stripping does not depend on
 * which spans are open, so the stripped text of a run of whole lines depends on
 * those lines alone. Edits on the first line or in the front matter (which may
 * change where the body starts) are checked by parsing the whole text.
 */
export function keepsStrippedText(index: ProjectIndex, edits: readonly FileEdit[], scanned?: { chars: number }): boolean {
  // Grouped by the URI as given first: normalising is a parse, too dear for every tag of a rename.
  const byRaw = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byRaw.get(e.uri);
    if (list) list.push(e);
    else byRaw.set(e.uri, [e]);
  }
  const byUri = new Map<string, TextEdit[]>();
  for (const [raw, list] of byRaw) {
    const uri = normalizeUri(raw);
    const known = byUri.get(uri);
    if (known) known.push(...list);
    else byUri.set(uri, list);
  }
  for (const [uri, list] of byUri) {
    const project = index.projectOf(uri);
    if (!project) {
      // A memo file: only its front matter and its code mentions may change (memoGate.ts).
      const memo = index.memoProjectOf(uri)?.memos.get(uri);
      if (!memo || !memoEditsAllowed(memo, list)) return false;
      continue;
    }
    if (uri === project.codebookUri) continue;
    const entry = project.transcripts.get(uri);
    if (!entry || !transcriptKeepsStrippedText(entry.transcript, list, scanned)) return false;
  }
  return true;
}

/**
 * Whether `edits` (offsets into `t.text`) leave the stripped text of `t` as it is.
 * `scanned`, when given, counts the characters scanned again (for tests of its cost).
 */
export function transcriptKeepsStrippedText(t: Transcript, edits: readonly TextEdit[], scanned?: { chars: number }): boolean {
  const n = t.text.length;
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let at = 0;
  for (const e of sorted) {
    const { start, end } = e.range ?? {};
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end < start || end > n || typeof e.newText !== 'string') return false;
    at = end;
  }
  if (sorted.length === 0) return true;
  if (sorted.every((e) => withinBlockWord(t, e))) return true;
  const starts = t.lines.lineStarts;
  const firstLineEnd = starts.length > 1 ? starts[1] : n;
  // An unclosed front matter (a first line `---`) is closed by any later `---` line.
  const open = t.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const unclosedFence = !t.frontMatter && t.text.startsWith('---', open) && firstLineEnd - open <= 5;
  // Edits in the front matter, or on a first line that is or may become a fence
  // (`---` after an optional BOM), are checked by parsing the whole text: they may
  // move where the body starts. A first line whose first five characters hold no
  // line break and stay unedited cannot be a fence before or after the edits.
  const firstLineStaysBody = t.bodyStart === 0 && sorted[0].range.start >= 5 && !/[\r\n]/.test(t.text.slice(0, 5));
  const onFirstLine = sorted[0].range.start < firstLineEnd || starts.length === 1;
  const parsedWhole = (): boolean => {
    try {
      const edited = applyEdits(t.text, sorted);
      if (scanned) scanned.chars += edited.length;
      return parseTranscript(edited).stripped.text === t.stripped.text;
    } catch {
      return false;
    }
  };
  if (unclosedFence || (t.bodyStart > 0 && sorted[0].range.start <= t.bodyStart) || (onFirstLine && !firstLineStaysBody)) return parsedWhole();
  // Usually a few characters around each edit decide (gateWindows.ts); whole lines otherwise.
  const narrow = keepsStrippedTextNarrowly(t, sorted, scanned);
  if (narrow !== undefined) return narrow;
  // The first line as a run of lines would keep a BOM that the parser drops.
  if (onFirstLine) return parsedWhole();
  // Runs of whole lines around the edits, joined where they meet or touch. Each
  // starts and ends just after a line break, so each strips the same alone as in the
  // file, and the old runs' stripped text is read from the parse. The runs are
  // compared one by one: equal concatenations are not enough, as two edits may move
  // a line of speech from one run to the other across the lines between them.
  let runs = 0;
  let differs = false;
  let i = 0;
  while (i < sorted.length) {
    const from = starts[t.lines.positionAt(sorted[i].range.start).line];
    let to = lineAfter(t, sorted[i].range.end);
    let j = i + 1;
    // An edit joins this run when its line starts inside it or where it ends (an edit
    // at the very end of the text is on the last line, which this run may already hold).
    while (j < sorted.length && starts[t.lines.positionAt(sorted[j].range.start).line] <= to) to = Math.max(to, lineAfter(t, sorted[j].range.end)), j++;
    let edited = '';
    let at = from;
    for (let k = i; k < j; k++) {
      edited += t.text.slice(at, sorted[k].range.start) + sorted[k].newText;
      at = sorted[k].range.end;
    }
    edited += t.text.slice(at, to);
    if (scanned) scanned.chars += edited.length;
    // A leading line break keeps a BOM at the start of a run as text, as it is there.
    if (scanBody('\n' + edited, 0, [], []).stripped.text !== '\n' + t.stripped.text.slice(strippedOffsetAt(t, from), strippedOffsetAt(t, to))) differs = true;
    runs++;
    i = j;
  }
  // Runs that differ may still add up to the same text (a line moved, and moved back): a
  // whole parse decides, which only edits that change something in two places pay for.
  if (!differs) return true;
  return runs === 1 ? false : parsedWhole();
}

/** The start of the line after the one holding `offset`, or the text's end. */
function lineAfter(t: Transcript, offset: number): number {
  const line = t.lines.positionAt(offset).line;
  return line + 1 < t.lines.lineStarts.length ? t.lines.lineStarts[line + 1] : t.text.length;
}

/**
 * The quick proof for retagging (rename, merge, did-you-mean): an edit that only
 * replaces id characters (`[\p{L}\p{N}_.-]`) by id characters strictly inside a
 * closer's block cannot move the block's end (a `}`, a `"` or a line break), so the
 * block, stripped whole, stays stripped whole and nothing else changes.
 */
function withinBlockWord(t: Transcript, e: TextEdit): boolean {
  const { start, end } = e.range;
  if (scanName(e.newText, 0, e.newText.length) !== e.newText.length || scanName(t.text, start, end) !== end) return false;
  const blocks = blockRangesOf(t);
  // The last block starting before `start`.
  const lo = lowerBoundBy(blocks, start, (b) => b.start);
  return lo > 0 && end < blocks[lo - 1].end;
}

/** The ranges of the blocks of every closed span, by start (they never overlap); cached per parse. */
const blockRanges = new WeakMap<Transcript, OffsetRange[]>();

function blockRangesOf(t: Transcript): OffsetRange[] {
  let list = blockRanges.get(t);
  if (!list) {
    list = [];
    for (const span of t.spans) for (const b of span.blocks) list.push(b.range);
    list.sort((a, b) => a.start - b.start);
    blockRanges.set(t, list);
  }
  return list;
}
