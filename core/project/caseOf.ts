/**
 * A transcript's case and participant, the one rule every count and filter uses:
 * the front matter's `case` (and `participant`) without surrounding white space;
 * a transcript with no case, or a blank one, is a case of its own. The tree,
 * hover's counts and the pictures all read cases here, so `case: "A"` in one file
 * and `case: "A "` in another are one case everywhere.
 */
import type { Transcript } from '../transcript/types';
import type { TranscriptEntry } from './types';

/** The case a transcript declares: its front matter `case`, trimmed; undefined when absent or blank. */
export function declaredCase(t: Pick<Transcript, 'frontMatter'>): string | undefined {
  return trimmed(t.frontMatter?.case);
}

/** The participant a transcript declares: its front matter `participant`, trimmed; undefined when absent or blank. */
export function participantOf(entry: Pick<TranscriptEntry, 'transcript'>): string | undefined {
  return trimmed(entry.transcript.frontMatter?.participant);
}

/** The case of a transcript as shown: its declared case, else its path in the project. */
export function caseOf(entry: Pick<TranscriptEntry, 'transcript' | 'path'>): string {
  return declaredCase(entry.transcript) ?? entry.path;
}

/**
 * The identity of a transcript's case, for counting distinct cases: `case:` and the
 * declared case, else `file:` and its path (so a path never equals a declared case).
 */
export function caseKey(entry: Pick<TranscriptEntry, 'transcript' | 'path'>): string {
  const declared = declaredCase(entry.transcript);
  return declared !== undefined ? `case:${declared}` : `file:${entry.path}`;
}

function trimmed(value: string | undefined): string | undefined {
  // A YAML non-string (a list, a map) is reported by the parser and is no case.
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v === '' ? undefined : v;
}
