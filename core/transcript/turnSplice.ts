import { detached } from '../text/detached';
import type { LineIndex } from '../text/lineIndex';
import type { TextReader } from '../text/pieceText';
import { findLastAtOrBefore, lowerBound, upperBound } from '../text/search';
import { findTurnTable, type TurnTable } from './turns';

/** The edit as the re-parse found it: old [editStart, oldEnd) became new [editStart, newEnd). */
export interface TurnEdit {
  editStart: number;
  newEnd: number;
  delta: number;
  /** The front matter's declared speakers, when it declares any. */
  speakers?: Record<string, string>;
}

/**
 * The speaker turns of a re-parsed text from the old ones, kept as a table
 * (turns.ts): only the lines touched by the edit can gain or lose a speaker label,
 * so they are read again and the turns after them are shifted, as numbers in typed
 * arrays. A keystroke in a 20,000-turn transcript shifted 20,000 turn objects
 * (three objects each) before; now it adds `delta` to two arrays of 20,000
 * integers, in place when the number of turns stays the same (`table` is consumed:
 * its arrays may become the new table's). `lineStarts` are the new text's.
 * `dTurn` is the change in the number of turns.
 *
 * Equal to findTurnTable over the whole new text, `names` included (distinct labels
 * in order of first appearance, renumbered when the edit changed that order).
 */
export function spliceTurnTable(table: TurnTable, b: TextReader, lineStarts: number[], edit: TurnEdit): { table: TurnTable; dTurn: number } {
  const { editStart, newEnd, delta } = edit;
  const lp = lineStarts[Math.max(0, findLastAtOrBefore(lineStarts, editStart))];
  const li = upperBound(lineStarts, newEnd); // the first new line start past the edit's line
  const last = li >= lineStarts.length;
  const le = last ? b.length + 1 : lineStarts[li];
  const n = table.starts.length;
  const ta = lowerBound(table.starts, lp);
  const tb = last ? n : lowerBound(table.starts, le - delta);
  // findTurnTable only reads `lineStarts` of the index it is given.
  const midLines = { lineStarts: lineStarts.slice(lowerBound(lineStarts, lp), li) } as unknown as LineIndex;
  const mid = findTurnTable(b, midLines, lp, edit.speakers);
  const m = mid.starts.length;
  const dTurn = m - (tb - ta);
  const count = n + dTurn;

  // The middle's speakers as ids of the old table's names (new names appended).
  const names = table.names.slice();
  const idOf = new Map<string, number>();
  names.forEach((name, i) => idOf.set(name, i));
  const midIds = mid.names.map((name) => {
    let id = idOf.get(name);
    if (id === undefined) {
      id = names.length;
      // A label of 13 or more characters would be a view into this version of the text (core/text/detached.ts).
      names.push(detached(name));
      idOf.set(name, id);
    }
    return id;
  });

  let { starts, labelEnds, speakerOf } = table;
  if (dTurn !== 0) {
    const grown = (a: Int32Array) => {
      const out = new Int32Array(count);
      out.set(a.subarray(0, ta));
      out.set(a.subarray(tb), ta + m);
      return out;
    };
    starts = grown(starts);
    labelEnds = grown(labelEnds);
    speakerOf = grown(speakerOf);
  }
  for (let i = 0; i < m; i++) {
    starts[ta + i] = mid.starts[i];
    labelEnds[ta + i] = mid.labelEnds[i];
    speakerOf[ta + i] = midIds[mid.speakerOf[i]];
  }
  if (delta !== 0) {
    for (let i = ta + m; i < count; i++) {
      starts[i] += delta;
      labelEnds[i] += delta;
    }
  }
  return { table: { starts, labelEnds, speakerOf, names: firstAppearanceOrder(speakerOf, names), ...(table.roles ? { roles: table.roles } : {}), end: b.length }, dTurn };
}

/**
 * The names in order of first appearance in `speakerOf` (as findTurnTable lists
 * them), without those no turn uses any more; `speakerOf` is renumbered to match
 * when that changes anything.
 */
function firstAppearanceOrder(speakerOf: Int32Array, names: string[]): string[] {
  const order = new Int32Array(names.length).fill(-1);
  let k = 0;
  let same = true;
  for (let i = 0; i < speakerOf.length && k < names.length; i++) {
    const s = speakerOf[i];
    if (order[s] >= 0) continue;
    if (s !== k) same = false;
    order[s] = k++;
  }
  if (same && k === names.length) return names;
  const out = new Array<string>(k);
  for (let s = 0; s < names.length; s++) if (order[s] >= 0) out[order[s]] = names[s];
  for (let i = 0; i < speakerOf.length; i++) speakerOf[i] = order[speakerOf[i]];
  return out;
}
