/**
 * Git conflict markers left in a file (FORMAT.md section 3, "Errors"). A transcript
 * or codebook with an unresolved conflict holds both versions of its text, so it
 * must never pass a check; each marker line is an error at its exact range.
 *
 * The marker lines are the ones git writes with the default marker size of 7:
 * `<<<<<<< ours`, `||||||| base` (diff3 style), `=======` and `>>>>>>> theirs`.
 * `=======` and `|||||||` count only inside a conflict (after a `<<<<<<<` line and
 * before its `>>>>>>>`): a Markdown transcript may underline a heading with
 * exactly seven `=`, and every real conflict starts with `<<<<<<<` anyway.
 * Lines break at `\n`, `\r\n` and `\r`, as LSP positions do.
 */

/** A marker at a line start, with the rest of its line (the branch label, if any). */
const MARKER = /(^|\r\n|\r|\n)(<{7}|\|{7}|={7}|>{7})([^\r\n]*)/g;

const ROLE: Record<string, string> = {
  '<': "starts the conflict (one branch's version follows)",
  '|': "starts the common ancestor's version",
  '=': 'separates the two versions',
  '>': 'ends the conflict',
};

/**
 * Whether the text may hold a conflict marker, cheaply (a native substring search,
 * a few ms for 10 MB): every marker line is inside a conflict that has a
 * `<<<<<<<` or a `>>>>>>>` line, or is one.
 */
export function mayHoldConflictMarkers(text: string): boolean {
  return text.includes('<<<<<<<') || text.includes('>>>>>>>');
}

/** A conflict marker line: its range (the marker and its label) and what it does. */
export interface ConflictMarker {
  start: number;
  end: number;
  marker: string;
  message: string;
}

/**
 * Every conflict marker line, in file order; none for a file without conflicts. Past
 * `max` markers, each further one is only passed to `left` (its start), not built:
 * a transcript lists a bounded number of problems (core/transcript/limits.ts).
 */
export function findConflictMarkers(text: string, max = Infinity, left?: (start: number) => void): ConflictMarker[] {
  const out: ConflictMarker[] = [];
  if (!mayHoldConflictMarkers(text)) return out;
  let inConflict = false;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const [, br, marker, rest] = m;
    const kind = marker[0];
    // `<<<<<<<<` (eight) is not a marker; a label follows a space or a tab.
    const labelled = rest === '' || rest[0] === ' ' || rest[0] === '\t';
    let found = false;
    if (kind === '<' && labelled) found = inConflict = true;
    else if (kind === '>' && labelled) {
      found = true;
      inConflict = false;
    } else if (kind === '|' && labelled) found = inConflict;
    else if (kind === '=') found = inConflict && rest.trim() === '';
    if (!found) {
      // The line break that ended this match may start the next line's marker.
      MARKER.lastIndex = m.index + br.length + marker.length;
      continue;
    }
    const start = m.index + br.length;
    if (out.length >= max) {
      left?.(start);
      continue;
    }
    out.push({
      start,
      end: start + marker.length + rest.length,
      marker,
      message: `Unresolved git conflict: this '${marker}' line ${ROLE[kind]}. Keep the text you want and delete the marker lines.`,
    });
  }
  return out;
}
