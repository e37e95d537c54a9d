/**
 * `axial export` on the generated project of realistic size: 1,000 transcripts of
 * 660 lines (about 50 MB), 40 codes in 8 categories. Times the bundled CLI as a
 * process writing a .qdpx and a .qdc (target under 5 s each). Prints numbers and
 * ratios; it never fails on a slow machine.
 *
 *   npm run build && node scripts/run-bench.mjs export
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCodebook, generateTranscript } from './corpus';
import { reportSamples, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const LINES = 660;
const RUNS = 3;
const TARGET_MS = 5000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-export-'));
try {
  const { yaml, codes } = generateCodebook(8, 5);
  writeFileSync(path.join(dir, 'codebook.yaml'), yaml);
  mkdirSync(path.join(dir, 'transcripts'));
  let bytes = 0;
  for (let i = 0; i < TRANSCRIPTS; i++) {
    const text = generateTranscript(LINES, codes, i + 1);
    bytes += Buffer.byteLength(text);
    writeFileSync(path.join(dir, 'transcripts', `t${String(i).padStart(4, '0')}.md`), text);
  }
  console.log(`project: ${TRANSCRIPTS} transcripts, ${(bytes / 1e6).toFixed(1)} MB, ${codes.length} codes`);
  for (const [flag, file] of [['--qdpx', 'out.qdpx'], ['--qdc', 'out.qdc']]) {
    const out = path.join(dir, file);
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const r = time(samples, () => spawnSync(process.execPath, [CLI, 'export', dir, flag, out], { encoding: 'utf8' }));
      if (r.status !== 0) throw new Error(`axial export ${flag} exited ${r.status}: ${r.stderr}`);
    }
    reportSamples(`axial export ${flag} (${TRANSCRIPTS} transcripts)`, samples, TARGET_MS, `${(statSync(out).size / 1e6).toFixed(1)} MB written`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
