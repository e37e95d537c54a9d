import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { isTrimSpace, scanName } from './chars';
import { lowerBound } from '../text/search';
import { parseBlock } from './block';
import { diagnostic } from './report';
import type { Block, Span, StrippedText, Turn } from './types';

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
}

/**
 * Scans the body (from `bodyStart`) for openers, closers with their blocks, and
 * escapes, in one pass. It jumps between `{`, `}` and `\` with indexOf, so plain
 * text costs almost nothing, and builds the stripped text from slices of the source.
 */
export function scanBody(text: string, bodyStart: number, turns: Turn[], diagnostics: AxialDiagnostic[]): BodyScan {
  const n = text.length;
  const spans: Span[] = [];
  const open: number[] = []; // indices of the spans open at this point, innermost last
  const labelsSeen = new Set<string>();
  const runs: StrippedText['runs'] = [];
  // Built by concatenating slices: V8 keeps a rope and flattens it once, which is
  // faster than collecting the pieces and joining them.
  let strippedText = '';
  let strippedLength = 0;

  // Quotes are trimmed as the text goes by, so nested spans never re-scan what they
  // share: `solidEnd` is the stripped offset just after the last character that is not
  // whitespace, and `waiting` holds the spans that have seen only whitespace since they
  // opened (their quoteRange.start is -1 until a character arrives).
  let solidEnd = 0;
  let waiting: Span[] = [];

  // A leading BOM is not part of what was said.
  let runStart = bodyStart === 0 && text.charCodeAt(0) === BOM ? 1 : bodyStart;
  const emit = (end: number) => {
    if (end > runStart) {
      runs.push({ strippedStart: strippedLength, sourceStart: runStart, length: end - runStart });
      strippedText += text.slice(runStart, end);
      if (waiting.length > 0) {
        let k = runStart;
        while (k < end && isTrimSpace(text.charCodeAt(k))) k++;
        if (k < end) {
          const at = strippedLength + (k - runStart);
          for (const s of waiting) if (s.quoteRange.start < 0) s.quoteRange.start = at;
          waiting = [];
        }
      }
      let k = end;
      while (k > runStart && isTrimSpace(text.charCodeAt(k - 1))) k--;
      if (k > runStart) solidEnd = strippedLength + (k - runStart);
      strippedLength += end - runStart;
    }
  };

  let turn = -1; // the turn containing the current offset
  let nextTurnStart = turns.length > 0 ? turns[0].range.start : n + 1;
  const turnAt = (offset: number) => {
    while (nextTurnStart <= offset) {
      turn++;
      nextTurnStart = turn + 1 < turns.length ? turns[turn + 1].range.start : n + 1;
    }
    return turn;
  };

  let i = runStart;
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
        emit(i);
        runStart = i + 1;
        i += 2;
      } else {
        i++; // any other backslash is text
      }
      continue;
    }

    if (c === LBRACE) {
      if (next !== LBRACE) {
        i++; // a lone `{` is text
        continue;
      }
      emit(i);
      const start = i;
      let end = i + 2;
      let label: Span['label'];
      if (text.charCodeAt(end) === CARET) {
        const nameEnd = scanName(text, end + 1, n);
        if (nameEnd === end + 1) {
          end++;
          diagnostics.push(
            diagnostic(DiagnosticCodes.badLabel, 'error', 'Expected a label after `{{^`, e.g. `{{^a`; this span is unlabelled.', start, end),
          );
        } else {
          const name = text.slice(end + 1, nameEnd);
          label = { name, range: { start: end, end: nameEnd } };
          if (labelsSeen.has(name)) {
            diagnostics.push(
              diagnostic(
                DiagnosticCodes.duplicateLabel,
                'error',
                `Label \`^${name}\` is already used in this transcript; labels must be unique.`,
                end,
                nameEnd,
                { label: name },
              ),
            );
          }
          labelsSeen.add(name);
          // One space after the label belongs to the opener, so labelling a span
          // around existing text leaves the stripped text as it was.
          end = text.charCodeAt(nameEnd) === SPACE ? nameEnd + 1 : nameEnd;
        }
      }
      const span: Span = {
        index: spans.length,
        open: { start, end },
        content: { start: end, end: n },
        blocks: [],
        quote: '',
        // Filled in as the text goes by (see `waiting`), and at the closer.
        quoteRange: { start: -1, end: -1 },
      };
      waiting.push(span);
      if (label) span.label = label;
      if (open.length > 0) span.parent = open[open.length - 1];
      const t = turnAt(start);
      if (t >= 0) span.turn = t;
      spans.push(span);
      open.push(span.index);
      i = runStart = end;
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
    emit(i);
    const closerStart = i;
    let end = i + 2;
    let blocks: Block[] = [];
    // Blocks chain while `{` follows; `{{` is the next opener, not a block.
    while (text.charCodeAt(end) === LBRACE && text.charCodeAt(end + 1) !== LBRACE) {
      const r = parseBlock(text, end, diagnostics);
      // A literal array holds exactly its items; push on an empty one reserves 17 slots.
      if (blocks.length === 0) blocks = [r.block];
      else blocks.push(r.block);
      end = r.end;
    }
    const target = closingTarget(spans, open, blocks, diagnostics);
    if (target < 0) {
      diagnostics.push(
        diagnostic(
          DiagnosticCodes.unmatchedCloser,
          'error',
          'This `}}` closes no span: add `{{` where the coded text starts, or write `\\}` for a literal brace.',
          closerStart,
          closerStart + 2,
        ),
      );
    } else {
      const index = open[target];
      // Usually the innermost span closes; a labelled closer may take one from below.
      for (let k = target + 1; k < open.length; k++) open[k - 1] = open[k];
      open.pop();
      const span = spans[index];
      span.close = { start: closerStart, end };
      span.closer = { start: closerStart, end: closerStart + 2 };
      span.content.end = closerStart;
      span.blocks = blocks;
      closeQuote(span, strippedLength, solidEnd);
      if (blocks.length === 0) {
        diagnostics.push(
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
    i = runStart = end;
  }
  emit(n);

  for (const index of open) {
    const span = spans[index];
    diagnostics.push(
      diagnostic(
        DiagnosticCodes.unclosedSpan,
        'error',
        'This span is never closed: add `}}{#code}` where the coded text ends.',
        span.open.start,
        span.open.end,
      ),
    );
  }
  for (const index of open) closeQuote(spans[index], strippedLength, solidEnd);
  setQuotes(spans, strippedText);
  return { spans, stripped: { text: strippedText, runs } };
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

/**
 * Sets every span's quote from its quote range, with CRLF and a lone CR read as LF so
 * a quote reads the same whatever the file's line ends. The stripped text is normalised once and
 * each quote is a slice of it (V8 shares the characters), so deeply nested spans cost
 * no copies: normalising each quote on its own was quadratic in time and memory.
 */
function setQuotes(spans: Span[], stripped: string): void {
  if (spans.length === 0) return;
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

/**
 * Which open span (position in `open`) a closer closes: the one named by a `^label`
 * of its blocks, else the innermost; -1 when none is open. Reports labels that name
 * no open span (or another span than the one closed).
 */
function closingTarget(spans: Span[], open: number[], blocks: Block[], diagnostics: AxialDiagnostic[]): number {
  let target = -1;
  for (const b of blocks) {
    if (!b.label) continue;
    let found = -1;
    for (let k = open.length - 1; k >= 0; k--) {
      if (spans[open[k]].label?.name === b.label.name) {
        found = k;
        break;
      }
    }
    if (found >= 0 && (target < 0 || target === found)) {
      target = found;
      continue;
    }
    const message =
      found >= 0
        ? `This closer already closes \`^${spans[open[target]].label!.name}\`; one closer closes one span.`
        : `No open span is labelled \`^${b.label.name}\`; label the opener \`{{^${b.label.name}\`, or fix the name.`;
    diagnostics.push(diagnostic(DiagnosticCodes.unknownLabel, 'error', message, b.label.range.start, b.label.range.end, { label: b.label.name }));
  }
  return target >= 0 ? target : open.length - 1;
}


