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
import { cpuMs, PER_THREAD } from '../fuzz/cpuClock';
import { checkCase } from '../fuzz/properties';

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

  it('measures a call by the CPU time of its thread: waiting counts nothing, working counts', () => {
    const before = cpuMs();
    // Blocks this thread without using the CPU, as a thread descheduled on a loaded machine.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    const waited = cpuMs() - before;
    assert.ok(waited < 150, `300 ms of waiting counted as ${waited.toFixed(0)} ms of CPU`);
    const start = cpuMs();
    let x = 0;
    for (let i = 0; i < 2e7; i++) x += Math.sqrt(i);
    assert.ok(x > 0 && cpuMs() > start, 'work shows on the clock');
    if (process.platform === 'linux') assert.ok(PER_THREAD, 'Linux measures the thread itself');
  });

  it('reports a call over the CPU bound as a bounded-time failure', () => {
    const c = { ...REGRESSIONS[0], name: undefined };
    const report = checkCase(c, { boundMs: -1 });
    const f = report.failures.find((x) => x.property === 'bounded-time');
    assert.match(f?.message ?? '', /ms of CPU \(bound -1 ms/);
    assert.ok(report.cpuMs > 0 && report.wallMs > 0);
    const whole = checkCase(c, { boundMs: 60_000, caseBoundMs: -1 });
    assert.match(whole.failures.find((x) => x.property === 'bounded-time')?.message ?? '', /the whole case took \d+ ms of CPU/);
  });

  it('keeps every property on the saved inputs of every bug found so far (test/fuzz/regressions.ts)', async () => {
    // Time is the checking thread's CPU time (test/fuzz/cpuClock.ts), so a loaded machine
    // does not fail this: each call within the 2 s promised for any input, the whole case
    // (every feature, some 150 calls) within 15 s. The wall-clock limit only stops a hang.
    const results = await checkSavedCases(REGRESSIONS, { boundMs: 2_000, caseBoundMs: 15_000, timeoutMs: 120_000, memoryMb: 1024 });
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
      // CPU time of the checking thread, as above; the wall-clock limit is a hang guard.
      boundMs: 2_000,
      caseBoundMs: 15_000,
      caseTimeoutMs: 120_000,
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
