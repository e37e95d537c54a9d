import * as assert from 'node:assert/strict';
import { parseCodebook, parseTranscript } from '../../../core';
import { agreementFile, computeAgreement, unitsOf, type AgreementFile, type UnitKind } from '../../../core/agreement';

/** A hand-made transcript as the agreement computation takes it. */
function file(path: string, text: string): AgreementFile {
  return agreementFile(path, parseTranscript(text));
}

/** The units of a transcript as their stripped text. */
function unitTexts(text: string, kind: UnitKind): string[] {
  const t = parseTranscript(text);
  const u = unitsOf(t, kind);
  return Array.from(u.starts, (s, i) => t.stripped.text.slice(s, u.ends[i]));
}

const CODEBOOK = parseCodebook(
  [
    'version: 1',
    'codes:',
    '  trust:',
    '    kind: category',
    '  early-trust:',
    '    parent: trust',
    '  late-trust:',
    '    parent: trust',
    '  burden: {}',
    '  guilt: {}',
    '',
  ].join('\n'),
);

describe('agreement units (FORMAT.md section 6)', () => {
  describe('unitsOf', () => {
    it('turn: one unit per speaker turn, and non-empty text before the first turn is one more', () => {
      const text = 'Recorded at home.\nI: Hello.\nP: Hi.\nStill P.\n';
      assert.deepEqual(unitTexts(text, 'turn'), ['Recorded at home.\n', 'I: Hello.\n', 'P: Hi.\nStill P.\n']);
    });

    it('turn: whitespace before the first turn is no unit; a transcript without turns is one unit', () => {
      assert.deepEqual(unitTexts('\n\nI: Hello.\n', 'turn'), ['I: Hello.\n']);
      assert.deepEqual(unitTexts('Just prose,\nno turns.\n', 'turn'), ['Just prose,\nno turns.\n']);
    });

    it('line: every line of stripped text that is not blank', () => {
      assert.deepEqual(unitTexts('I: {{Hello\nthere}}{#a}\n\n  \nP: Hi.', 'line'), ['I: Hello', 'there', 'P: Hi.']);
    });

    it('char: every non-whitespace character of stripped text; an emoji is one unit', () => {
      assert.deepEqual(unitTexts('P: {{a😀 b}}{#x}\n', 'char'), ['P', ':', 'a', '😀', 'b']);
    });
  });

  describe('unit values', () => {
    it('a span crossing turns marks every turn it overlaps', () => {
      const a = file('t.md', '---\ncoder: A\n---\nI: {{Do you trust her?\nP: Yes.}}{#early-trust}\nI: Why?\n');
      const b = file('t.md', '---\ncoder: B\n---\nI: Do you trust her?\nP: {{Yes.}}{#early-trust}\nI: Why?\n');
      const both: AgreementFile = { ...a, codings: [...a.codings, ...b.codings] };
      const r = computeAgreement([both], { coders: ['A', 'B'], codebook: CODEBOOK });
      assert.equal(r.overall.units, 3);
      assert.deepEqual(r.codes[0].marked, { A: 2, B: 1 });
      assert.equal(r.disagreements.length, 1);
      assert.deepEqual(
        { line: r.disagreements[0].line, marked: r.disagreements[0].marked, unmarked: r.disagreements[0].unmarked, quote: r.disagreements[0].quote },
        { line: 4, marked: ['A'], unmarked: ['B'], quote: 'Do you trust her?' },
      );
      assert.equal(r.codes[0].percent.value, 2 / 3);
    });

    it('nested spans mark the unit for both codes; a category counts any of its codes', () => {
      const text = [
        'P: {{I felt {{a burden}}{#burden @A}{#burden @B} every time}}{#guilt @A}',
        'I: And then?',
        'P: {{I trusted her early}}{#early-trust @A}{#late-trust @B}',
        '',
      ].join('\n');
      const r = computeAgreement([file('n.md', text)], { coders: ['A', 'B'], codes: ['burden', 'guilt', 'trust', 'early-trust'], codebook: CODEBOOK });
      const byCode = Object.fromEntries(r.codes.map((c) => [c.code, c]));
      assert.equal(byCode.burden.percent.value, 1);
      assert.deepEqual(byCode.guilt.marked, { A: 1, B: 0 });
      // The category agrees on the third turn (A: early-trust, B: late-trust), its codes do not.
      assert.equal(byCode.trust.percent.value, 1);
      assert.deepEqual(byCode.trust.marked, { A: 1, B: 1 });
      assert.equal(byCode['early-trust'].percent.value, 2 / 3);
      // The pooled figures count every (unit, code) pair.
      assert.equal(r.overall.units, 12);
      const d = r.disagreements.find((x) => x.code === 'early-trust')!;
      assert.deepEqual(d.codes, { A: ['trust', 'early-trust'], B: ['trust'] });
      assert.equal(d.line, 3);
    });

    it('a file a coder skipped is not compared, and is named with the reason', () => {
      const coded = file('both.md', 'P: {{one}}{#burden @A}{#burden @B}\nP: two\n');
      const skipped = file('only-a.md', 'P: {{one}}{#burden @A}\nP: two\n');
      const r = computeAgreement([coded, skipped], { coders: ['A', 'B'], codebook: CODEBOOK });
      assert.deepEqual(r.files, ['both.md']);
      assert.deepEqual(r.notCompared, [{ file: 'only-a.md', reason: 'not coded by B' }]);
      assert.equal(r.overall.units, 2);
      assert.equal(r.overall.percent.value, 1);
      assert.equal(r.overall.alpha.value, 1);
    });

    it('every unit of a compared file counts, also units of codes the coder never used there', () => {
      const f = file('f.md', 'P: {{one}}{#burden @A}\nP: {{two}}{#guilt @B}\nI: three\n');
      const r = computeAgreement([f], { coders: ['A', 'B'], codebook: CODEBOOK });
      assert.deepEqual(r.codes.map((c) => [c.code, c.units]), [['burden', 3], ['guilt', 3]]);
      assert.equal(r.disagreements.length, 2);
      assert.deepEqual(r.disagreements.map((d) => d.code), ['burden', 'guilt']);
    });

    it('text before the first turn is a unit that can be coded and disagreed on', () => {
      const f = file('pre.md', '{{Recorded at home}}{#burden @A}.\nI: Hello.\nP: {{Hi}}{#burden @A}{#burden @B}\n');
      const r = computeAgreement([f], { coders: ['A', 'B'] });
      assert.equal(r.overall.units, 3);
      assert.deepEqual(r.disagreements.map((d) => [d.line, d.quote]), [[1, 'Recorded at home']]);
    });

    it('a code nobody marked has an undefined alpha, with a reason, never NaN', () => {
      const f = file('f.md', 'P: {{one}}{#burden @A}{#burden @B}\nP: two\n');
      const r = computeAgreement([f], { coders: ['A', 'B'], codes: ['burden', 'guilt'], codebook: CODEBOOK });
      const guilt = r.codes[1];
      assert.equal(guilt.alpha.value, null);
      assert.match(guilt.alpha.reason!, /same value/);
      assert.equal(guilt.kappa.value, null);
      assert.equal(guilt.percent.value, 1);
      assert.ok(!JSON.stringify(r).includes('NaN'));
    });

    it('with character units, adjacent disagreeing characters are one disagreement', () => {
      const f = file('c.md', 'P: {{a burden}}{#burden @A} {{ok}}{#burden @A}{#burden @B}\n');
      const r = computeAgreement([f], { coders: ['A', 'B'], unit: 'char' });
      assert.equal(r.overall.units, 11);
      assert.deepEqual(r.codes[0].marked, { A: 9, B: 2 });
      assert.deepEqual(r.disagreements.map((d) => [d.quote, d.units]), [['a burden', 7]]);
    });

    it('line units: a span over two lines marks both', () => {
      const f = file('l.md', 'P: {{first\nsecond}}{#burden @A}{#burden @B}\nthird {{x}}{#burden @B}\n');
      const r = computeAgreement([f], { coders: ['A', 'B'], unit: 'line' });
      assert.deepEqual(r.codes[0].marked, { A: 2, B: 3 });
      assert.deepEqual(r.disagreements.map((d) => [d.line, d.quote, d.marked]), [[3, 'x', ['B']]]);
    });

    it('three coders: kappa per pair, alpha over all', () => {
      const f = file('3.md', 'P: {{one}}{#burden @A}{#burden @B}{#burden @C}\nP: {{two}}{#burden @A}{#burden @B}\nP: three {{x}}{#guilt @C}\n');
      const r = computeAgreement([f], { coders: ['A', 'B', 'C'], codes: ['burden'] });
      const c = r.codes[0];
      assert.equal(c.kappa.value, null);
      assert.deepEqual(c.pairs.map((p) => p.coders.join('-')), ['A-B', 'A-C', 'B-C']);
      assert.equal(c.pairs[0].kappa.value, 1);
      assert.equal(c.percent.value, 7 / 9);
      assert.notEqual(c.alpha.value, null);
    });
  });
});
