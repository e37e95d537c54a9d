import * as assert from 'node:assert/strict';
import {
  NominalTally,
  alphaFromCoincidences,
  cohenKappa,
  cohenKappaOf,
  krippendorffAlpha,
  percentAgreement,
  type Statistic,
} from '../../../core/agreement/stats';

/** The statistic's value rounded to 3 decimals, as the published examples print it. */
function r3(s: Statistic): number {
  assert.notEqual(s.value, null, `expected a value, got: ${s.reason}`);
  return Math.round(s.value! * 1000) / 1000;
}

const _ = null;

describe('agreement statistics', () => {
  describe("Krippendorff's alpha (nominal)", () => {
    it('reproduces the nominal example with missing data: 4 coders, 12 units, alpha = 0.743 (Krippendorff 2011)', () => {
      const data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
        [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
      ];
      assert.equal(r3(krippendorffAlpha(data)), 0.743);
    });

    it('reproduces the two-coder binary example of 10 units: alpha = 0.095 (Krippendorff 2011)', () => {
      const data = [
        [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
        [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
      ];
      assert.equal(r3(krippendorffAlpha(data)), 0.095);
    });

    it('builds the coincidence matrix of the binary example as published (o00 = 10, o01 = o10 = 4, o11 = 2)', () => {
      const t = new NominalTally(2, 2);
      const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
      const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
      a.forEach((v, u) => t.add([v, b[u]]));
      assert.deepEqual(t.coincidences, [
        [10, 4],
        [4, 2],
      ]);
    });

    it('is 1 for perfect agreement and ignores units with a single value', () => {
      assert.equal(krippendorffAlpha([[1, 2, 1, 2, 3], [1, 2, 1, 2, _]]).value, 1);
    });

    it('is undefined, with a reason, when every unit has the same value', () => {
      const s = krippendorffAlpha([[0, 0, 0], [0, 0, 0]]);
      assert.equal(s.value, null);
      assert.match(s.reason!, /expected disagreement is 0/);
      assert.ok(!Number.isNaN(s.value));
    });

    it('is undefined when no unit has two values', () => {
      const s = alphaFromCoincidences([[0, 0], [0, 0]]);
      assert.equal(s.value, null);
      assert.match(s.reason!, /two coders/);
    });

    it('adds identical units at once exactly as one by one', () => {
      const one = new NominalTally(3, 2);
      const many = new NominalTally(3, 2);
      for (let i = 0; i < 7; i++) one.add([0, 0, 0]);
      many.add([0, 0, 0], 7);
      one.add([1, 0, 1]);
      many.add([1, 0, 1]);
      assert.deepEqual(many.coincidences, one.coincidences);
      assert.deepEqual(many.pairTables, one.pairTables);
      assert.equal(many.alpha().value, one.alpha().value);
    });
  });

  describe("Cohen's kappa", () => {
    it('matches a hand-computed 2×2 table: p_o = 0.7, p_e = 0.5, kappa = 0.4', () => {
      assert.equal(r3(cohenKappa([[20, 5], [10, 15]])), 0.4);
    });

    it('matches a hand-computed 3×3 table: p_o = 0.85, p_e = 0.355, kappa = 0.767', () => {
      assert.equal(r3(cohenKappa([[25, 2, 3], [3, 20, 2], [2, 3, 40]])), 0.767);
    });

    it("is 0.091 on Krippendorff's binary example (p_o = 0.6, p_e = 0.56)", () => {
      assert.equal(r3(cohenKappaOf([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0])), 0.091);
    });

    it('is undefined when both coders give every unit the same value', () => {
      const s = cohenKappa([[0, 0], [0, 9]]);
      assert.equal(s.value, null);
      assert.match(s.reason!, /chance agreement is 1/);
    });

    it('is undefined for more than two coders in a tally (the pairs carry it)', () => {
      const t = new NominalTally(3, 2);
      t.add([0, 1, 1]);
      assert.equal(t.kappa().value, null);
      assert.equal(t.pairTables.length, 3);
    });
  });

  describe('percent agreement', () => {
    it('is the share of agreeing units for two coders', () => {
      assert.equal(percentAgreement([[[20, 5], [10, 15]]]).value, 0.7);
    });

    it('is the mean pairwise agreement for three coders', () => {
      const t = new NominalTally(3, 2);
      t.add([1, 1, 0]); // pairs: agree, disagree, disagree
      t.add([0, 0, 0]); // three agreements
      assert.equal(t.percent().value, 4 / 6);
    });

    it('is undefined with no units', () => {
      assert.equal(percentAgreement([[[0, 0], [0, 0]]]).value, null);
    });
  });
});
