/**
 * The property every incremental re-parse must keep: after a random edit of a
 * random transcript, reparseTranscript(old parse, new text) is exactly the full
 * parse of the new text (spans, problems, stripped text and its runs, whether a
 * parse limit was reached). Suites differ only in the markup their text is made
 * of and how large the text and the edit are.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { isLimited } from '../../core/transcript/limits';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseTranscript } from '../../core/transcript/reparse';

/** How the random transcripts and edits of a run are made. */
export interface ReparseEdits {
  /** The pieces the body of the transcript and the inserted text are strings of. */
  unit: fc.Arbitrary<string>;
  /** At most this many pieces in the body (after `P: `). */
  bodyPieces: number;
  /** At most this many pieces inserted. */
  insertPieces: number;
  /** At most this many characters deleted where the insertion goes. */
  deleteChars: number;
  /** fast-check runs. */
  numRuns: number;
}

/**
 * Asserts, over `numRuns` random edits, that the re-parse after the edit equals the
 * full parse. The edit falls in the body (never in the speaker `P: `): `deleteChars`
 * characters at most are removed there and a string of `insertPieces` pieces put in.
 * Runs under whatever parse limits the caller has in force.
 */
export function assertReparseEqualsFullParse(edits: ReparseEdits): void {
  const { unit } = edits;
  fc.assert(
    fc.property(
      fc.string({ unit, maxLength: edits.bodyPieces }),
      fc.string({ unit, maxLength: edits.insertPieces }),
      fc.nat(),
      fc.nat(edits.deleteChars),
      (body, insert, at, del) => {
        const old = 'P: ' + body;
        const k = 3 + (at % (body.length + 1));
        const next = old.slice(0, k) + insert + old.slice(Math.min(old.length, k + del));
        const full = parseTranscript(next);
        const incremental = reparseTranscript(parseTranscript(old), next);
        assert.deepEqual(incremental.diagnostics, full.diagnostics);
        assert.deepEqual(incremental.spans, full.spans);
        assert.deepEqual(incremental.stripped.runs, full.stripped.runs);
        assert.equal(incremental.stripped.text, full.stripped.text);
        assert.equal(isLimited(incremental), isLimited(full));
      },
    ),
    { numRuns: edits.numRuns },
  );
}
