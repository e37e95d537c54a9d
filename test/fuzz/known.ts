/**
 * Failures the fuzzer finds that are known bugs with fixes under way (issue 10).
 * A failure that matches an entry is counted and reported as known, not as a new
 * failure, so the short run in `npm test` stays green while the fixes land.
 *
 * EMPTY THIS LIST as the fixes are merged: each entry names the bug it stands for,
 * and the short run then proves the fix (a known entry that no longer matches
 * anything is reported as such, so stale entries are easy to find).
 */
import type { FuzzCase } from './cases';
import type { Failure } from './properties';

export interface KnownFailure {
  /** The bug, in a few words, with its number in issue 10. */
  bug: string;
  property: Failure['property'];
  /** True when this failure of this case is the known bug (narrowly: the input has the bug's shape). */
  matches(c: FuzzCase, f: Failure): boolean;
}

export const KNOWN_FAILURES: KnownFailure[] = [
];

/** The known bug a failure stands for, if any. */
export function knownBug(c: FuzzCase, f: Failure, known: readonly KnownFailure[] = KNOWN_FAILURES): KnownFailure | undefined {
  return known.find((k) => k.property === f.property && k.matches(c, f));
}
