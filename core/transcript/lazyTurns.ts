/**
 * Speaker turns kept as a compact table (turns.ts) until a feature reads
 * `transcript.turns`: a cold index reads none of the 360,000 turns of a
 * 1,000-interview project as objects, and the features that run over every
 * transcript (the tree's filters, queries, reports, pictures) ask for a turn's
 * speaker through `turnSpeaker` and `turnRole`, which read the table.
 */
import { turnsOfTable, type TurnTable } from './turns';
import type { Transcript, Turn } from './types';

/** The tables of transcripts whose turns have not been built as objects yet. */
const tables = new WeakMap<Transcript, TurnTable>();

/**
 * A transcript whose `turns` are built from `table` on first read and kept. `turns`
 * is an own enumerable property (an accessor), so the transcript compares, clones
 * and serialises as one with a plain `turns` array, in the same key order. (V8 keeps
 * an object with an accessor of its own in dictionary mode: a transcript's few
 * properties are read a few times per request, where that costs nothing to see.)
 */
export function transcriptWithLazyTurns(fields: Omit<Transcript, 'turns' | 'frontMatter'>, table: TurnTable): Transcript {
  let turns: Turn[] | undefined;
  const transcript: Transcript = {
    text: fields.text,
    lines: fields.lines,
    bodyStart: fields.bodyStart,
    get turns(): Turn[] {
      if (!turns) {
        turns = turnsOfTable(table);
        // From here on the objects are the turns (a reparse shifts them in place).
        tables.delete(transcript);
      }
      return turns;
    },
    set turns(value: Turn[]) {
      turns = value;
      tables.delete(transcript);
    },
    spans: fields.spans,
    stripped: fields.stripped,
    diagnostics: fields.diagnostics,
  };
  tables.set(transcript, table);
  return transcript;
}

/** How many speaker turns a transcript has. */
export function turnCount(t: Transcript): number {
  const table = tables.get(t);
  return table ? table.starts.length : t.turns.length;
}

/** The speaker label of turn `i` (a valid index), without building turn objects. */
export function turnSpeaker(t: Transcript, i: number): string {
  const table = tables.get(t);
  return table ? table.names[table.speakerOf[i]] : t.turns[i].speaker;
}

/** The declared role of turn `i`'s speaker, if any, without building turn objects. */
export function turnRole(t: Transcript, i: number): string | undefined {
  const table = tables.get(t);
  if (!table) return t.turns[i].role;
  return table.roles ? table.roles[table.names[table.speakerOf[i]]] || undefined : undefined;
}

/** Every distinct speaker of a transcript as the tree's filter names it: the role, else the label. */
export function turnSpeakerNames(t: Transcript): Set<string> {
  const out = new Set<string>();
  const table = tables.get(t);
  if (table) {
    for (const name of table.names) out.add((table.roles ? table.roles[name] || undefined : undefined) ?? name);
  } else {
    for (const turn of t.turns) out.add(turn.role ?? turn.speaker);
  }
  return out;
}

/** Where turn `i` (a valid index) starts: its label's first character. */
export function turnStart(t: Transcript, i: number): number {
  const table = tables.get(t);
  return table ? table.starts[i] : t.turns[i].range.start;
}

/** The table behind a transcript's turns while they are not objects yet (for the re-parse, which splices it). */
export function turnTableOf(t: Transcript): TurnTable | undefined {
  return tables.get(t);
}

/** Where turn `i`'s label ends (before the colon), without building turn objects. */
export function turnLabelEnd(t: Transcript, i: number): number {
  const table = tables.get(t);
  return table ? table.labelEnds[i] : t.turns[i].labelRange.end;
}

/** Where turn `i` ends: the next turn's start, or the end of the text. */
export function turnEnd(t: Transcript, i: number): number {
  const table = tables.get(t);
  if (!table) return t.turns[i].range.end;
  return i + 1 < table.starts.length ? table.starts[i + 1] : table.end;
}

/** True once `transcript.turns` has been read (or set): its turns are objects now. */
export function hasTurnObjects(t: Transcript): boolean {
  return !tables.has(t);
}
