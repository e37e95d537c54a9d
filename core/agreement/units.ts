/**
 * Agreement units of a transcript (FORMAT.md section 6): speaker turns, lines,
 * or single characters of the stripped text. Units are stripped ranges in text
 * order that never overlap, so the units a span touches are found by binary
 * search.
 */
import { lowerBound, upperBound } from '../text/search';
import { strippedOffsetAt } from '../transcript/stripped';
import { turnCount, turnStart } from '../transcript/lazyTurns';
import { isTrimSpace } from '../transcript/chars';
import type { Transcript } from '../transcript/types';

/** What one unit of agreement is. */
export type UnitKind = 'turn' | 'line' | 'char';

/** The unit kinds, the default first. */
export const UNIT_KINDS: readonly UnitKind[] = ['turn', 'line', 'char'];

/** The units of one transcript: unit i is the stripped range [starts[i], ends[i]). */
export interface Units {
  kind: UnitKind;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The units of a transcript.
 * - turn: each speaker turn, from its label to the next turn; the text before
 *   the first turn is one more unit when it holds anything but whitespace (a
 *   transcript without turns is then a single unit).
 * - line: each line of the stripped text that holds anything but whitespace
 *   (a blank line can hold no quote, so counting it would only add agreement).
 * - char: each character of the stripped text that is not whitespace; a
 *   character outside the Basic Multilingual Plane (an emoji) is one unit.
 */
export function unitsOf(t: Transcript, kind: UnitKind): Units {
  return unitsOfText(t.stripped.text, turnStarts(t), kind);
}

/** Where each speaker turn starts in the stripped text. */
export function turnStarts(t: Transcript): Int32Array {
  const starts = new Int32Array(turnCount(t));
  for (let i = 0; i < starts.length; i++) starts[i] = strippedOffsetAt(t, turnStart(t, i));
  return starts;
}

/** The units of a stripped text whose turns start at `turns` (see `unitsOf`). */
export function unitsOfText(s: string, turns: Int32Array, kind: UnitKind): Units {
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (a: number, b: number) => {
    starts.push(a);
    ends.push(b);
  };
  if (kind === 'turn') {
    const first = turns.length > 0 ? turns[0] : s.length;
    if (hasText(s, 0, first)) push(0, first);
    for (let i = 0; i < turns.length; i++) {
      const a = turns[i];
      const b = i + 1 < turns.length ? turns[i + 1] : s.length;
      if (b > a) push(a, b);
    }
  } else if (kind === 'line') {
    let ls = 0;
    while (ls <= s.length) {
      let nl = s.indexOf('\n', ls);
      if (nl < 0) nl = s.length;
      if (hasText(s, ls, nl)) push(ls, nl);
      ls = nl + 1;
    }
  } else {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (isTrimSpace(c)) continue;
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      push(i, pair ? i + 2 : i + 1);
      if (pair) i++;
    }
  }
  return { kind, count: starts.length, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** The units a stripped range shares a character with, as [first, last) unit indices. */
export function unitsOverlapping(units: Units, start: number, end: number): [number, number] {
  if (end <= start) return [0, 0];
  // The first unit that ends after start, and the first that starts at or after end.
  return [upperBound(units.ends, start, 0, units.count), lowerBound(units.starts, end, 0, units.count)];
}

function hasText(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isTrimSpace(s.charCodeAt(i))) return true;
  return false;
}
