import type { LineIndex } from '../text/lineIndex';
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
 * Finds the speaker turns of the body: a line starting with `LABEL:` and a space or
 * tab begins a turn that runs to the start of the next one (or the end of the text).
 * With `speakers` declared (and not empty) only its keys are labels; otherwise any
 * `[A-Z][A-Za-z0-9_-]{0,19}` is.
 */
export function findTurns(text: string, lines: LineIndex, bodyStart: number, speakers?: Record<string, string>): Turn[] {
  let declared: TrieNode | undefined;
  if (speakers) {
    // Kept per speakers object: re-parsing after a keystroke reuses the front matter's.
    declared = tries.get(speakers);
    if (!declared) tries.set(speakers, (declared = labelTrie(Object.keys(speakers)) ?? {}));
    if (!declared.next) declared = undefined;
  }
  const turns: Turn[] = [];
  const starts = lines.lineStarts;
  let line = lowerBound(starts, bodyStart);
  for (; line < starts.length; line++) {
    let ls = starts[line];
    if (ls === 0 && text.charCodeAt(0) === BOM) ls = 1;
    const labelEnd = declared ? declaredLabelEnd(text, ls, declared) : defaultLabelEnd(text, ls);
    if (labelEnd < 0) continue;
    const speaker = text.slice(ls, labelEnd);
    const turn: Turn = {
      index: turns.length,
      speaker,
      labelRange: { start: ls, end: labelEnd },
      range: { start: ls, end: text.length },
    };
    const role = declared ? speakers![speaker] : undefined;
    if (role) turn.role = role;
    if (turns.length > 0) turns[turns.length - 1].range.end = ls;
    turns.push(turn);
  }
  return turns;
}

/** True when `LABEL` ending at `i` is followed by `:` and a space or tab. */
function colonSpaceAt(text: string, i: number): boolean {
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
function declaredLabelEnd(text: string, ls: number, declared: TrieNode): number {
  let found = -1;
  let node: TrieNode | undefined = declared;
  for (let i = ls; node?.next && i < text.length; i++) {
    node = node.next.get(text.charCodeAt(i));
    if (node?.label && colonSpaceAt(text, i + 1)) found = i + 1;
  }
  return found;
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
