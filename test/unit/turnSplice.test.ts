/**
 * Speaker turns through incremental re-parses while they stay a table
 * (core/transcript/turnSplice.ts): after every edit of a chain, where no one reads
 * `transcript.turns` in between, the turns read through the table helpers (speaker,
 * role, start, the file's speakers in order of first appearance) and the spans'
 * turns equal a full parse's, and so do the turn objects at the end.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasTurnObjects, turnCount, turnRole, turnSpeaker, turnSpeakerNames, turnStart } from '../../core/transcript/lazyTurns';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseStats, reparseTranscript } from '../../core/transcript/reparse';
import type { Transcript } from '../../core/transcript/types';

function throughTable(t: Transcript): unknown {
  const turns = [];
  for (let i = 0; i < turnCount(t); i++) turns.push([turnSpeaker(t, i), turnRole(t, i), turnStart(t, i)]);
  return { turns, names: [...turnSpeakerNames(t)], spanTurns: t.spans.map((s) => s.turn) };
}

const FRONT = ['', '---\nspeakers:\n  I: Interviewer\n  P: Participant\n  Dr-1: Doctor\n  Q: ""\n---\n', '---\ntitle: t\n---\n'];
const SPEAKERS = ['', '', 'I: ', 'P: ', 'Dr-1: ', 'Q: ', 'X: ', 'p: ', 'I:'];
const line = fc
  .tuple(fc.constantFrom(...SPEAKERS), fc.array(fc.constantFrom('so', 'we {{talked}}{#a}', '{{', '}}{#b}', 'ça 😀', 'x'), { maxLength: 4 }))
  .map(([s, w]) => s + w.join(' '));
const text = fc.tuple(fc.constantFrom(...FRONT), fc.array(line, { maxLength: 16 }), fc.constantFrom('\n', '\r\n')).map(([fm, ls, eol]) => fm + ls.join(eol) + eol);
const INSERTS = ['\n', '\r\n', 'P: ', 'I: ', 'X: ', 'Dr-1: ', 'Zed: ', ':', ' ', 'a', '{{', '}}{#a}', '\n\nQ: '];
const edit = fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 6 }), insert: fc.array(fc.constantFrom(...INSERTS), { maxLength: 3 }).map((u) => u.join('')) });

describe('speaker turns spliced as a table by the re-parse', function () {
  this.timeout(120_000);

  it('chains of edits, turns never read as objects in between, equal full parses (property)', () => {
    const before = { ...reparseStats };
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 10 }), (a, edits) => {
        let t = parseTranscript(a);
        let current = a;
        for (const e of edits) {
          const at = e.at % (current.length + 1);
          current = current.slice(0, at) + e.insert + current.slice(Math.min(current.length, at + e.remove));
          t = reparseTranscript(t, current);
          assert.equal(hasTurnObjects(t), false, 'the turns stayed a table');
          assert.deepStrictEqual(throughTable(t), throughTable(parseTranscript(current)));
        }
        assert.deepStrictEqual(t.turns, parseTranscript(current).turns);
      }),
      { numRuns: 1500 },
    );
    assert.ok(reparseStats.incremental - before.incremental > 2 * (reparseStats.full - before.full));
  });

  it('a speaker whose first turn is deleted moves back in the order of speakers', () => {
    const a = 'I: hello\nP: hi\nI: again\nX: late\nP: more\n';
    const t = reparseTranscript(parseTranscript(a), a.replace('I: hello\n', 'hello\n'));
    assert.deepStrictEqual([...turnSpeakerNames(t)], ['P', 'I', 'X']);
    const u = reparseTranscript(t, 'hello\nP: hi\nI: again\nX: late\nP: more\n'.replace('X: late', 'late'));
    assert.deepStrictEqual([...turnSpeakerNames(u)], ['P', 'I']);
    assert.equal(hasTurnObjects(u), false);
  });
});
