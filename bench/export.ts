/**
 * `axial export` on the generated project of realistic size: 1,000 transcripts
 * (about 50 MB, bench/project.ts), 500 codes. Times the bundled CLI as a
 * process writing a .qdpx and a .qdc (target under 5 s each). Prints numbers and
 * ratios; it never fails on a slow machine.
 *
 *   npm run build && node scripts/run-bench.mjs export
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { withGeneratedProject } from './scratch';
import { reportSamples, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const RUNS = 3;
const TARGET_MS = 5000;

withGeneratedProject('export', { transcripts: TRANSCRIPTS }, (dir, project) => {
  for (const [flag, file] of [['--qdpx', 'out.qdpx'], ['--qdc', 'out.qdc']]) {
    const out = path.join(dir, file);
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const r = time(samples, () => spawnSync(process.execPath, [CLI, 'export', dir, flag, out], { encoding: 'utf8' }));
      if (r.status !== 0) throw new Error(`axial export ${flag} exited ${r.status}: ${r.stderr}`);
    }
    reportSamples(`axial export ${flag} (${project.transcripts} transcripts)`, samples, TARGET_MS, `${(statSync(out).size / 1e6).toFixed(1)} MB written`);
  }
});
