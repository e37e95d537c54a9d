import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cohenKappaOf } from '../../../core/agreement/stats';

/**
 * Cohen's kappa against R's psych::cohen.kappa (Debian: r-cran-psych) on
 * generated data. Without Rscript the test fails and says what to install;
 * AXIAL_NO_R=1 skips it on purpose.
 */

/** A small seeded generator (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two coders' values: B copies A with probability `agree`, else picks at random. */
function dataset(rand: () => number): { a: number[]; b: number[] } {
  const n = 5 + Math.floor(rand() * 300);
  const k = 2 + Math.floor(rand() * 3);
  const agree = rand();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = Math.floor(rand() * k);
    a.push(v);
    b.push(rand() < agree ? v : Math.floor(rand() * k));
  }
  return { a, b };
}

const R_SCRIPT = `
suppressPackageStartupMessages(library(psych))
for (line in readLines(file("stdin"))) {
  parts <- strsplit(line, ";")[[1]]
  a <- as.numeric(strsplit(parts[1], ",")[[1]])
  b <- as.numeric(strsplit(parts[2], ",")[[1]])
  k <- cohen.kappa(cbind(a, b))
  cat(sprintf("%.10f\\n", k$kappa))
}
`;

describe("Cohen's kappa against R's psych::cohen.kappa", () => {
  it('agrees to 3 decimals on 40 generated two-coder data sets (2 to 4 categories, 5 to 304 units)', function () {
    const which = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
    if (which.error) {
      if (process.env.AXIAL_NO_R === '1') this.skip();
      assert.fail('Rscript not found: install R and psych (Debian/Ubuntu: apt-get install -y r-cran-psych), or set AXIAL_NO_R=1 to skip');
    }
    const rand = random(20261204);
    const sets = Array.from({ length: 40 }, () => dataset(rand));
    const ours = sets.map((s) => cohenKappaOf(s.a, s.b));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-kappa-'));
    try {
      const script = path.join(dir, 'kappa.R');
      writeFileSync(script, R_SCRIPT);
      const input = sets.map((s) => `${s.a.join(',')};${s.b.join(',')}`).join('\n') + '\n';
      const r = spawnSync('Rscript', ['--vanilla', script], { input, encoding: 'utf8' });
      assert.equal(r.status, 0, `Rscript failed (is r-cran-psych installed?): ${r.stderr}`);
      const theirs = r.stdout.trim().split('\n').map(Number);
      assert.equal(theirs.length, sets.length, r.stdout);
      let compared = 0;
      ours.forEach((k, i) => {
        if (k.value === null) return; // psych prints NaN where we say why
        compared++;
        assert.equal(k.value.toFixed(3), theirs[i].toFixed(3), `data set ${i}: ours ${k.value}, psych ${theirs[i]}`);
      });
      assert.ok(compared >= 35, `only ${compared} data sets had a defined kappa`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
