import type { LineIndex } from '../text/lineIndex';
import type { TextReader } from '../text/pieceText';
import { lowerBound } from '../text/search';
import type { Turn } from './types';

// Character codes (local, see chars.ts).
const TAB = 9;
const SPACE = 32;
const COLON = 58;
const BOM = 0xfeff;

/** Longest undeclared speaker label: `[A-Z][A-Za-z0-9_-]*`, 1 to 20 characters. */
const MAX_LABEL = 20;

/**
 * A transcript's speaker turns in a few flat arrays instead of three objects a turn:
 * a project of 1,000 interviews has about 360,000 turns, and as objects they were
 * the largest part of the index's memory and of the garbage collector's work during
 * a cold index. Turn objects are built from it only when a feature reads
 * `transcript.turns` (turnTable.ts); the speaker of a turn is read without them.
 */
export interface TurnTable {
  /** Where each turn's label starts (the turn's `range.start`), ascending. */
  readonly starts: Int32Array;
  /** Where each turn's label ends (before the colon). */
  readonly labelEnds: Int32Array;
  /** Each turn's speaker, as an index into `names`. */
  readonly speakerOf: Int32Array;
  /** The distinct speaker labels, in order of first appearance. */
  readonly names: string[];
  /** The declared speakers (label → role), when the front matter declares any. */
  readonly roles?: Record<string, string>;
  /** Where the last turn ends: the text's length. */
  readonly end: number;
}

/**
 * Finds the speaker turns of the body: a line starting with `LABEL:` and a space or
 * tab begins a turn that runs to the start of the next one (or the end of the text).
 * With `speakers` declared (and not empty) only its keys are labels; otherwise any
 * `[A-Z][A-Za-z0-9_-]{0,19}` is.
 */
export function findTurns(text: TextReader, lines: LineIndex, bodyStart: number, speakers?: Record<string, string>): Turn[] {
  return turnsOfTable(findTurnTable(text, lines, bodyStart, speakers));
}

/** `findTurns`, as a compact table. */
export function findTurnTable(text: TextReader, lines: LineIndex, bodyStart: number, speakers?: Record<string, string>): TurnTable {
  let declared: TrieNode | undefined;
  if (speakers) {
    // Kept per speakers object: re-parsing after a keystroke reuses the front matter's.
    declared = tries.get(speakers);
    if (!declared) tries.set(speakers, (declared = labelTrie(Object.keys(speakers)) ?? {}));
    if (!declared.next) declared = undefined;
  }
  const starts = lines.lineStarts;
  let line = lowerBound(starts, bodyStart);
  // At most one turn a line: sized for that, then cut to what was found.
  const room = Math.max(starts.length - line, 0);
  const turnStarts = new Int32Array(room);
  const labelEnds = new Int32Array(room);
  const speakerOf = new Int32Array(room);
  const names: string[] = [];
  const ids = new Map<string, number>();
  let count = 0;
  let lastName = '';
  let lastId = -1;
  for (; line < starts.length; line++) {
    let ls = starts[line];
    if (ls === 0 && text.charCodeAt(0) === BOM) ls = 1;
    const labelEnd = declared ? declaredLabelEnd(text, ls, declared) : defaultLabelEnd(text, ls);
    if (labelEnd < 0) continue;
    const speaker = text.slice(ls, labelEnd);
    // Speakers alternate among a few labels: one map lookup at most per turn.
    if (speaker !== lastName) {
      let id = ids.get(speaker);
      if (id === undefined) {
        id = names.length;
        names.push(speaker);
        ids.set(speaker, id);
      }
      lastName = speaker;
      lastId = id;
    }
    turnStarts[count] = ls;
    labelEnds[count] = labelEnd;
    speakerOf[count] = lastId;
    count++;
  }
  return {
    starts: turnStarts.slice(0, count),
    labelEnds: labelEnds.slice(0, count),
    speakerOf: speakerOf.slice(0, count),
    names,
    ...(declared ? { roles: speakers } : {}),
    end: text.length,
  };
}

/** The turn objects of a table (what `Transcript.turns` holds). */
export function turnsOfTable(table: TurnTable): Turn[] {
  const { starts, labelEnds, speakerOf, names, roles } = table;
  const turns: Turn[] = new Array(starts.length);
  for (let i = 0; i < starts.length; i++) {
    const speaker = names[speakerOf[i]];
    const turn: Turn = {
      index: i,
      speaker,
      labelRange: { start: starts[i], end: labelEnds[i] },
      range: { start: starts[i], end: i + 1 < starts.length ? starts[i + 1] : table.end },
    };
    const role = roles ? roles[speaker] : undefined;
    if (role) turn.role = role;
    turns[i] = turn;
  }
  return turns;
}

/** True when `LABEL` ending at `i` is followed by `:` and a space or tab. */
function colonSpaceAt(text: TextReader, i: number): boolean {
  if (text.charCodeAt(i) !== COLON) return false;
  const c = text.charCodeAt(i + 1);
  return c === SPACE || c === TAB;
}

const tries = new WeakMap<Record<string, string>, TrieNode>();

/** A node of the declared labels' trie, by UTF-16 code unit; `label` marks a label's end. */
interface TrieNode {
  next?: Map<number, TrieNode>;
  label?: boolean;
}

/**
 * The declared labels as a trie, so a line is matched against thousands of speakers
 * in one walk over its first characters instead of one comparison per speaker;
 * undefined when none is declared (then any capitalised word is a label).
 */
function labelTrie(labels: string[]): TrieNode | undefined {
  let root: TrieNode | undefined;
  for (const label of labels) {
    if (label === '') continue;
    root ??= {};
    let node = root;
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = {}));
      node = child;
    }
    node.label = true;
  }
  return root;
}

/** End of the longest declared label at `ls` that is followed by `:` and a space or tab, or -1. */
function declaredLabelEnd(text: TextReader, ls: number, declared: TrieNode): number {
  let found = -1;
  let node: TrieNode | undefined = declared;
  for (let i = ls; node?.next && i < text.length; i++) {
    node = node.next.get(text.charCodeAt(i));
    if (node?.label && colonSpaceAt(text, i + 1)) found = i + 1;
  }
  return found;
}

function defaultLabelEnd(text: TextReader, ls: number): number {
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
