/**
 * The three versions of a 20,000-line transcript that the merge benchmarks
 * merge: two coders each code 500 more spans on their branch (2,500 spans in
 * the base); with `editText` each also edits a few words, one near the top and
 * one near the bottom, so the merge diffs the text and maps codings through the
 * edits.
 */

/** Lines in each version. */
export const LINES = 20000;

function transcript(code: (i: number, line: string) => string): string {
  const out = ['---\ncase: bench\ncoder: LN\n---\n'];
  for (let i = 0; i < LINES; i++) {
    const line = i % 2 === 0 ? `I: Question ${i}: how did the sessions go that week?` : `P: Answer ${i}: I {think} I trusted her a bit more, and I told her so.`;
    out.push(code(i, line) + '\n');
  }
  return out.join('');
}

const wrap = (line: string, words: string, block: string) => line.replace(words, `{{${words}}}${block}`);

/** Base, ours and theirs; they merge cleanly. */
export function mergeVersions(editText: boolean): { base: string; ours: string; theirs: string } {
  const base = transcript((i, l) => (i % 8 === 1 ? wrap(l, 'I trusted her', '{#trust}') : l));
  const ours = transcript((i, l) => {
    if (editText && i === 1) l = l.replace('a bit more', 'much more');
    if (i % 8 === 1) l = wrap(l, 'I trusted her', '{#trust}');
    return i % 40 === 3 ? wrap(l, 'I told her so', '{#disclosure}') : l;
  });
  const theirs = transcript((i, l) => {
    if (editText && i === LINES - 1) l = l.replace('a bit more', 'even more');
    if (i % 8 === 1) l = wrap(l, 'I trusted her', i % 16 === 1 ? '{#trust}{#trust @CA}' : '{#trust}');
    return i % 40 === 5 ? wrap(l, 'told her so', '{#disclosure @CA}') : l;
  });
  return { base, ours, theirs };
}
