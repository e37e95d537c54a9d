/**
 * Where the benchmarks that talk to the server point in a generated transcript
 * (bench/project.ts): right after the `{#` of a code tag, where hover shows the
 * code's definition and completion offers every code, and a participant's turn
 * without markup, where hover answers nothing (the trivial request of the bounds).
 */

/** A place in a document as LSP counts it (0-based line, UTF-16 character). */
export interface Place {
  line: number;
  character: number;
}

/** The opening of a code tag: `{#` and the first character of an id (not a coder, label or memo). */
const CODE_TAG = /\{#[^\s}@^"]/;

/** Just after the `{#` of the first code tag in `lines`; throws when there is none, since every generated transcript has one. */
export function firstCodeTag(lines: readonly string[]): Place {
  const line = lines.findIndex((l) => CODE_TAG.test(l));
  if (line < 0) throw new Error('bench: the transcript has no code tag to point at');
  return { line, character: lines[line].search(CODE_TAG) + 2 };
}

/** The first participant turn (`P: `) with no coding markup on its line; throws when there is none. */
export function plainTurnLine(lines: readonly string[]): number {
  const line = lines.findIndex((l) => l.startsWith('P: ') && !/[{}]/.test(l));
  if (line < 0) throw new Error('bench: the transcript has no participant turn without markup');
  return line;
}
