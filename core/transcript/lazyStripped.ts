/**
 * A stripped text built only when it is read. The stripped text of a file is about
 * as large as the file (two bytes a character once a single `…` or emoji is in
 * it), and a cold index of a large project reads almost none of them: quotes are
 * sliced from the source (quoteFromRuns), and features that need the whole
 * stripped text (agreement, query, coding edits) build it on first use.
 */
import type { Runs } from './runs';
import type { StrippedText } from './types';

/**
 * A StrippedText whose `text` is the runs of `source` joined, computed on first
 * read and kept. `text` is an own enumerable property (an accessor), so the
 * object compares, clones and serialises like a plain `{ text, runs }`. A runs
 * table is never changed once built (the re-parse builds a new one), so the text
 * can be read at any time.
 */
export function lazyStrippedText(source: string, runs: Runs): StrippedText {
  let text: string | undefined;
  const stripped = { runs } as StrippedText;
  Object.defineProperty(stripped, 'text', {
    enumerable: true,
    configurable: true,
    get: () => (text ??= joinRuns(source, runs)),
    set: (value: string) => {
      text = value;
    },
  });
  return stripped;
}

/** The stripped text of `source`: its runs, in order. */
function joinRuns(source: string, runs: Runs): string {
  // Joined in chunks of pieces, not concatenated piece by piece: a rope node a run
  // (32 bytes each) was 53 MB of garbage for the 1.7 million runs of a 5 MB line of `{{a`.
  // One array for every chunk, filled by index (emptying it would shrink it, to grow again).
  const parts = new Array<string>(Math.min(JOIN_CHUNK, runs.count));
  let text = '';
  let k = 0;
  for (let i = 0; i < runs.count; i++) {
    parts[k++] = source.slice(runs.sourceStart(i), runs.sourceEnd(i));
    if (k === JOIN_CHUNK) {
      text += parts.join('');
      k = 0;
    }
  }
  parts.length = k;
  text += parts.join('');
  // One flat string, not a rope of chunks: it is read character by character afterwards.
  return text.length > 0 ? flat(text) : text;
}

/** How many runs are joined at once (see joinRuns). */
const JOIN_CHUNK = 4096;

/** `s` as one flat string (V8 flattens a rope when it is indexed). */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * The stripped text between stripped offsets `start` and `end`, read from the
 * source through the runs (no stripped text needed): one slice of the source when
 * the range lies in one run, as is usual for a quote. Undefined when the range
 * crosses more than `maxPieces` runs: deeply nested spans would make that quadratic,
 * and a slice of the stripped text is cheaper there.
 */
export function quoteFromRuns(source: string, runs: Runs, start: number, end: number, maxPieces: number): string | undefined {
  if (start >= end) return '';
  // The last run starting at or before `start` (the first run when none does).
  const lo = Math.max(0, runs.lastStartingAtOrBeforeStripped(start));
  // Counted before any piece is joined: 100,000 nested quotes each joining 16 pieces
  // before giving up were 40 MB of garbage strings.
  if (runs.lastStartingAtOrBeforeStripped(end - 1) - lo >= maxPieces) return undefined;
  let out = '';
  for (let i = lo; i < runs.count; i++) {
    const strippedStart = runs.strippedStart(i);
    if (strippedStart >= end) break;
    if (i - lo >= maxPieces) return undefined;
    const from = Math.max(start, strippedStart) - strippedStart;
    const to = Math.min(end, strippedStart + runs.length(i)) - strippedStart;
    if (to > from) out += source.slice(runs.sourceStart(i) + from, runs.sourceStart(i) + to);
  }
  return out;
}
