/**
 * Speaker turns kept as a compact table until `transcript.turns` is read
 * (core/transcript/turns.ts, core/transcript/lazyTurns.ts): the objects built from
 * it, and the speaker, role and start read without building them.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { parseTranscript } from '../../core/transcript/parse';
import { hasTurnObjects, turnCount, turnRole, turnSpeaker, turnSpeakerNames, turnStart } from '../../core/transcript/lazyTurns';
import { reparseTranscript } from '../../core/transcript/reparse';
import { ProjectIndex } from '../../core/project/index';
import { documentSymbols } from '../../core/features/symbols';
import type { Transcript } from '../../core/transcript/types';

/** Everything the helpers read, through them. */
function readThroughHelpers(t: Transcript) {
  const out = [];
  for (let i = 0; i < turnCount(t); i++) out.push({ speaker: turnSpeaker(t, i), role: turnRole(t, i), start: turnStart(t, i) });
  return { turns: out, names: [...turnSpeakerNames(t)].sort() };
}

/** The same, from the turn objects. */
function readFromObjects(t: Transcript) {
  return {
    turns: t.turns.map((x) => ({ speaker: x.speaker, role: x.role, start: x.range.start })),
    names: [...new Set(t.turns.map((x) => x.role ?? x.speaker))].sort(),
  };
}

describe('speaker turns as a compact table', () => {
  const declared = ['---', 'speakers:', '  I: Interviewer', '  P: Participant', '  Q: ""', '---', 'Before the first turn.', 'I: Hello?', 'P: {{Hi}}{#a}', 'X: not declared', 'Q: empty role', 'I: again', ''].join('\n');

  it('builds the turn objects on first read: labels, ranges to the next turn, and declared roles', () => {
    const t = parseTranscript(declared);
    assert.strictEqual(hasTurnObjects(t), false);
    const at = (s: string) => declared.indexOf(s);
    assert.deepStrictEqual(t.turns, [
      { index: 0, speaker: 'I', labelRange: { start: at('I: Hello'), end: at('I: Hello') + 1 }, range: { start: at('I: Hello'), end: at('P: {{') }, role: 'Interviewer' },
      { index: 1, speaker: 'P', labelRange: { start: at('P: {{'), end: at('P: {{') + 1 }, range: { start: at('P: {{'), end: at('Q: empty') }, role: 'Participant' },
      { index: 2, speaker: 'Q', labelRange: { start: at('Q: empty'), end: at('Q: empty') + 1 }, range: { start: at('Q: empty'), end: at('I: again') } },
      { index: 3, speaker: 'I', labelRange: { start: at('I: again'), end: at('I: again') + 1 }, range: { start: at('I: again'), end: declared.length }, role: 'Interviewer' },
    ]);
    assert.strictEqual(hasTurnObjects(t), true);
    assert.strictEqual(t.spans[0].turn, 1);
  });

  it('answers speaker, role, start and the speakers of a file without building turn objects', () => {
    const t = parseTranscript(declared);
    const read = readThroughHelpers(t);
    assert.strictEqual(hasTurnObjects(t), false);
    assert.deepStrictEqual(read, readFromObjects(parseTranscript(declared)));
    assert.deepStrictEqual(read.names, ['Interviewer', 'Participant', 'Q']);
  });

  it('compares, clones and serialises as a transcript with a plain turns array, and takes a new one', () => {
    const a = parseTranscript(declared);
    const b = parseTranscript(declared);
    const plain = { ...b, turns: b.turns };
    assert.deepStrictEqual(a, plain);
    assert.deepStrictEqual(structuredClone(parseTranscript(declared)).turns, b.turns);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(parseTranscript(declared))).turns, JSON.parse(JSON.stringify(b.turns)));
    const c = parseTranscript(declared);
    c.turns = [];
    assert.strictEqual(turnCount(c), 0);
    assert.deepStrictEqual(c.turns, []);
  });

  it('property: helpers on an unread table agree with the turn objects, before and after a re-parse', () => {
    const line = fc.oneof(fc.constantFrom('I: a question', 'P: {{an answer}}{#x}', 'Maria: hola', 'P:no space', '\uFEFFP: bom', 'x: lower', '', 'plain words', 'R2-D2: beep'), fc.string({ maxLength: 12 }));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const front = fc.constantFrom('', '---\ncase: 1\n---\n', '---\nspeakers:\n  P: Participant\n  Maria: Nurse\n---\n', '---\nspeakers: {}\n---\n');
    fc.assert(
      fc.property(front, fc.array(line, { maxLength: 12 }), eol, fc.nat(), (head, lines, nl, at) => {
        const text = head + lines.join(nl);
        const lazy = parseTranscript(text);
        assert.deepStrictEqual(readThroughHelpers(lazy), readFromObjects(parseTranscript(text)));
        const edited = text.slice(0, at % (text.length + 1)) + 'P: ' + text.slice(at % (text.length + 1));
        const re = reparseTranscript(parseTranscript(text), edited);
        assert.deepStrictEqual(readThroughHelpers(re), readFromObjects(parseTranscript(edited)));
        assert.deepStrictEqual(re.turns, parseTranscript(edited).turns);
      }),
      { numRuns: 300 },
    );
  });

  it('the outline reads turns without building them, and is the outline of the turn objects (property)', () => {
    const line = fc.oneof(fc.constantFrom('I: a question', 'P: {{an answer}}{#x}', 'Maria: hola {{y}}{#x}', 'P:no space', 'x: lower', '', 'plain words'), fc.string({ maxLength: 12 }));
    const front = fc.constantFrom('', '---\nspeakers:\n  P: Participant\n  Maria: Nurse\n---\n');
    fc.assert(
      fc.property(front, fc.array(line, { maxLength: 12 }), (head, lines) => {
        const uri = 'file:///w/p/transcripts/a.md';
        const index = new ProjectIndex();
        index.setFile('file:///w/p/codebook.yaml', 'codes:\n  x: {}\n');
        index.setFile(uri, head + lines.join('\n') + '\n');
        const t = index.entry(uri)!.transcript;
        const fromTable = documentSymbols(index, uri);
        assert.strictEqual(hasTurnObjects(t), false);
        void t.turns;
        assert.deepStrictEqual(fromTable, documentSymbols(index, uri));
      }),
      { numRuns: 200 },
    );
  });
});
