import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { isLineStart, LineIndex } from '../text/lineIndex';
import { PieceText, type TextReader } from '../text/pieceText';
import { mayHoldConflictMarkers } from '../text/conflictMarkers';
import { detached } from '../text/detached';
import { findLastAtOrBefore, lowerBound, lowerBoundBy, partitionPoint, upperBound } from '../text/search';
import { parseTranscript } from './parse';
import { diagnostic } from './report';
import { RunsBuilder, type Runs } from './runs';
import { scanBody } from './scanner';
import { hitLimit, isLimited, parseLimits } from './limits';
import { findTurns, type TurnTable } from './turns';
import { transcriptWithLazyTurns, turnTableOf } from './lazyTurns';
import { spliceTurnTable } from './turnSplice';
import { isTrimSpace } from './chars';
import type { Block, Span, StrippedText, Transcript, Turn } from './types';

/**
 * Incremental re-parsing: after an edit, re-scan only the lines around it and reuse
 * the span, block, code-ref and turn objects of the rest of the old parse, so a
 * keystroke in a 20,000-line transcript allocates (and leaves for the garbage
 * collector) a few objects instead of a hundred thousand.
 *
 * The result is always equal to `parseTranscript(newText)` (same spans, turns, front
 * matter, stripped text and runs, diagnostics, bodyStart and line starts); when that
 * cannot be shown cheaply, it *is* `parseTranscript(newText)`.
 *
 * THE OLD TRANSCRIPT IS CONSUMED. Objects after the edit are shifted in place and
 * handed to the new transcript, so after the call `old` (and anything pointing into
 * it, e.g. its spans) must only be read through the new transcript. Callers keep
 * one transcript per document and replace it (ProjectIndex does). Objects before
 * the edit are shared unchanged, objects after it are shared with new offsets.
 *
 * Why it is correct. The scanner's state at a line start is only: the stack of open
 * spans, the labels seen so far, and the running offsets (span count, stripped
 * length, turn). No token (opener with label, closer with its blocks, memo, escape)
 * runs across a line break, and no lookahead reaches past one. So from a line start
 * where no span is open, the scan depends only on the text from there on, up to:
 * span indices, stripped offsets and turn indices (shifted), and duplicate labels
 * (a file-wide check, redone over all spans). Hence:
 *  - prefix: before a line start `p` at or before the edit with no span open in the
 *    old parse, everything is as it was;
 *  - middle: re-scanned from `p` up to a line start `q` at or after the edit where
 *    no span is open in the new scan AND none at the matching old offset `q - delta`
 *    (the text after both is identical, as they lie in the common suffix);
 *  - suffix: the old parse from `q - delta`, shifted by delta.
 * The sync point is generalised for an opener typed (or deleted) before the rest of
 * the file: spans open at q in the new scan, or at q - delta in the old parse, may
 * lie *below* everything after q when nothing after q can reach them: spans left
 * open there never close (the old ones are unclosed; for the new ones, no closer
 * after q closed nothing in the old parse, and no label after q names theirs).
 * Then the suffix is the same, except that its top-level spans get the innermost of
 * the new open spans as parent, and those spans run to the end of the body as a
 * full parse leaves them (content, quote and "never closed" problem).
 * Turns depend on single lines (a speaker label never spans a line break), so only
 * the edited lines are re-checked. Front matter edits, edits that could open or
 * close front matter, and large edits fall back to a full parse.
 */

/** How a reparse reused the old spans (for callers that keep objects per span, e.g. code uses). */
export interface SpanReuse {
  /** Old spans [0, start) are the new spans [0, start), unchanged. */
  start: number;
  /** Old spans [oldEnd, old length) are the new spans [newEnd, new length), shifted in place. */
  oldEnd: number;
  newEnd: number;
}

export interface Reparse {
  transcript: Transcript;
  /** Undefined when the transcript was parsed from scratch (nothing reused). */
  reuse?: SpanReuse;
}

/** Counters for tests and benchmarks: how reparses went (`openBelow`: incremental ones that synced with spans open below the suffix). */
export const reparseStats = { incremental: 0, full: 0, errors: 0, openBelow: 0 };

/** An edit larger than this many UTF-16 units and than 10% of the text is parsed from scratch. */
const LARGE_EDIT = 1024;

// Character codes (local, see chars.ts).
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

const NO_TURNS: number[] = [];

/**
 * Where a new text differs from the one before, when the caller knows it (an editor
 * sends its changes): `before` [start, oldEnd) became the new text's [start, newEnd),
 * and the rest is the same. The region may be larger than what really changed. It
 * spares comparing two texts of megabytes to find the edit; it is used only when
 * `before` is the old transcript's text and the lengths agree.
 */
export interface KnownEdit {
  before: string;
  start: number;
  oldEnd: number;
  newEnd: number;
  /**
   * Both texts as the pieces the editor's changes left (`before.text` is `before`,
   * `after.text` the new text): the re-parse reads them through these and never
   * makes V8 copy the new text into one string (core/text/pieceText.ts).
   */
  readers?: { before: PieceText; after: PieceText };
}

/** Re-parses `newText`, reusing `old` outside the edited lines; `old` is consumed (see above). */
export function reparseTranscript(old: Transcript, newText: string, edit?: KnownEdit): Transcript {
  return reparseTranscriptWithReuse(old, newText, edit).transcript;
}

/** `reparseTranscript`, also telling which old spans live on in the new transcript. */
export function reparseTranscriptWithReuse(old: Transcript, newText: string, edit?: KnownEdit): Reparse {
  if (typeof newText !== 'string' || !old || typeof old.text !== 'string') return full(newText);
  // Conflict markers are a file-wide check (`=======` counts only inside a conflict);
  // files that hold them are rare and parsed whole. The new text is checked around
  // the edit only (planReparse), as the rest of it is the old text's.
  if (mayHoldMarkers(old)) return full(newText);
  // A BOM is dropped only as the file's first character: an edit that brings one to the
  // start (or takes it away) changes what every later offset means; parse whole.
  const read = readersOf(old, newText, edit);
  if ((read.a.charCodeAt(0) === BOM) !== (read.b.charCodeAt(0) === BOM)) return full(newText);
  // A parse that left spans or problems out (limits.ts) is parsed whole: what it kept
  // depends on everything before, which splicing does not redo.
  if (isLimited(old) && old.text !== newText) return full(newText);
  let plan: Plan | 'same' | undefined;
  try {
    plan = planReparse(old, newText, read, edit);
  } catch {
    // Planning only reads the old parse; a surprise here costs a full parse, no more.
    reparseStats.errors++;
    plan = undefined;
  }
  if (plan === 'same') {
    reparseStats.incremental++;
    const n = old.spans.length;
    return { transcript: old, reuse: { start: n, oldEnd: n, newEnd: n } };
  }
  if (!plan) return full(newText);
  try {
    const result = commit(old, newText, read, plan);
    if (!result) return full(newText);
    withoutMarkers.add(result.transcript);
    reparseStats.incremental++;
    if (plan.openBelow) reparseStats.openBelow++;
    return result;
  } catch {
    // Never expected; the old transcript may be half-shifted, but it is consumed anyway.
    reparseStats.errors++;
    return full(newText);
  }
}

/**
 * How the re-parse reads the old and new texts: through the editor's pieces when
 * the caller has them for exactly these texts, else the strings themselves.
 */
interface Readers {
  a: TextReader;
  b: TextReader;
}

function readersOf(old: Transcript, b: string, edit: KnownEdit | undefined): Readers {
  const r = edit?.readers;
  if (r && r.before instanceof PieceText && r.after instanceof PieceText && r.before.text === old.text && r.after.text === b) return { a: r.before, b: r.after };
  return { a: old.text, b };
}

/** True when the text holds a `\r`. */
function hasCR(text: TextReader): boolean {
  return text instanceof PieceText ? text.hasCR() : (text as string).indexOf('\r') >= 0;
}

/**
 * Transcripts whose text cannot hold a conflict marker (mayHoldConflictMarkers is
 * false): a reparse result inherits this when its edit brings no marker, so a
 * keystroke does not search the whole text (about 2 ms for a 2.6 MB transcript) twice.
 */
const withoutMarkers = new WeakSet<Transcript>();

function mayHoldMarkers(t: Transcript): boolean {
  if (withoutMarkers.has(t)) return false;
  if (mayHoldConflictMarkers(t.text)) return true;
  withoutMarkers.add(t);
  return false;
}

/** Characters of a conflict marker (`<<<<<<<`, `>>>>>>>`) beyond its first. */
const MARKER_TAIL = 6;

function full(text: string): Reparse {
  reparseStats.full++;
  return { transcript: parseTranscript(text) };
}

/** What the planning phase found; nothing of the old transcript is changed until commit. */
interface Plan {
  /** Edit: old [editStart, oldEnd) became new [editStart, newEnd). */
  editStart: number;
  oldEnd: number;
  newEnd: number;
  delta: number;
  /** Restart line start (same in old and new). */
  p: number;
  /** Resync line start in the old text, or -1 when the middle runs to the end. */
  qOld: number;
  /** The scan of newText[p, q), offsets relative to p. */
  midSpans: Span[];
  midStripped: StrippedText;
  midDiagnostics: AxialDiagnostic[];
  speakers?: Record<string, string>;
  /**
   * True when spans are open at the sync point (see the header): the new scan's
   * unclosed middle spans, which then run to the end, or old unclosed spans before
   * q - delta, which are dropped with the rest of the old middle.
   */
  openBelow: boolean;
}

function planReparse(old: Transcript, newText: string, read: Readers, known?: KnownEdit): Plan | 'same' | undefined {
  const a = read.a;
  const b = read.b;
  const oldLen = a.length;
  const newLen = b.length;
  let editStart: number;
  let suffix: number;
  if (known && isKnownEditOf(known, old.text, newText)) {
    editStart = known.start;
    suffix = oldLen - known.oldEnd;
    if (editStart === oldLen - suffix && editStart === newLen - suffix) return 'same';
  } else {
    editStart = commonPrefix(old.text, newText);
    if (editStart === oldLen && editStart === newLen) return 'same';
    suffix = commonSuffix(old.text, newText, Math.min(oldLen, newLen) - editStart);
  }
  const oldEnd = oldLen - suffix;
  const newEnd = newLen - suffix;
  const delta = newLen - oldLen;
  // The old text holds no marker (checked by the caller): a new one overlaps the edit.
  if (mayHoldConflictMarkers(b.slice(Math.max(0, editStart - MARKER_TAIL), newEnd + MARKER_TAIL))) return undefined;

  const editSize = Math.max(oldEnd, newEnd) - editStart;
  if (editSize > LARGE_EDIT && editSize * 10 > Math.max(oldLen, newLen)) return undefined;

  // Front matter: with one, the edit must be in the body, after the closing line's
  // break, so the YAML and the fences are untouched. Without one, neither text may
  // start with a `---` line (an unclosed opening fence can be closed by any edit).
  const fm = old.frontMatter;
  if (fm) {
    if (editStart < old.bodyStart || old.bodyStart === 0) return undefined;
    // After a lone \r, a \n typed at the body's start would join the fence's line break.
    const brk = a.charCodeAt(old.bodyStart - 1);
    if (brk !== LF && !(brk === CR && editStart > old.bodyStart)) return undefined;
  } else if (old.bodyStart !== 0 || opensFrontMatter(a) || opensFrontMatter(b)) {
    return undefined;
  }
  const speakers = fm?.speakers && Object.keys(fm.speakers).length > 0 ? fm.speakers : undefined;
  // A declared label with a line break could match across lines; not worth the thought.
  if (speakers && Object.keys(speakers).some((k) => k.indexOf('\n') >= 0 || k.indexOf('\r') >= 0)) return undefined;

  const starts = old.lines.lineStarts;
  const spans = old.spans;
  const closes = closeStarts(spans);
  const reach = reachPrefixMax(closes, false, scratch(0, closes.length + 1));
  // The same over closed spans only: where the only spans open are unclosed ones.
  const reachClosed = reachPrefixMax(closes, true, scratch(1, closes.length + 1));

  // Restart: the line start at or before the edit where no old span is open; when one
  // is, go back to the line where the earliest of the open ones starts, and re-check.
  let p = starts[lastAtOrBefore(starts, editStart)];
  for (;;) {
    const k = countOpenedBefore(spans, p);
    if (reach[k] < p) break;
    // The first span (in opener order) still open at p: the first j with reach[j + 1] >= p.
    // reach is non-decreasing, so that is a lower bound over reach[1..k).
    const j = lowerBound(reach, p, 1, k) - 1;
    p = starts[lastAtOrBefore(starts, spans[j].open.start)];
  }
  if (p < old.bodyStart) return undefined; // cannot happen: spans open in the body
  // A BOM at the start of the re-scanned text would be dropped as if it began the file.
  if (p > 0 && b.charCodeAt(p) === BOM) return undefined;

  // Resync: try the first candidate line start after the edit; if the new scan still
  // has spans open there (the edit changed the nesting), try further, then the end.
  let from = oldEnd;
  for (;;) {
    const qOld = nextSyncPoint(old, b, reachClosed, delta, from);
    const q = qOld < 0 ? newLen : qOld + delta;
    const midDiagnostics: AxialDiagnostic[] = [];
    // A copy of the window, not a view into `b`: what the scan finds outlives this version of the text (core/text/detached.ts).
    const scan = scanBody(detached(b.slice(p, q)), 0, NO_TURNS, midDiagnostics);
    if (hitLimit(scan.limits)) return undefined;
    const openBelow = qOld >= 0 && !(allClosed(scan.spans) && allClosedBefore(spans, p, qOld));
    if (qOld < 0 || !openBelow || suffixIgnoresOpen(old, scan.spans, p, qOld)) {
      return {
        editStart,
        oldEnd,
        newEnd,
        delta,
        p,
        qOld,
        midSpans: scan.spans,
        midStripped: scan.stripped,
        midDiagnostics,
        speakers,
        openBelow,
      };
    }
    from = qOld + Math.max(4 * (q - p), 4096);
  }
}

/**
 * The first old line start at or after `from` (and after the edit) where no old span
 * is open and whose counterpart in the new text is a line start; -1 when there is none.
 */
function nextSyncPoint(old: Transcript, b: TextReader, reach: Float64Array, delta: number, from: number): number {
  const starts = old.lines.lineStarts;
  const spans = old.spans;
  let li = firstAtOrAfter(starts, from);
  while (li < starts.length) {
    const L = starts[li];
    const k = countOpenedBefore(spans, L);
    if (reach[k] >= L) {
      if (reach[k] === Infinity) return -1; // an unclosed span: open to the end
      li = firstAtOrAfter(starts, reach[k] + 1);
      continue;
    }
    // At L === oldEnd the character before is the edit's last one, maybe not a break.
    if (L > 0 && isLineStart(b, L + delta)) return L;
    li++;
  }
  return -1;
}

/**
 * Builds the new transcript from the old one and the re-scanned middle, part by
 * part: line starts, turns, stripped text, spans, diagnostics. The old parse's
 * arrays and objects are reused (shifted in place).
 */
function commit(old: Transcript, newText: string, read: Readers, plan: Plan): Reparse | undefined {
  const b = read.b;
  // Past a limit the full parse keeps only a part, which splicing would not: check
  // before anything of the old parse is changed. Spans and problems are only
  // counted here; the full parse is the one that finds out what it keeps.
  const oldCount = old.spans.length;
  const replaced = (plan.qOld >= 0 ? countOpenedBefore(old.spans, plan.qOld) : oldCount) - countOpenedBefore(old.spans, plan.p);
  if (oldCount - replaced + plan.midSpans.length > parseLimits.spans) return undefined;
  // Turns still kept as a table (no feature has read them as objects) are spliced as one.
  const oldTable = turnTableOf(old);
  const lines = spliceLines(old, newText, b, plan);
  let turns: Turn[] | undefined;
  let table: TurnTable | undefined;
  let dTurn: number;
  let turnStarts: TurnStarts;
  if (oldTable) {
    ({ table, dTurn } = spliceTurnTable(oldTable, b, lines.lineStarts, plan));
    const starts = table.starts;
    turnStarts = { count: starts.length, at: (i) => starts[i] };
  } else {
    ({ turns, dTurn } = spliceTurns(old, b, lines.lineStarts, plan));
    const objects = turns;
    turnStarts = { count: objects.length, at: (i) => objects[i].range.start };
  }
  const oldCloses = closeStarts(old.spans); // kept by planReparse, before any span is shifted
  const { stripped, pieces, sp, dStripped } = spliceStripped(old, plan);
  const { spans, kP, kQ } = spliceSpans(old, plan, turnStarts, sp, dStripped, dTurn);
  spliceCloseStarts(oldCloses, spans, kP, kQ, plan.midSpans.length, plan.delta);
  if (plan.openBelow) endOpenSpans(spans, kP, plan.midSpans.length, b, stripped, pieces);
  // Which labels are used twice depends only on the labelled spans, in order: when no
  // span the edit replaced or re-scanned has a label, that list is the old one (the
  // old problems are kept, shifted), and the file-wide check is skipped.
  const labelsKept = !anyLabel(old.spans, kP, kQ) && !anyLabel(plan.midSpans, 0, plan.midSpans.length);
  const diagnostics = spliceDiagnostics(old, plan, labelsKept);
  if (!labelsKept) addDuplicateLabels(spans, diagnostics);
  // The problems of the body (front matter ones start before it) past the limit: the
  // old transcript is consumed anyway, and the full parse finds out what it keeps.
  if (diagnostics.length - countDiagnosticsBefore(diagnostics, old.bodyStart) > parseLimits.diagnostics) return undefined;
  strippedPieces.set(stripped, pieces);
  const transcript: Transcript = table
    ? transcriptWithLazyTurns({ text: newText, lines, bodyStart: old.bodyStart, spans, stripped, diagnostics }, table)
    : { text: newText, lines, bodyStart: old.bodyStart, turns: turns!, spans, stripped, diagnostics };
  if (old.frontMatter) transcript.frontMatter = old.frontMatter;
  return { transcript, reuse: { start: kP, oldEnd: kQ, newEnd: kP + plan.midSpans.length } };
}

/**
 * Line starts: kept up to the edit, re-found in it, shifted after it. A line
 * start s depends on the characters at s - 1 and s (a \r starts a line unless a \n
 * follows), so the starts in [editStart, oldEnd] are re-found as [editStart, newEnd].
 */
function spliceLines(old: Transcript, newText: string, b: TextReader, plan: Plan): LineIndex {
  const { editStart, oldEnd, newEnd, delta } = plan;
  const lineStarts = old.lines.lineStarts;
  const a0 = Math.max(1, firstAtOrAfter(lineStarts, editStart));
  const b0 = firstAfter(lineStarts, oldEnd);
  const inserted: number[] = [];
  for (let k = Math.max(editStart - 1, 0); k < newEnd; k++) {
    const c = b.charCodeAt(k);
    if (c === LF || (c === CR && b.charCodeAt(k + 1) !== LF)) inserted.push(k + 1);
  }
  if (inserted.length === 0) lineStarts.splice(a0, b0 - a0);
  else if (inserted.length < 10000) lineStarts.splice(a0, b0 - a0, ...inserted);
  else {
    const tail = lineStarts.splice(a0);
    for (const s of inserted) lineStarts.push(s);
    for (let i = b0 - a0; i < tail.length; i++) lineStarts.push(tail[i]);
  }
  if (delta !== 0) for (let i = a0 + inserted.length; i < lineStarts.length; i++) lineStarts[i] += delta;
  // A LineIndex over the spliced line starts, without finding them all again.
  return LineIndex.of(newText, lineStarts, b);
}

/** Turns: only lines touched by the edit can gain or lose a speaker label. `dTurn` is the change in their number. */
function spliceTurns(old: Transcript, b: TextReader, lineStarts: number[], plan: Plan): { turns: Turn[]; dTurn: number } {
  const { editStart, newEnd, delta } = plan;
  const newLen = b.length;
  const oldTurns = old.turns;
  const lp = lineStarts[lastAtOrBefore(lineStarts, editStart)];
  const li = firstAfter(lineStarts, newEnd); // the first new line start past the edit's line
  const last = li >= lineStarts.length;
  const le = last ? newLen + 1 : lineStarts[li];
  const ta = countTurnsBefore(oldTurns, lp);
  const tb = last ? oldTurns.length : countTurnsBefore(oldTurns, le - delta);
  const midLineStarts = lineStarts.slice(firstAtOrAfter(lineStarts, lp), li);
  // findTurns only reads `lineStarts` of the index it is given.
  const midTurns = findTurns(b, { lineStarts: midLineStarts } as unknown as LineIndex, lp, plan.speakers);
  const dTurn = midTurns.length - (tb - ta);
  const turns: Turn[] = oldTurns.slice(0, ta);
  for (const t of midTurns) {
    t.index += ta;
    // A label of 13 or more characters would be a view into this version of the text.
    t.speaker = detached(t.speaker);
    turns.push(t);
  }
  for (let i = tb; i < oldTurns.length; i++) {
    const t = oldTurns[i];
    t.index += dTurn;
    if (delta !== 0) {
      t.labelRange.start += delta;
      t.labelRange.end += delta;
      t.range.start += delta;
      t.range.end += delta;
    }
    turns.push(t);
  }
  // Each turn runs to the next one; fix the ends where old and new turns meet.
  for (let i = Math.max(ta - 1, 0); i < ta + midTurns.length && i < turns.length; i++) {
    turns[i].range.end = i + 1 < turns.length ? turns[i + 1].range.start : newLen;
  }
  return { turns, dTurn };
}

/**
 * Stripped text and its runs: the old text's pieces before p and from q on, the
 * middle's between. `sp` is p's stripped offset, `dStripped` how far the suffix moved.
 * The runs are a new table: the old prefix and suffix copied as blocks (the suffix's
 * offsets shifted), the middle's runs between; neither input table is changed.
 */
function spliceStripped(old: Transcript, plan: Plan): { stripped: StrippedText; pieces: PieceText; sp: number; dStripped: number } {
  const { delta, p, qOld, midStripped } = plan;
  const hasSuffix = qOld >= 0;
  const oldStripped = old.stripped;
  const runs = oldStripped.runs;
  const sp = strippedOffsetAt(runs, p);
  const sq = hasSuffix ? strippedOffsetAt(runs, qOld) : oldStripped.text.length;
  const dStripped = sp + midStripped.text.length - sq;
  const pieces = (strippedPieces.get(oldStripped) ?? PieceText.of(oldStripped.text)).edit(sp, sq, midStripped.text);
  const text = pieces.text;
  const rp = runs.countStartingBeforeSource(p);
  let rq = hasSuffix ? runs.firstEndingAfterSource(qOld) : runs.count;
  const mr = midStripped.runs;
  const out = new RunsBuilder(rp + mr.count + 1 + (runs.count - rq));
  // The prefix, its last run cut at p when it crosses p.
  out.appendShifted(runs, 0, rp, 0, 0, false);
  out.cutLastAt(p);
  out.appendShifted(mr, 0, mr.count, p, sp, true);
  // The run that crosses q, if any, is cut there (it may also be the one cut at p).
  const suffixHead = rq < runs.count && runs.sourceStart(rq) < qOld;
  if (suffixHead) {
    const cut = qOld - runs.sourceStart(rq);
    out.pushJoined(runs.strippedStart(rq) + cut + dStripped, qOld + delta, runs.length(rq) - cut);
    rq++;
  }
  out.appendShifted(runs, rq, runs.count, delta, dStripped, !suffixHead);
  return { stripped: { text, runs: out.build() }, pieces, sp, dStripped };
}

/** Spans: prefix as is, middle moved into place, suffix shifted. [kP, kQ) are the old spans replaced. */
/** Where each new turn starts, read from the turn table or the turn objects. */
interface TurnStarts {
  count: number;
  at(i: number): number;
}

function spliceSpans(old: Transcript, plan: Plan, turns: TurnStarts, sp: number, dStripped: number, dTurn: number): { spans: Span[]; kP: number; kQ: number } {
  const { delta, p, qOld, midSpans } = plan;
  const oldSpans = old.spans;
  const kP = countOpenedBefore(oldSpans, p);
  const kQ = qOld >= 0 ? countOpenedBefore(oldSpans, qOld) : oldSpans.length;
  const dSpan = kP + midSpans.length - kQ;
  const spans = oldSpans.slice(0, kP);
  let ti = turnsAtOrBefore(turns, p) - 1; // the turn at the current offset
  for (const s of midSpans) {
    shiftSpan(s, p, sp);
    s.index += kP;
    if (s.parent !== undefined) s.parent += kP;
    while (ti + 1 < turns.count && turns.at(ti + 1) <= s.open.start) ti++;
    if (ti >= 0) s.turn = ti;
    spans.push(s);
  }
  // With spans open at the sync point (plan.openBelow), the suffix's top-level spans
  // (parent undefined, or one of the old spans open there, all before kQ) nest in the
  // innermost new one: the open middle span opened last (the scanner's stack top).
  let top = -1;
  if (plan.openBelow) for (let j = midSpans.length - 1; j >= 0 && top < 0; j--) if (!midSpans[j].close) top = midSpans[j].index;
  for (let i = kQ; i < oldSpans.length; i++) {
    const s = oldSpans[i];
    if (delta !== 0 || dStripped !== 0) shiftSpan(s, delta, dStripped);
    if (plan.openBelow && (s.parent === undefined || s.parent < kQ)) {
      s.index += dSpan;
      if (top >= 0) s.parent = top;
      else delete s.parent;
    } else if (dSpan !== 0) {
      s.index += dSpan;
      if (s.parent !== undefined) s.parent += dSpan;
    }
    if (dTurn !== 0) {
      const t = (s.turn ?? -1) + dTurn;
      if (t >= 0) s.turn = t;
      else delete s.turn;
    }
    spans.push(s);
  }
  return { spans, kP, kQ };
}

/**
 * Diagnostics: the old ones before p and from q on (shifted) and the middle's new
 * ones, without duplicate labels, which the caller checks again over the whole file,
 * unless `labelsKept` (no label in the old or new middle), when the old ones stay.
 */
function spliceDiagnostics(old: Transcript, plan: Plan, labelsKept: boolean): AxialDiagnostic[] {
  const { delta, p, qOld } = plan;
  const od = old.diagnostics;
  const dropped = labelsKept ? undefined : DiagnosticCodes.duplicateLabel;
  const diagnostics: AxialDiagnostic[] = [];
  const dp = countDiagnosticsBefore(od, p);
  for (let i = 0; i < dp; i++) if (od[i].code !== dropped) diagnostics.push(od[i]);
  const md = plan.midDiagnostics;
  md.sort(byRange);
  for (const d of md) {
    if (d.code === DiagnosticCodes.duplicateLabel) continue;
    d.range.start += p;
    d.range.end += p;
    diagnostics.push(d);
  }
  if (qOld >= 0) {
    for (let i = countDiagnosticsBefore(od, qOld); i < od.length; i++) {
      const d = od[i];
      if (d.code === dropped) continue;
      d.range.start += delta;
      d.range.end += delta;
      diagnostics.push(d);
    }
  }
  return diagnostics;
}

/**
 * The stripped text of a reparsed transcript is built from slices of the old one
 * and the re-scanned middle. Slicing a string that is itself a concatenation makes
 * V8 copy it flat first (1.4 MB for the 20,000-line benchmark, ~1 ms and a large
 * allocation on every keystroke), so each stripped text is kept here as pieces
 * (core/text/pieceText.ts, as the server keeps an open document) and sliced
 * through them; the text is their concatenation, which V8 keeps as a rope until
 * someone reads it. Past PieceText's limit the pieces are joined once: a keystroke
 * adds up to three, so the flattening copy (2.8 MB for that benchmark) comes every
 * twenty keystrokes or so.
 */
const strippedPieces = new WeakMap<StrippedText, PieceText>();

function shiftSpan(s: Span, d: number, ds: number): void {
  if (d !== 0) {
    s.open.start += d;
    s.open.end += d;
    s.content.start += d;
    s.content.end += d;
    if (s.close) {
      s.close.start += d;
      s.close.end += d;
    }
    if (s.closer) {
      s.closer.start += d;
      s.closer.end += d;
    }
    if (s.label) {
      s.label.range.start += d;
      s.label.range.end += d;
    }
    for (const blk of s.blocks) shiftBlock(blk, d);
  }
  if (ds !== 0) {
    s.quoteRange.start += ds;
    s.quoteRange.end += ds;
  }
}

function shiftBlock(blk: Block, d: number): void {
  blk.range.start += d;
  blk.range.end += d;
  for (const ref of blk.codes) {
    ref.range.start += d;
    ref.range.end += d;
  }
  if (blk.coder) {
    blk.coder.range.start += d;
    blk.coder.range.end += d;
  }
  if (blk.memo) {
    blk.memo.range.start += d;
    blk.memo.range.end += d;
  }
  if (blk.label) {
    blk.label.range.start += d;
    blk.label.range.end += d;
  }
}

/**
 * The middle's spans still open at the sync point run to the end of the body, as a
 * full parse leaves them: content to the end, quote to the last character of the
 * stripped text that is not whitespace (their quote's start is in the middle, see
 * suffixIgnoresOpen). The quote is built from the stripped text's pieces (no copy).
 */
function endOpenSpans(spans: Span[], from: number, count: number, b: TextReader, stripped: StrippedText, pieces: PieceText): void {
  let solidEnd = -1;
  // The open spans' quotes all run to the same end: the stripped text from the
  // earliest quote start is joined (and its line ends read as LF) once, and every
  // quote is a slice of it, as the scanner's setQuotes does. Joining and normalising
  // each quote on its own was quadratic: 12,000 nested open spans split by CRs took
  // 1.6 s and gigabytes per keystroke.
  let minStart = Infinity;
  for (let i = from; i < from + count; i++) {
    const s = spans[i];
    if (s.close) continue;
    if (solidEnd < 0) solidEnd = strippedSolidEnd(b, stripped.runs);
    s.content.end = b.length;
    const q = s.quoteRange;
    q.end = Math.max(solidEnd, q.start);
    if (q.start < q.end && q.start < minStart) minStart = q.start;
  }
  if (minStart === Infinity) {
    for (let i = from; i < from + count; i++) if (!spans[i].close) spans[i].quote = '';
    return;
  }
  const tail = pieces.rope(minStart, solidEnd);
  // Where each CRLF's LF stands in `tail`, ascending: read as LF, a CRLF loses its CR.
  // Trimmed quotes never start on such an LF nor end between its CR and it.
  const lfs: number[] = [];
  let normal = tail;
  if (hasCR(b)) {
    for (let k = tail.indexOf('\r\n'); k >= 0; k = tail.indexOf('\r\n', k + 2)) lfs.push(k + 1);
    normal = tail.replace(/\r\n?/g, '\n');
  }
  const at = (x: number) => x - minStart - (lfs.length > 0 ? lowerBound(lfs, x - minStart) : 0);
  for (let i = from; i < from + count; i++) {
    const s = spans[i];
    if (s.close) continue;
    const q = s.quoteRange;
    s.quote = q.start < q.end ? normal.slice(at(q.start), at(q.end)) : '';
  }
}

/** The stripped offset just after its last character that is not whitespace (0 when none is), read from the source through the runs. */
function strippedSolidEnd(source: TextReader, runs: Runs): number {
  for (let i = runs.count - 1; i >= 0; i--) {
    const start = runs.sourceStart(i);
    for (let k = start + runs.length(i) - 1; k >= start; k--) {
      if (!isTrimSpace(source.charCodeAt(k))) return runs.strippedStart(i) + (k - start) + 1;
    }
  }
  return 0;
}

/** True when one of spans [from, to) has a label. */
function anyLabel(spans: Span[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (spans[i].label) return true;
  return false;
}

/** Reports every label used a second time, as the scanner does, into a sorted list. */
function addDuplicateLabels(spans: Span[], diagnostics: AxialDiagnostic[]): void {
  let seen: Set<string> | undefined;
  for (const s of spans) {
    const label = s.label;
    if (!label) continue;
    seen ??= new Set();
    if (seen.has(label.name)) {
      const d = diagnostic(
        DiagnosticCodes.duplicateLabel,
        'error',
        `Label \`^${label.name}\` is already used in this transcript; labels must be unique.`,
        label.range.start,
        label.range.end,
        { label: label.name },
      );
      // After any diagnostic with the same range, as a stable sort would leave it.
      diagnostics.splice(partitionPoint(diagnostics, (x) => byRange(x, d) <= 0), 0, d);
    }
    seen.add(label.name);
  }
}

function byRange(x: AxialDiagnostic, y: AxialDiagnostic): number {
  return x.range.start - y.range.start || x.range.end - y.range.end;
}

function allClosed(spans: Span[]): boolean {
  for (const s of spans) if (!s.close) return false;
  return true;
}

/** True when every old span opened in [p, qOld) is closed. */
function allClosedBefore(spans: Span[], p: number, qOld: number): boolean {
  for (let i = countOpenedBefore(spans, p), end = countOpenedBefore(spans, qOld); i < end; i++) if (!spans[i].close) return false;
  return true;
}

/**
 * Whether the old parse after `qOld` is what a full parse of the new text gives
 * there, although spans are open at the sync point (the new middle's unclosed
 * spans, the old unclosed spans opened in [p, qOld)). Nothing in the old suffix
 * closed the old ones (they are unclosed). The new ones stay open to the end when
 * no closer there found nothing to close (a stray closer, reported as such) and no
 * label there names one of them (it would have been reported as unknown). A new
 * span that saw only whitespace before q would take its quote's start from the
 * suffix: not worth the bookkeeping, the caller looks further.
 */
function suffixIgnoresOpen(old: Transcript, midSpans: Span[], p: number, qOld: number): boolean {
  let labels: Set<string> | undefined;
  let newOpen = false;
  for (const s of midSpans) {
    if (s.close) continue;
    if (s.quoteRange.start === s.quoteRange.end) return false;
    newOpen = true;
    if (s.label) (labels ??= new Set()).add(s.label.name);
  }
  const spans = old.spans;
  for (let i = countOpenedBefore(spans, p), end = countOpenedBefore(spans, qOld); i < end; i++) {
    const s = spans[i];
    if (!s.close && s.label) (labels ??= new Set()).add(s.label.name);
  }
  if (!newOpen && !labels) return true;
  const od = old.diagnostics;
  for (let i = countDiagnosticsBefore(od, qOld); i < od.length; i++) {
    const d = od[i];
    if (newOpen && d.code === DiagnosticCodes.unmatchedCloser) return false;
    if (labels && d.code === DiagnosticCodes.unknownLabel) {
      const name = (d.data as { label?: unknown } | undefined)?.label;
      if (typeof name !== 'string' || labels.has(name)) return false;
    }
  }
  return true;
}

/** True when the text's first line (after a BOM) is exactly `---`, as parseFrontMatter reads it. */
function opensFrontMatter(text: TextReader): boolean {
  const open = text.charCodeAt(0) === BOM ? 1 : 0;
  // The first line ends at its \n, \r\n or lone \r.
  const c = text.charCodeAt(open + 3);
  return text.slice(open, open + 3) === '---' && (open + 3 === text.length || c === LF || c === CR);
}

/**
 * reach[k] = the furthest closer start among the first k spans (opener order), with
 * an unclosed span reaching Infinity; so no span is open at a line start x exactly
 * when reach[spans opened before x] < x. With `closedOnly`, unclosed spans are left
 * out: then reach[...] < x says that only unclosed spans are open at x.
 */
function reachPrefixMax(closes: Float64Array, closedOnly: boolean, reach: Float64Array): Float64Array {
  let m = -1;
  reach[0] = m;
  for (let i = 0; i < closes.length; i++) {
    const c = closes[i];
    const r = c !== Infinity ? c : closedOnly ? -1 : Infinity;
    if (r > m) m = r;
    reach[i + 1] = m;
  }
  return reach;
}

/**
 * Two tables for reachPrefixMax, kept between keystrokes: a plan needs them only
 * while it is made (planning is synchronous), and a new pair a keystroke was
 * 80 KB of memory outside the heap for the 20,000-line benchmark, which the
 * collector counts towards its next full collection.
 */
const scratchTables: Float64Array[] = [new Float64Array(0), new Float64Array(0)];

/** Scratch table `k` as a view of exactly `length` cells (its contents are overwritten by the caller). */
function scratch(k: number, length: number): Float64Array {
  if (scratchTables[k].length < length) scratchTables[k] = new Float64Array(Math.max(length, 2 * scratchTables[k].length));
  return scratchTables[k].subarray(0, length);
}

/**
 * Where each span's closer starts (Infinity: unclosed), by spans array. Every plan
 * needs them (reachPrefixMax); read from thousands of span objects they cost more
 * than the rest of a keystroke's plan, so commit keeps them up to date as numbers:
 * the old ones before the edit, the middle's, the old ones after it plus delta.
 * (Span objects only change in a re-parse, and a re-parse makes a new spans array.)
 */
const closeStartsOf = new WeakMap<Span[], Float64Array>();

function closeStarts(spans: Span[]): Float64Array {
  let closes = closeStartsOf.get(spans);
  if (closes && closes.length === spans.length) return closes;
  closes = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) closes[i] = spans[i].close?.start ?? Infinity;
  closeStartsOf.set(spans, closes);
  return closes;
}

/** The close starts of the spliced spans, from the old ones (read before the splice shifted any span). */
function spliceCloseStarts(oldCloses: Float64Array, spans: Span[], kP: number, kQ: number, midCount: number, delta: number): void {
  // With as many spans as before, the old table (its spans are consumed) is updated in place.
  const closes = oldCloses.length === spans.length ? oldCloses : new Float64Array(spans.length);
  if (closes !== oldCloses) closes.set(oldCloses.subarray(0, kP));
  for (let i = kP; i < kP + midCount; i++) closes[i] = spans[i].close?.start ?? Infinity;
  const dSpan = kP + midCount - kQ;
  for (let i = kQ; i < oldCloses.length; i++) closes[i + dSpan] = oldCloses[i] + delta;
  closeStartsOf.set(spans, closes);
}

// ---- Searches over sorted data (core/text/search.ts does the searching).

/** Index of the last element <= x (0 when none is). */
function lastAtOrBefore(a: number[], x: number): number {
  return Math.max(0, findLastAtOrBefore(a, x));
}

/** Index of the first element >= x (length when none is). */
const firstAtOrAfter = lowerBound;

/** Index of the first element > x. */
const firstAfter = upperBound;

/** Number of spans whose opener starts before x. */
function countOpenedBefore(spans: Span[], x: number): number {
  return lowerBoundBy(spans, x, (s) => s.open.start);
}

function countTurnsBefore(turns: Turn[], x: number): number {
  return lowerBoundBy(turns, x, (t) => t.range.start);
}

/** Number of turns starting at or before x. */
function turnsAtOrBefore(turns: TurnStarts, x: number): number {
  let lo = 0;
  let hi = turns.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (turns.at(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many stripped characters come from source offsets before x. */
function strippedOffsetAt(runs: Runs, x: number): number {
  const k = runs.countStartingBeforeSource(x);
  if (k === 0) return 0;
  return runs.strippedStart(k - 1) + Math.min(runs.length(k - 1), x - runs.sourceStart(k - 1));
}

/** Diagnostics are sorted by start: the number starting before x. */
function countDiagnosticsBefore(ds: AxialDiagnostic[], x: number): number {
  return lowerBoundBy(ds, x, (d) => d.range.start);
}

// ---- Finding the edit.

/** True when `e` can describe the edit from `a` to `b`: made on `a` itself, with offsets in order and lengths that agree. */
function isKnownEditOf(e: KnownEdit, a: string, b: string): boolean {
  const { start, oldEnd, newEnd } = e;
  return (
    e.before === a &&
    Number.isSafeInteger(start) &&
    Number.isSafeInteger(oldEnd) &&
    Number.isSafeInteger(newEnd) &&
    start >= 0 &&
    start <= oldEnd &&
    oldEnd <= a.length &&
    start <= newEnd &&
    newEnd <= b.length &&
    a.length - oldEnd === b.length - newEnd
  );
}

/**
 * Length of the common prefix: equal chunks are compared as slices (a memory
 * compare in V8, no copy), doubling while they match, then halving into the first
 * difference.
 */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  let c = 64;
  while (i + c <= n && a.slice(i, i + c) === b.slice(i, i + c)) {
    i += c;
    if (c < 65536) c *= 2;
  }
  while (c > 16) {
    c >>= 1;
    if (i + c <= n && a.slice(i, i + c) === b.slice(i, i + c)) i += c;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix, at most `max`; the mirror image of commonPrefix. */
export function commonSuffix(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  let i = 0; // matched so far
  let c = 64;
  while (i + c <= max && a.slice(la - i - c, la - i) === b.slice(lb - i - c, lb - i)) {
    i += c;
    if (c < 65536) c *= 2;
  }
  while (c > 16) {
    c >>= 1;
    if (i + c <= max && a.slice(la - i - c, la - i) === b.slice(lb - i - c, lb - i)) i += c;
  }
  while (i < max && a.charCodeAt(la - 1 - i) === b.charCodeAt(lb - 1 - i)) i++;
  return i;
}
