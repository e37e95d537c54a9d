import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { isId, scanName } from './chars';
import { diagnostic } from './report';
import type { Block } from './types';

// Character codes (local, see chars.ts).
const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const AT = 64;
const BACKSLASH = 92;
const CARET = 94;
const RBRACE = 125;

/** A block read by `parseBlock` and the offset just after it. */
export interface BlockResult {
  block: Block;
  end: number;
}

/** Whitespace between block items (a line break is not: it ends the block). */
function isBlockSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === 11 || c === 12;
}

/**
 * True at the end of a line (`\n`, `\r\n` or a lone `\r`, as LSP breaks lines): a
 * block or memo never runs past it.
 */
function isLineEnd(i: number, c: number, n: number): boolean {
  return i >= n || c === LF || c === CR;
}

/**
 * Reads the block `{...}` whose `{` is at `start`: `#id`s, at most one `@coder`, at
 * most one `"memo"`, and a `^label`. A block ends at its `}` or, when that is missing,
 * at the end of its line, so a broken block never swallows the rest of the file.
 */
export function parseBlock(text: string, start: number, diagnostics: AxialDiagnostic[]): BlockResult {
  const n = text.length;
  const block: Block = { range: { start, end: start }, codes: [] };
  let i = start + 1;
  let closed = false;
  let memoUnterminated = false;
  for (;;) {
    let c = text.charCodeAt(i);
    while (i < n && isBlockSpace(c)) c = text.charCodeAt(++i);
    if (isLineEnd(i, c, n)) break;
    if (c === RBRACE) {
      i++;
      closed = true;
      break;
    }
    if (c === QUOTE) {
      const memoEnd = readMemo(text, i, block, diagnostics);
      if (memoEnd < 0) {
        // The memo ran to the end of the line, taking the block's `}` with it.
        memoUnterminated = true;
        i = -memoEnd - 1;
        break;
      }
      i = memoEnd;
      continue;
    }
    // Any other item is a word that ends at whitespace, `}` or the end of the line.
    let end = i + 1;
    for (;;) {
      const d = text.charCodeAt(end);
      if (end >= n || d === RBRACE || isBlockSpace(d) || isLineEnd(end, d, n)) break;
      end++;
    }
    item(text, c, i, end, block, diagnostics);
    i = end;
  }
  block.range.end = i;
  if (!closed && !memoUnterminated) {
    diagnostics.push(
      diagnostic(DiagnosticCodes.blockUnclosed, 'error', 'This block is never closed: add `}` before the end of the line.', start, i),
    );
  }
  if (closed && block.codes.length === 0) {
    diagnostics.push(
      diagnostic(DiagnosticCodes.blockWithoutCode, 'error', 'This block applies no code: add one, e.g. `{#my-code}`.', start, i),
    );
  }
  return { block, end: i };
}

/** Records one `#id`, `@coder` or `^label` word at text[start, end), or reports it. */
function item(text: string, c: number, start: number, end: number, block: Block, diagnostics: AxialDiagnostic[]): void {
  const range = { start, end };
  if (c === HASH && isId(text, start + 1, end)) {
    const ref = { id: text.slice(start + 1, end), range };
    // A literal array holds exactly its items; push on an empty one reserves 17 slots.
    if (block.codes.length === 0) block.codes = [ref];
    else block.codes.push(ref);
  } else if (c === AT && isId(text, start + 1, end)) {
    if (block.coder) {
      diagnostics.push(
        diagnostic(
          DiagnosticCodes.blockSecondCoder,
          'error',
          'A block has at most one coder: put the codes of another coder in a block of their own, e.g. `}}{#a @LN}{#a @CA}`.',
          start,
          end,
        ),
      );
    } else {
      block.coder = { id: text.slice(start + 1, end), range };
    }
  } else if (c === CARET) {
    if (end > start + 1 && scanName(text, start + 1, end) === end) {
      if (block.label) {
        diagnostics.push(diagnostic(DiagnosticCodes.blockBadItem, 'error', 'A block names at most one `^label`.', start, end));
      } else {
        block.label = { name: text.slice(start + 1, end), range };
      }
    } else {
      diagnostics.push(
        diagnostic(
          DiagnosticCodes.badLabel,
          'error',
          'A label is made of letters, digits, `_`, `.` and `-`, e.g. `^a`.',
          start,
          end,
        ),
      );
    }
  } else {
    const what = c === HASH ? 'code id' : c === AT ? 'coder id' : undefined;
    const message = what
      ? `Not a valid ${what}: it starts with a letter or digit, followed by letters, digits, \`_\`, \`.\` or \`-\`.`
      : 'A block holds `#code`, `@coder`, `"memo"` and `^label` items, separated by spaces.';
    diagnostics.push(diagnostic(DiagnosticCodes.blockBadItem, 'error', message, start, end, { text: text.slice(start, end) }));
  }
}

/**
 * Reads the memo whose `"` is at `start` (`\"` and `\\` are escapes) into the block.
 * Returns the offset after the closing quote, or `-(lineEnd + 1)` when the memo is
 * unterminated (it then runs to the end of its line).
 */
function readMemo(text: string, start: number, block: Block, diagnostics: AxialDiagnostic[]): number {
  const n = text.length;
  let i = start + 1;
  let from = i;
  let value = '';
  for (;;) {
    const c = text.charCodeAt(i);
    if (isLineEnd(i, c, n)) {
      diagnostics.push(
        diagnostic(DiagnosticCodes.unterminatedMemo, 'error', 'This memo is never closed: add `"` before the end of the line.', start, i),
      );
      if (!block.memo) block.memo = { text: value + text.slice(from, i), range: { start, end: i } };
      return -(i + 1);
    }
    if (c === BACKSLASH) {
      const d = text.charCodeAt(i + 1);
      if (d === QUOTE || d === BACKSLASH) {
        value += text.slice(from, i);
        from = i + 1;
        i += 2;
        continue;
      }
    } else if (c === QUOTE) {
      break;
    }
    i++;
  }
  value += text.slice(from, i);
  const range = { start, end: i + 1 };
  if (block.memo) {
    diagnostics.push(
      diagnostic(
        DiagnosticCodes.blockSecondMemo,
        'error',
        'A block has at most one memo: join them, or add another block, e.g. `}}{#a "first"}{#a "second"}`.',
        range.start,
        range.end,
      ),
    );
  } else {
    block.memo = { text: value, range };
  }
  return i + 1;
}
