import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { isTrimSpace, scanName } from './chars';
import { lowerBound } from '../text/search';
import { parseBlock } from './block';
import { lazyStrippedText, quoteFromRuns } from './lazyStripped';
import { diagnostic } from './report';
import { CappedDiagnostics, parseLimits, type ScanLimits } from './limits';
import { RunsBuilder } from './runs';
import { IntStack } from './intStack';
import type { Block, Span, StrippedText } from './types';

// Character codes (local, see chars.ts).
const SPACE = 32;
const BACKSLASH = 92;
const CARET = 94;
const LBRACE = 123;
const RBRACE = 125;
const BOM = 0xfeff;

/** The coded spans of a body and its stripped text. */
export interface BodyScan {
  spans: Span[];
  stripped: StrippedText;
  /** What was left out past MAX_SPANS and MAX_PARSE_DIAGNOSTICS (nothing, for any ordinary transcript). */
  limits: ScanLimits;
}

/** What a scan may leave out. */
export interface ScanOptions {
  /** False: every span's `quote` stays '' (its `quoteRange` is still set). Saves a string a span for callers that read no quotes. */
  quotes?: boolean;
  /** The spans kept (parseLimits.spans, MAX_SPANS, unless given). */
  maxSpans?: number;
  /** The diagnostics kept (parseLimits.diagnostics, MAX_PARSE_DIAGNOSTICS, unless given). */
  maxDiagnostics?: number;
}

/** A stack entry closed from below (a labelled closer took it): popped once it is on top. */
const CLOSED = -1;
/** A stack entry for an opener past the span limit at `start` is `UNKEPT - start` (no Span object). */
const UNKEPT = -2;

/**
 * Scans the body (from `bodyStart`) for openers, closers with their blocks, and
 * escapes, in one pass. It jumps between `{`, `}` and `\` with indexOf, so plain
 * text costs almost nothing, and builds the stripped text from slices of the source.
 */
export function scanBody(text: string, bodyStart: number, turnStarts: ArrayLike<number>, diagnostics: AxialDiagnostic[], options: ScanOptions = {}): BodyScan {
  const capped = new CappedDiagnostics(diagnostics, options.maxDiagnostics ?? parseLimits.diagnostics);
  const scanner = new BodyScanner(text, bodyStart, turnStarts, capped, options.maxSpans ?? parseLimits.spans);
  scanner.scan();
  return scanner.finish(options.quotes !== false);
}

/** The state of one scan of a body; each phase (text runs, openers, closers, the end) is a method. */
class BodyScanner {
  private readonly n: number;
  private readonly spans: Span[] = [];
  /**
   * The openers open at this point, innermost last: a span's index, `UNKEPT - start`
   * for an opener past the span limit, or CLOSED for one a labelled closer took from
   * below (marked, not spliced out, so a line of such closers is not quadratic). The
   * top entry is never CLOSED.
   */
  private readonly stack = new IntStack();
  /**
   * The label of each stack entry (its number in labelNames, -1: none), and the
   * position of the next entry below with the same label (-1: none): typed arrays
   * too, as a line of openers may put millions on the stack.
   */
  private readonly stackLabel = new IntStack();
  private readonly stackSameLabelBelow = new IntStack();
  /** Every label seen, numbered in order of first use (the numbers stackLabel holds). */
  private readonly labelNames: string[] = [];
  private readonly labelIds = new Map<string, number>();
  /** How many stack entries are open (not CLOSED). */
  private live = 0;
  /** For each label of an open opener, the stack position of the innermost one (-1: none open now): a labelled closer finds its span in O(1). */
  private readonly openLabels = new Map<string, number>();
  /** Openers past the span limit, and where the first starts. */
  private spansLeft = 0;
  private firstSpanLeftAt = -1;
  /** Diagnostics of the block being read, moved to `diagnostics` (which caps them) after it. */
  private readonly blockDiagnostics: AxialDiagnostic[] = [];
  /** The label readLabel read (undefined: none): a field, not a returned object, as it runs once per opener. */
  private openerLabel: Span['label'] = undefined;
  private readonly runs = new RunsBuilder();
  // Built by concatenating slices: V8 keeps a rope and flattens it once, which is
  // faster than collecting the pieces and joining them.
  private strippedLength = 0;
  // Quotes are trimmed as the text goes by, so nested spans never re-scan what they
  // share: `solidEnd` is the stripped offset just after the last character that is not
  // whitespace, and `waiting` holds the spans that have seen only whitespace since they
  // opened (their quoteRange.start is -1 until a character arrives).
  private solidEnd = 0;
  private waiting: Span[] = [];
  /** Where the text run not yet emitted starts. */
  private runStart: number;
  /** The turn containing the current offset, and where the next one starts. */
  private turn = -1;
  private nextTurnStart: number;
  /**
   * The run of adjacent stray closers (`}}` with no block and no span open) not yet
   * reported: a line of millions of them becomes one diagnostic that counts them,
   * not one object each. Reported when anything else comes, so diagnostics stay in order.
   */
  private strayStart = -1;
  private strayEnd = -1;
  private strayCount = 0;

  constructor(
    private readonly text: string,
    bodyStart: number,
    /** Where each speaker turn starts, ascending. */
    private readonly turnStarts: ArrayLike<number>,
    private readonly diagnostics: CappedDiagnostics,
    private readonly maxSpans: number,
  ) {
    this.n = text.length;
    // A leading BOM is not part of what was said.
    this.runStart = bodyStart === 0 && text.charCodeAt(0) === BOM ? 1 : bodyStart;
    this.nextTurnStart = turnStarts.length > 0 ? turnStarts[0] : this.n + 1;
  }

  /** The one pass: escapes here, openers and closers in their methods, text in between. */
  scan(): void {
    const text = this.text;
    const n = this.n;
    let i = this.runStart;
    let braceRunEnd = -1; // the end of the run of `}` around i, once it has been measured
    let nextOpen = indexOrEnd(text, '{', i);
    let nextClose = indexOrEnd(text, '}', i);
    let nextEscape = indexOrEnd(text, '\\', i);
    for (;;) {
      if (nextOpen < i) nextOpen = indexOrEnd(text, '{', i);
      if (nextClose < i) nextClose = indexOrEnd(text, '}', i);
      if (nextEscape < i) nextEscape = indexOrEnd(text, '\\', i);
      i = Math.min(nextOpen, nextClose, nextEscape);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);

      if (c === BACKSLASH) {
        if (next === LBRACE || next === RBRACE || next === BACKSLASH) {
          // `\{`, `\}`, `\\`: drop the backslash, keep the character as text.
          this.emit(i);
          this.runStart = i + 1;
          i += 2;
        } else {
          i++; // any other backslash is text
        }
        continue;
      }

      if (c === LBRACE) {
        if (next !== LBRACE) i++; // a lone `{` is text
        else i = this.openSpan(i);
        continue;
      }

      // c === RBRACE
      if (next === RBRACE && text.charCodeAt(i + 2) === RBRACE && braceRunEnd <= i) {
        // Found once per run of `}`, so a long run costs its length, not its square.
        braceRunEnd = i + 3;
        while (text.charCodeAt(braceRunEnd) === RBRACE) braceRunEnd++;
      }
      if (next !== RBRACE || (text.charCodeAt(i + 2) === RBRACE && (braceRunEnd - i) % 2 === 1)) {
        // A lone `}` is text. Closers in a run of braces pair up from the right, so in
        // `{{{x}}}{#a}` the first `}` is text and the `}}` a block follows closes: `{x}`.
        i++;
        continue;
      }
      i = this.closeSpan(i);
    }
    this.emit(n);
  }

  /** Adds the text from runStart to `end` to the stripped text, and moves the quotes' trimmed ends. */
  private emit(end: number): void {
    const runStart = this.runStart;
    if (end <= runStart) return;
    const text = this.text;
    this.runs.push(this.strippedLength, runStart, end - runStart);
    if (this.waiting.length > 0) {
      let k = runStart;
      while (k < end && isTrimSpace(text.charCodeAt(k))) k++;
      if (k < end) {
        const at = this.strippedLength + (k - runStart);
        for (const s of this.waiting) if (s.quoteRange.start < 0) s.quoteRange.start = at;
        this.waiting = [];
      }
    }
    let k = end;
    while (k > runStart && isTrimSpace(text.charCodeAt(k - 1))) k--;
    if (k > runStart) this.solidEnd = this.strippedLength + (k - runStart);
    this.strippedLength += end - runStart;
  }

  /** The turn containing `offset` (offsets only grow during a scan). */
  private turnAt(offset: number): number {
    const starts = this.turnStarts;
    while (this.nextTurnStart <= offset) {
      this.turn++;
      this.nextTurnStart = this.turn + 1 < starts.length ? starts[this.turn + 1] : this.n + 1;
    }
    return this.turn;
  }

  /** The opener `{{` at `start`, with its label: a new open span. Returns where the text goes on. */
  private openSpan(start: number): number {
    this.reportStrayClosers();
    this.emit(start);
    const spans = this.spans;
    const end = this.readLabel(start);
    const label = this.openerLabel;
    this.runStart = end;
    if (spans.length >= this.maxSpans) {
      // Past the limit: still markup (out of the stripped text, paired with its
      // closer), but only a number on the stack, and counted.
      if (this.spansLeft === 0) this.firstSpanLeftAt = start;
      this.spansLeft++;
      this.pushOpen(UNKEPT - start, label?.name);
      return end;
    }
    const span: Span = {
      index: spans.length,
      open: { start, end },
      content: { start: end, end: this.n },
      blocks: [],
      quote: '',
      // Filled in as the text goes by (see `waiting`), and at the closer.
      quoteRange: { start: -1, end: -1 },
    };
    this.waiting.push(span);
    if (label) span.label = label;
    // The top entry is never CLOSED, and kept spans all come before any opener past the limit.
    const parent = this.stack.length > 0 ? this.stack.at(this.stack.length - 1) : -1;
    if (parent >= 0) span.parent = parent;
    const t = this.turnAt(start);
    if (t >= 0) span.turn = t;
    spans.push(span);
    this.pushOpen(span.index, label?.name);
    return end;
  }

  /** Pushes an opener on the open stack, with its label in the map of open labels. */
  private pushOpen(entry: number, name: string | undefined): void {
    const k = this.stack.length;
    this.stack.push(entry);
    let id = -1;
    let below = -1;
    if (name !== undefined) {
      id = this.labelIds.get(name)!;
      below = this.openLabels.get(name) ?? -1;
      this.openLabels.set(name, k);
    }
    this.stackLabel.push(id);
    this.stackSameLabelBelow.push(below);
    this.live++;
  }

  /**
   * Takes the entry at stack position `k` off the open stack: popped when on top (with
   * any CLOSED entries it uncovers), else marked CLOSED. The entry is always the
   * innermost open one with its label, so the label map steps down to the next one.
   */
  private closeAt(k: number): void {
    const stack = this.stack;
    const id = this.stackLabel.at(k);
    if (id >= 0) {
      const name = this.labelNames[id];
      const below = this.stackSameLabelBelow.at(k);
      // -1 (none open), not a delete: a map that loses most of its entries shrinks and
      // grows again, 22 MB of garbage on a 5 MB line of labelled spans.
      this.openLabels.set(name, below);
    }
    this.live--;
    if (k < stack.length - 1) {
      stack.set(k, CLOSED);
      this.stackLabel.set(k, -1);
      return;
    }
    do {
      stack.pop();
      this.stackLabel.pop();
      this.stackSameLabelBelow.pop();
    } while (stack.length > 0 && stack.at(stack.length - 1) === CLOSED);
  }

  /** True when one more diagnostic would be kept; otherwise counts the one at `start` and returns false (so it is never built). */
  private room(start: number): boolean {
    if (this.diagnostics.hasRoom) return true;
    this.diagnostics.count(start);
    return false;
  }

  /** Reads the label after the `{{` at `start` (`{{^name`), checked, into openerLabel; returns where the opener ends. */
  private readLabel(start: number): number {
    this.openerLabel = undefined;
    const text = this.text;
    const end = start + 2;
    if (text.charCodeAt(end) !== CARET) return end;
    const nameEnd = scanName(text, end + 1, this.n);
    if (nameEnd === end + 1) {
      if (this.room(start)) {
        this.diagnostics.push(diagnostic(DiagnosticCodes.badLabel, 'error', 'Expected a label after `{{^`, e.g. `{{^a`; this span is unlabelled.', start, end + 1));
      }
      return end + 1;
    }
    const name = text.slice(end + 1, nameEnd);
    if (this.labelIds.has(name) && this.room(end)) {
      this.diagnostics.push(
        diagnostic(DiagnosticCodes.duplicateLabel, 'error', `Label \`^${name}\` is already used in this transcript; labels must be unique.`, end, nameEnd, { label: name }),
      );
    }
    if (!this.labelIds.has(name)) {
      this.labelIds.set(name, this.labelNames.length);
      this.labelNames.push(name);
    }
    // One space after the label belongs to the opener, so labelling a span
    // around existing text leaves the stripped text as it was.
    this.openerLabel = { name, range: { start: end, end: nameEnd } };
    return text.charCodeAt(nameEnd) === SPACE ? nameEnd + 1 : nameEnd;
  }

  /** The closer `}}` at `closerStart` and its blocks: closes the span it targets. Returns where the text goes on. */
  private closeSpan(closerStart: number): number {
    const text = this.text;
    let end = closerStart + 2;
    const hasBlocks = text.charCodeAt(end) === LBRACE && text.charCodeAt(end + 1) !== LBRACE;
    if (this.live === 0 && !hasBlocks) {
      // A stray closer without blocks: it joins the run it touches, else starts one.
      // Nothing lies between adjacent closers, so there is no text to emit.
      if (this.strayEnd === closerStart) this.strayCount++;
      else {
        this.reportStrayClosers();
        this.emit(closerStart);
        this.strayStart = closerStart;
        this.strayCount = 1;
      }
      this.strayEnd = end;
      this.runStart = end;
      return end;
    }
    this.reportStrayClosers();
    this.emit(closerStart);
    let blocks: Block[] = [];
    // Blocks chain while `{` follows; `{{` is the next opener, not a block.
    while (text.charCodeAt(end) === LBRACE && text.charCodeAt(end + 1) !== LBRACE) {
      const r = parseBlock(text, end, this.blockDiagnostics);
      // A literal array holds exactly its items; push on an empty one reserves 17 slots.
      if (blocks.length === 0) blocks = [r.block];
      else blocks.push(r.block);
      end = r.end;
    }
    if (this.blockDiagnostics.length > 0) {
      for (const d of this.blockDiagnostics) this.diagnostics.push(d);
      this.blockDiagnostics.length = 0;
    }
    const target = this.closingTarget(blocks);
    if (target < 0) {
      if (this.room(closerStart)) {
        this.diagnostics.push(
          diagnostic(
            DiagnosticCodes.unmatchedCloser,
            'error',
            'This `}}` closes no span: add `{{` where the coded text starts, or write `\\}` for a literal brace.',
            closerStart,
            closerStart + 2,
          ),
        );
      }
    } else {
      const entry = this.stack.at(target);
      // Usually the innermost span closes; a labelled closer may take one from below.
      this.closeAt(target);
      if (entry >= 0) {
        const span = this.spans[entry];
        span.close = { start: closerStart, end };
        span.closer = { start: closerStart, end: closerStart + 2 };
        span.content.end = closerStart;
        span.blocks = blocks;
        closeQuote(span, this.strippedLength, this.solidEnd);
      }
      // An opener past the span limit keeps nothing: its closer's blocks are dropped.
      if (blocks.length === 0 && this.room(closerStart)) {
        this.diagnostics.push(
          diagnostic(
            DiagnosticCodes.closerWithoutBlock,
            'error',
            'A closing `}}` must be followed immediately by a block of codes, e.g. `}}{#my-code}`.',
            closerStart,
            closerStart + 2,
          ),
        );
      }
    }
    this.runStart = end;
    return end;
  }

  /**
   * Which open stack entry (its position) a closer closes: the one named by a
   * `^label` of its blocks, else the innermost; -1 when none is open. Reports labels
   * that name no open span (or another span than the one closed).
   */
  private closingTarget(blocks: Block[]): number {
    let target = -1;
    for (const b of blocks) {
      if (!b.label) continue;
      const name = b.label.name;
      const found = this.openLabels.get(name) ?? -1;
      if (found >= 0 && (target < 0 || target === found)) {
        target = found;
        continue;
      }
      if (!this.room(b.label.range.start)) continue;
      const message =
        found >= 0
          ? `This closer already closes \`^${this.labelNames[this.stackLabel.at(target)]}\`; one closer closes one span.`
          : `No open span is labelled \`^${name}\`; label the opener \`{{^${name}\`, or fix the name.`;
      this.diagnostics.push(diagnostic(DiagnosticCodes.unknownLabel, 'error', message, b.label.range.start, b.label.range.end, { label: name }));
    }
    // The top entry is never CLOSED.
    return target >= 0 ? target : this.stack.length - 1;
  }

  /** Reports the pending run of stray closers (see `strayStart`) as one diagnostic, if any. */
  private reportStrayClosers(): void {
    const count = this.strayCount;
    if (count === 0) return;
    if (this.room(this.strayStart)) {
      const message =
        count === 1
          ? 'This `}}` closes no span: add `{{` where the coded text starts, or write `\\}` for a literal brace.'
          : `These ${count.toLocaleString('en-US')} \`}}\` close no span: add \`{{\` where the coded text starts, or write \`\\}\` for a literal brace.`;
      this.diagnostics.push(diagnostic(DiagnosticCodes.unmatchedCloser, 'error', message, this.strayStart, this.strayEnd, count === 1 ? undefined : { count }));
    }
    this.strayCount = 0;
    this.strayStart = this.strayEnd = -1;
  }

  /** The end of the body: spans still open are reported and closed there; quotes are set. */
  finish(quotes: boolean): BodyScan {
    this.reportStrayClosers();
    const spans = this.spans;
    const stack = this.stack;
    // Indexed loops: a for-of over a stack of millions of openers allocated an
    // iterator result each (130 MB of garbage for a 5 MB line of `{{a`).
    for (let k = 0; k < stack.length; k++) {
      const entry = stack.at(k);
      if (entry === CLOSED) continue;
      const start = entry >= 0 ? spans[entry].open.start : UNKEPT - entry;
      if (!this.room(start)) continue;
      const end = entry >= 0 ? spans[entry].open.end : openerEnd(this.text, start, this.n);
      this.diagnostics.push(diagnostic(DiagnosticCodes.unclosedSpan, 'error', 'This span is never closed: add `}}{#code}` where the coded text ends.', start, end));
    }
    for (let k = 0; k < stack.length; k++) if (stack.at(k) >= 0) closeQuote(spans[stack.at(k)], this.strippedLength, this.solidEnd);
    const stripped = lazyStrippedText(this.text, this.runs.build());
    if (quotes) setQuotes(spans, this.text, stripped);
    const limits: ScanLimits = {
      spansLeft: this.spansLeft,
      firstSpanLeftAt: this.firstSpanLeftAt,
      problemsLeft: this.diagnostics.left,
      firstProblemLeftAt: this.diagnostics.firstLeftAt,
    };
    return { spans, stripped, limits };
  }
}

/** Where the opener `{{` at `start` ends, as readLabel finds it (without its checks). */
function openerEnd(text: string, start: number, n: number): number {
  const end = start + 2;
  if (text.charCodeAt(end) !== CARET) return end;
  const nameEnd = scanName(text, end + 1, n);
  if (nameEnd === end + 1) return end + 1;
  return text.charCodeAt(nameEnd) === SPACE ? nameEnd + 1 : nameEnd;
}

/**
 * Ends a span's quote range where its content ends (`end`, a stripped offset), trimmed
 * of trailing whitespace: `solidEnd` is just after the last non-whitespace character
 * so far. A span that saw only whitespace gets the empty range at `end`.
 */
function closeQuote(span: Span, end: number, solidEnd: number): void {
  const q = span.quoteRange;
  if (q.start < 0) q.start = q.end = end;
  else q.end = Math.max(solidEnd, q.start);
}

/** A quote across more runs than this (spans nested in it) is sliced from the stripped text instead. */
const MAX_QUOTE_PIECES = 16;

/**
 * Sets every span's quote from its quote range, with CRLF and a lone CR read as LF so
 * a quote reads the same whatever the file's line ends. The stripped text is normalised once and
 * each quote is a slice of it (V8 shares the characters), so deeply nested spans cost
 * no copies: normalising each quote on its own was quadratic in time and memory.
 */
function setQuotes(spans: Span[], source: string, strippedText: StrippedText): void {
  if (spans.length === 0) return;
  if (source.indexOf('\r') < 0) {
    // No CR anywhere: quotes are the stripped text as it stands, read from the source
    // through the runs, so that the stripped text itself is usually never built.
    for (const span of spans) {
      const { start, end } = span.quoteRange;
      span.quote = quoteFromRuns(source, strippedText.runs, start, end, MAX_QUOTE_PIECES) ?? strippedText.text.slice(start, end);
    }
    return;
  }
  const stripped = strippedText.text;
  // Where each CRLF's LF stands in the stripped text, ascending.
  const lfs: number[] = [];
  for (let k = stripped.indexOf('\r\n'); k >= 0; k = stripped.indexOf('\r\n', k + 2)) lfs.push(k + 1);
  if (lfs.length === 0 && stripped.indexOf('\r') < 0) {
    for (const span of spans) span.quote = stripped.slice(span.quoteRange.start, span.quoteRange.end);
    return;
  }
  // A lone CR becomes an LF in place (no offset moves); a CRLF loses its CR.
  const normal = stripped.replace(/\r\n?/g, '\n');
  // A stripped offset in the normalised text: minus the LFs dropped before it. Trimmed
  // quotes never start on such an LF nor end between its CR and it.
  const at = (x: number) => x - lowerBound(lfs, x);
  for (const span of spans) {
    const { start, end } = span.quoteRange;
    span.quote = start === end ? '' : normal.slice(at(start), at(end));
  }
}

/** The offset of the next `ch` at or after `from`, or the text's length. */
function indexOrEnd(text: string, ch: string, from: number): number {
  const k = text.indexOf(ch, from);
  return k < 0 ? text.length : k;
}
