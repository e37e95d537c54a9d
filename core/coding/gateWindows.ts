/**
 * The gate's narrow check (used by verify.ts transcriptKeepsStrippedText): the
 * stripped text of a short stretch of one line around each edit, instead of the
 * whole line. A quick fix on a line of 60,000 stray closers re-scanned all of it,
 * and a code-action request checks up to 100 such fixes: 190 KB scanned 100 times
 * took most of a minute through the server.
 *
 * Why a stretch may be scanned on its own. The scanner goes left to right; each
 * decision looks ahead only at the token it reads (an opener and its label, a
 * closer and its blocks, an escape) or at the next character (a lone `{` or `}`,
 * a `\`), except that a run of `}` is measured to its end. A position x is a
 * *clean boundary* when the character before it was copied to the stripped text
 * (so no token covers it) and that character with the one at x cannot form
 * markup together: not `{{`, not `}}`, not `\` before `{`, `}` or `\`. At a clean
 * boundary the scan stands in plain text with nothing carried over, so the text
 * after it strips the same whatever came before, and the text before it strips
 * the same whatever comes after. Line starts are clean as well (no token crosses
 * a line break). So when the edits lie strictly inside a stretch bounded by clean
 * boundaries, and the edited stretch, scanned alone, still copies its last
 * character to the stripped text (the scan ends in plain text there too), the
 * whole file's stripped text is unchanged exactly when the stretch's is.
 */
import type { TextEdit } from '../edits/types';
import { scanBody } from '../transcript/scanner';
import { runEndingAfterSource, strippedSlice } from '../transcript/stripped';
import type { Transcript } from '../transcript/types';

/** How far the search for a clean boundary walks from an edit before it settles for the line's end. */
const MAX_WALK = 256;

const LBRACE = 123;
const RBRACE = 125;
const BACKSLASH = 92;

/**
 * Whether the edits (sorted, not overlapping, inside the body, none before the
 * first line's fifth character unless the body starts after the first line) keep
 * the stripped text, decided on stretches around them; undefined when a stretch's
 * end does not stay plain text after the edit, or when several stretches differ,
 * and the caller must look further.
 * `scanned` counts the characters scanned.
 */
export function keepsStrippedTextNarrowly(t: Transcript, sorted: readonly TextEdit[], scanned?: { chars: number }): boolean | undefined {
  const text = t.text;
  let stretches = 0;
  let differs = false;
  let i = 0;
  while (i < sorted.length) {
    const from = stretchStart(t, sorted[i].range.start);
    let to = stretchEnd(t, sorted[i].range.end);
    let j = i + 1;
    // Stretches that meet are one: compared apart, text moved from one to the other would differ in both.
    while (j < sorted.length && stretchStart(t, sorted[j].range.start) <= to) to = Math.max(to, stretchEnd(t, sorted[j].range.end)), j++;
    let edited = '';
    let at = from;
    for (let k = i; k < j; k++) {
      edited += text.slice(at, sorted[k].range.start) + sorted[k].newText;
      at = sorted[k].range.end;
    }
    edited += text.slice(at, to);
    // A leading line break keeps a BOM at the start of the stretch as text, as it is there.
    if (scanned) scanned.chars += edited.length;
    const scan = scanBody('\n' + edited, 0, [], []);
    if (!isLineStart(t, to)) {
      const runs = scan.stripped.runs;
      if (runs.count === 0 || runs.sourceEnd(runs.count - 1) !== 1 + edited.length) return undefined;
    }
    if (scan.stripped.text !== '\n' + strippedSlice(t, { start: from, end: to })) differs = true;
    stretches++;
    i = j;
  }
  // Two stretches that differ may still add up to the same text (speech moved from one
  // to the other across the text between them): the caller decides on more.
  if (!differs) return true;
  return stretches === 1 ? false : undefined;
}

/** True for the start of a line and the end of the text: boundaries no token crosses. */
function isLineStart(t: Transcript, x: number): boolean {
  if (x >= t.text.length) return true;
  const c = t.text.charCodeAt(x - 1);
  return c === 10 || (c === 13 && t.text.charCodeAt(x) !== 10);
}

/** The nearest clean boundary strictly before `offset` (so the character there is not edited), else the line's start. */
function stretchStart(t: Transcript, offset: number): number {
  let lineStart = t.lines.lineStarts[t.lines.positionAt(offset).line];
  // The parser drops a BOM at the very start; scanned from just after it, the stretch drops it too.
  if (lineStart === 0 && t.text.charCodeAt(0) === 0xfeff) lineStart = 1;
  for (let x = offset - 1, steps = 0; x > lineStart && steps < MAX_WALK; x--, steps++) if (isClean(t, x)) return x;
  return lineStart;
}

/** The nearest clean boundary after `offset` with the character before it not edited, else the next line's start. */
function stretchEnd(t: Transcript, offset: number): number {
  const line = t.lines.positionAt(offset).line;
  const next = line + 1 < t.lines.lineStarts.length ? t.lines.lineStarts[line + 1] : t.text.length;
  for (let x = offset + 1, steps = 0; x < next && steps < MAX_WALK; x++, steps++) if (isClean(t, x)) return x;
  return next;
}

/** Whether x (inside a line) is a clean boundary of `t`'s parse (see the module comment). */
function isClean(t: Transcript, x: number): boolean {
  const before = t.text.charCodeAt(x - 1);
  const after = t.text.charCodeAt(x);
  if (before === LBRACE && after === LBRACE) return false;
  if (before === RBRACE && after === RBRACE) return false;
  if (before === BACKSLASH && (after === LBRACE || after === RBRACE || after === BACKSLASH)) return false;
  const runs = t.stripped.runs;
  const k = runEndingAfterSource(t.stripped, x - 1);
  return k < runs.count && runs.sourceStart(k) <= x - 1;
}
