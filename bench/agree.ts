/**
 * `axial agree` on a project of realistic size: 1,000 generated transcripts
 * (about 50 MB, bench/project.ts), two coders on a fifth of them, 500 codes.
 * Times the bundled CLI as a process, as CI runs it (target under 3 s), for each
 * unit (turn, line, char). Prints numbers and ratios; it never fails on a slow
 * machine.
 *
 *   npm run build && node scripts/run-bench.mjs agree
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { withGeneratedProject } from './scratch';
import { reportSamples, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const RUNS = 3;
const TARGET_MS = 3000;

withGeneratedProject('agree', { transcripts: TRANSCRIPTS }, (dir, project) => {
  for (const unit of ['turn', 'line', 'char']) {
    const samples: number[] = [];
    let summary = '';
    for (let run = 0; run < RUNS; run++) {
      const r = time(samples, () => spawnSync(process.execPath, [CLI, 'agree', dir, '--unit', unit, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 }));
      if (r.status !== 0) throw new Error(`axial agree --unit ${unit} exited ${r.status}: ${r.stderr}`);
      const j = JSON.parse(r.stdout);
      summary = `${j.files.length} files compared, ${j.overall.units} (unit, code) pairs, alpha ${j.overall.alpha?.toFixed(3)}, ${j.disagreements.length} disagreements`;
    }
    reportSamples(`axial agree --unit ${unit} (${project.transcripts} transcripts)`, samples, TARGET_MS, summary);
  }
});
