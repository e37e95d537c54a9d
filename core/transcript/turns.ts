import type { LineIndex } from '../text/lineIndex';
import type { Turn } from './types';

// Character codes (local, see chars.ts).
const TAB = 9;
const SPACE = 32;
const COLON = 58;
const BOM = 0xfeff;

/** Longest undeclared speaker label: `[A-Z][A-Za-z0-9_-]*`, 1 to 20 characters. */
const MAX_LABEL = 20;

/**
 * Finds the speaker turns of the body: a line starting with `LABEL:` and a space or
 * tab begins a turn that runs to the start of the next one (or the end of the text).
 * With `speakers` declared (and not empty) only its keys are labels; otherwise any
 * `[A-Z][A-Za-z0-9_-]{0,19}` is.
 */
export function findTurns(text: string, lines: LineIndex, bodyStart: number, speakers?: Record<string, string>): Turn[] {
  // Longest first, so a label that is a prefix of another never shadows it.
  const declared = speakers ? Object.keys(speakers).filter((k) => k !== '').sort((a, b) => b.length - a.length) : [];
  const turns: Turn[] = [];
  const starts = lines.lineStarts;
  let line = firstLineAtOrAfter(starts, bodyStart);
  for (; line < starts.length; line++) {
    let ls = starts[line];
    if (ls === 0 && text.charCodeAt(0) === BOM) ls = 1;
    const labelEnd = declared.length > 0 ? declaredLabelEnd(text, ls, declared) : defaultLabelEnd(text, ls);
    if (labelEnd < 0) continue;
    const speaker = text.slice(ls, labelEnd);
    const turn: Turn = {
      index: turns.length,
      speaker,
      labelRange: { start: ls, end: labelEnd },
      range: { start: ls, end: text.length },
    };
    const role = declared.length > 0 ? speakers![speaker] : undefined;
    if (role) turn.role = role;
    if (turns.length > 0) turns[turns.length - 1].range.end = ls;
    turns.push(turn);
  }
  return turns;
}

/** Index of the first line starting at or after `offset` (binary search). */
function firstLineAtOrAfter(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `LABEL` ending at `i` is followed by `:` and a space or tab. */
function colonSpaceAt(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== COLON) return false;
  const c = text.charCodeAt(i + 1);
  return c === SPACE || c === TAB;
}

function declaredLabelEnd(text: string, ls: number, declared: string[]): number {
  for (const label of declared) {
    if (text.startsWith(label, ls) && colonSpaceAt(text, ls + label.length)) return ls + label.length;
  }
  return -1;
}

function defaultLabelEnd(text: string, ls: number): number {
  const first = text.charCodeAt(ls);
  if (!(first >= 65 && first <= 90)) return -1;
  let i = ls + 1;
  const max = ls + MAX_LABEL;
  for (; i < max; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
    if (!ok) break;
  }
  return colonSpaceAt(text, i) ? i : -1;
}
