/**
 * The short fuzz run of `npm test`: a fixed seed, inputs mutated from the example
 * project at a small scale (the long run, `npm run fuzz -- --minutes 30`, uses full
 * sizes), every property of test/fuzz/properties.ts checked in process through core.
 * It fails on any new failure, printing the case seed and the file with the
 * (minimised) input under test-output/fuzz/. Failures of known bugs being fixed are
 * listed apart (test/fuzz/known.ts: KNOWN_FAILURES) and printed, not failed on. The
 * saved minimal inputs of every bug found (test/fuzz/regressions.ts) run first.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateCase } from '../fuzz/cases';
import { MUTATORS } from '../fuzz/mutators';
import { Rng } from '../fuzz/random';
import { knownBug } from '../fuzz/known';
import { REGRESSIONS } from '../fuzz/regressions';
import { checkSavedCases, formatStats, runFuzz } from '../fuzz/runner';

/** Fixed, so a run in CI is the run on a developer's machine. */
const SEED = 20261204;
const CASES = 100;

describe('fuzz (short run)', function () {
  this.timeout(300_000);

  it('generates the same case from the same seed', () => {
    assert.deepEqual(generateCase(42, 0.01), generateCase(42, 0.01));
    assert.notDeepEqual(generateCase(42, 0.01).input, generateCase(43, 0.01).input);
  });

  it('has every mutation produce a string input', () => {
    for (let s = 1; s <= 5; s++) {
      for (const m of MUTATORS) {
        const out = m.apply({ codebook: 'codes:\n  trust: {}\n', transcript: 'P: {{a}}{#trust}\n' }, new Rng(s), 0.001);
        assert.equal(typeof out.transcript, 'string', m.name);
        assert.equal(typeof out.codebook, 'string', m.name);
      }
    }
  });

  it('keeps every property on the saved inputs of every bug found so far (test/fuzz/regressions.ts)', async () => {
    // Generous limits: only a hang or a blow-up fails here; the fixed code takes milliseconds.
    const results = await checkSavedCases(REGRESSIONS, { boundMs: 10_000, timeoutMs: 15_000, memoryMb: 1024 });
    const news: string[] = [];
    REGRESSIONS.forEach((c, i) => {
      for (const f of results[i]) {
        const bug = knownBug(c, f);
        if (bug) console.log(`      still failing (known: ${bug.bug}): ${c.name}: ${f.property}`);
        else news.push(`${c.name}: ${f.property}: ${f.message}`);
      }
    });
    assert.deepEqual(news, []);
  });

  it(`keeps every property on ${CASES} mutated inputs (seed ${SEED})`, async () => {
    const stats = await runFuzz({
      seed: SEED,
      cases: CASES,
      scale: 0.004,
      // Only pathological slowness counts here: timings are for the long run and bench/.
      boundMs: 10_000,
      caseTimeoutMs: 60_000,
      memoryMb: 1024,
      outDir: path.resolve('test-output/fuzz'),
      minimise: 'new',
    });
    for (const line of formatStats(stats)) console.log(`      ${line}`);
    assert.equal(stats.tried, CASES);
    for (const p of Object.values(stats.properties)) assert.ok(p.checks > 0, 'every property is checked');
    const news = stats.failures.filter((f) => !f.known);
    assert.deepEqual(
      news.map((f) => `${f.property} (seed ${f.seed}, ${f.mutations.join(', ')}): ${f.message} → ${f.file ?? 'no file'}`),
      [],
      'new fuzz failures: replay one with `npm run fuzz -- --replay <file>`',
    );
  });
});
