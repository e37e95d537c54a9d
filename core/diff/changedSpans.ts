/**
 * The "changed since" filter's spans from a diff's changes: the spans coded or
 * recoded in the newer version (uncoded spans are gone from the tree).
 */
import type { ChangedSpan } from '../tree/types';
import type { CodingChange } from './transcript';

/** The spans of coded and recoded changes, per transcript URI, for TreeFilter.changedSince. */
export function changedSpans(files: { uri: string; changes: Pick<CodingChange, 'kind' | 'start' | 'end' | 'coder'>[] }[]): ChangedSpan[] {
  return files.flatMap((f) =>
    f.changes.filter((c) => c.kind === 'coded' || c.kind === 'recoded').map((c) => ({ uri: f.uri, start: c.start, end: c.end, coder: c.coder })),
  );
}
