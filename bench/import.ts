/**
 * `axial import` on the generated project of realistic size: 1,000 transcripts
 * of 660 lines (about 50 MB), 40 codes in 8 categories, exported once to a
 * .qdpx, then imported by the bundled CLI as a process (target under 5 s).
 * Prints numbers and ratios; it never fails on a slow machine.
 *
 *   npm run build && node scripts/run-bench.mjs import
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCodebook, generateTranscript } from './corpus';
import { reportSamples, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const LINES = 660;
const RUNS = 3;
const TARGET_MS = 5000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-import-'));
try {
  const src = path.join(dir, 'src');
  const { yaml, codes } = generateCodebook(8, 5);
  mkdirSync(path.join(src, 'transcripts'), { recursive: true });
  writeFileSync(path.join(src, 'codebook.yaml'), yaml);
  for (let i = 0; i < TRANSCRIPTS; i++) writeFileSync(path.join(src, 'transcripts', `t${String(i).padStart(4, '0')}.md`), generateTranscript(LINES, codes, i + 1));
  const qdpx = path.join(dir, 'in.qdpx');
  const e = spawnSync(process.execPath, [CLI, 'export', src, '--qdpx', qdpx], { encoding: 'utf8' });
  if (e.status !== 0) throw new Error(`axial export exited ${e.status}: ${e.stderr}`);
  console.log(`archive: ${TRANSCRIPTS} transcripts, ${codes.length} codes, ${(statSync(qdpx).size / 1e6).toFixed(1)} MB`);
  const samples: number[] = [];
  const cpu: number[] = [];
  // On a shared machine the wall time says as much about the neighbours as about Axial: where GNU time is there, the CPU time is printed too.
  const gnuTime = existsSync('/usr/bin/time');
  for (let run = 0; run < RUNS; run++) {
    const out = path.join(dir, `out${run}`);
    const cmd = gnuTime ? ['/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, CLI, 'import', qdpx, out]] as const : [process.execPath, [CLI, 'import', qdpx, out]] as const;
    const r = time(samples, () => spawnSync(cmd[0], [...cmd[1]], { encoding: 'utf8' }));
    if (r.status !== 0) throw new Error(`axial import exited ${r.status}: ${r.stderr}`);
    const m = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (m) cpu.push((Number(m[1]) + Number(m[2])) * 1000);
    rmSync(out, { recursive: true, force: true });
  }
  reportSamples(`axial import (${TRANSCRIPTS} transcripts)`, samples, TARGET_MS);
  if (cpu.length) reportSamples(`axial import (${TRANSCRIPTS} transcripts), CPU time`, cpu, TARGET_MS);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
