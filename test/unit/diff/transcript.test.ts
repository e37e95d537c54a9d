import * as assert from 'node:assert/strict';
import { parseTranscript } from '../../../core';
import { diffTranscripts, quoteOf } from '../../../core/diff/transcript';
import { TextMap } from '../../../core/diff/textMap';

const FM = '---\ncoder: LN\n---\n';
const diff = (a: string | undefined, b: string | undefined) => diffTranscripts(a === undefined ? undefined : parseTranscript(a), b === undefined ? undefined : parseTranscript(b));
const brief = (d: ReturnType<typeof diff>) => d.changes.map((c) => `${c.kind} ${c.codes.join(',')}${c.from ? ` (${c.from.join(',')} -> ${c.to!.join(',')})` : ''} @${c.coder} L${c.line} "${c.quote}"`);

describe('diffTranscripts', () => {
  it('reports coding-only changes: coded, uncoded, recoded, with source lines', () => {
    const a = `${FM}I: Hello.\nP: {{We trusted her.}}{#trust} And {{we left}}{#leaving}.\nP: Later on.\n`;
    const b = `${FM}I: Hello.\nP: {{We trusted her.}}{#trust #care} And we left.\nP: {{Later}}{#time @CA} on.\n`;
    const d = diff(a, b);
    assert.equal(d.textChanged, false);
    assert.deepEqual(brief(d), ['recoded care,trust (trust -> care,trust) @LN L5 "We trusted her."', 'uncoded leaving @LN L5 "we left"', 'coded time @CA L6 "Later"']);
  });

  it('an edit of the words elsewhere changes nothing about codings on unchanged text, and is flagged', () => {
    const a = `P: {{We trusted her}}{#trust} a lot, and then the sessions ended.\nP: {{It was hard.}}{#ending}\n`;
    const b = `I: A new first line.\nP: {{We trusted her}}{#trust} so much, and then the sessions ended.\nP: {{It was hard.}}{#ending}\n`;
    const d = diff(a, b);
    assert.equal(d.textChanged, true);
    assert.deepEqual(d.changes, []);
  });

  it('a coding whose text was deleted is uncoded, quoted from the old text', () => {
    const a = `P: First.\nP: {{This goes away entirely.}}{#gone}\nP: Last.\n`;
    const b = `P: First.\nP: Last.\n`;
    assert.deepEqual(brief(diff(a, b)), ['uncoded gone @ L2 "This goes away entirely."']);
  });

  it('an added file is all coded, a deleted file all uncoded at its old lines', () => {
    const t = `${FM}P: {{one}}{#a}\nP: {{two}}{#b @CA}\n`;
    assert.deepEqual(brief(diff(undefined, t)), ['coded a @LN L4 "one"', 'coded b @CA L5 "two"']);
    const gone = diff(t, undefined);
    assert.equal(gone.textChanged, true);
    assert.deepEqual(brief(gone), ['uncoded a @LN L4 "one"', 'uncoded b @CA L5 "two"']);
  });

  it('markup rewritten without a change of meaning is no change (labels, block order, nesting form)', () => {
    const a = 'P: {{^x one {{two}}{#b} three}}{^x #a}{#c @CA}\n';
    const b = 'P: {{one {{two}}{#b} three}}{#c @CA}{#a}\n';
    assert.deepEqual(diff(a, b).changes, []);
  });

  it('a changed default coder is a change of who coded', () => {
    const a = '---\ncoder: LN\n---\nP: {{x}}{#a}\n';
    const b = '---\ncoder: CA\n---\nP: {{x}}{#a}\n';
    assert.deepEqual(brief(diff(a, b)), ['coded a @CA L4 "x"', 'uncoded a @LN L4 "x"']);
  });

  it('works on CRLF files and emoji', () => {
    const a = 'I: Hi 😀\r\nP: {{👍 fine}}{#ok}\r\n';
    const b = 'I: Hi 😀 there\r\nP: {{👍 fine}}{#ok} {{really}}{#sure}\r\n';
    const d = diff(a, b);
    assert.equal(d.textChanged, true);
    assert.deepEqual(brief(d), ['coded sure @ L2 "really"']);
  });

  it('reports memos added and removed', () => {
    const a = 'P: {{x}}{#a "first thought"}\n';
    const b = 'P: {{x}}{#a "second thought"}\n';
    assert.deepEqual(
      diff(a, b).memos.map((m) => `${m.kind} ${m.memo}`),
      ['added second thought', 'removed first thought'],
    );
  });

  it('quotes are trimmed, one line, and shortened in the middle when long', () => {
    assert.equal(quoteOf('  a\r\n  b  ', 0, 10), 'a b');
    const long = 'word '.repeat(40);
    const q = quoteOf(long, 0, long.length, 40);
    assert.ok(q.length <= 40 && q.includes('…'), q);
    assert.ok(q.startsWith('word') && q.endsWith('word'), q);
  });
});

describe('TextMap', () => {
  it('maps offsets on shared text and refuses offsets inside changed text', () => {
    const m = new TextMap('the cat sat on the mat\nsecond line\n', 'the big cat sat on a mat\nsecond line\n');
    assert.equal(m.map(4, 'start'), 8); // "cat"
    assert.equal(m.map(7, 'end'), 11);
    assert.equal(m.map(16, 'start'), undefined); // inside "the" → "a"
    assert.equal(m.map(23, 'start'), 25); // "second"
  });

  it('at an insertion border, starts go after it and ends before it', () => {
    const m = new TextMap('ab', 'aXb');
    assert.equal(m.map(1, 'start'), 2);
    assert.equal(m.map(1, 'end'), 1);
  });

  it('every offset of identical texts maps to itself', () => {
    const m = new TextMap('same\ntext', 'same\ntext');
    for (let i = 0; i <= 9; i++) assert.equal(m.map(i, 'start'), i);
  });
});

describe('diffTranscripts across ambiguous edits', () => {
  it('words inserted next to a span that repeats them leave the span, its codes and its memo alone', () => {
    const a = 'P: {{hard it hard}}{#c "why"} we then\n';
    const b = 'P: {{hard it hard}}{#c "why"} hard we then\n';
    const d = diffTranscripts(parseTranscript(a), parseTranscript(b));
    assert.equal(d.textChanged, true);
    assert.deepEqual(d.changes, []);
    assert.deepEqual(d.memos, []);
  });

  it('a word inserted after two coded copies of it leaves both spans alone (not two recodings)', () => {
    // Found by the property test: the text diff took the first "we" as the inserted one,
    // so each span's range mapped onto its neighbour, whose codes differ.
    const a = 'P: {{we}}{#b #c @LN} {{we}}{#c @LN} trusted 😀\n';
    const b = 'I: a new question\nP: {{we}}{#b #c @LN} {{we}}{#c @LN} we trusted 😀\n';
    const d = diffTranscripts(parseTranscript(a), parseTranscript(b));
    assert.equal(d.textChanged, true);
    assert.deepEqual(d.changes, []);
  });

  it('a real recoding next to an ambiguous insertion is still one recoding', () => {
    const a = 'P: {{we}}{#b #c @LN} {{we}}{#c @LN} trusted\n';
    const b = 'P: {{we}}{#b @LN} {{we}}{#c @LN} we trusted\n';
    const d = diffTranscripts(parseTranscript(a), parseTranscript(b));
    assert.deepEqual(brief(d), ['recoded b (b,c -> b) @LN L1 "we"']);
  });

  it('in an unchanged text, a coding moved to the same word next door is a move', () => {
    const d = diffTranscripts(parseTranscript('P: {{then}}{#c} then\n'), parseTranscript('P: then {{then}}{#c}\n'));
    assert.deepEqual(
      d.changes.map((c) => `${c.kind} ${c.start}`),
      ['uncoded 3', 'coded 8'],
    );
  });
});
