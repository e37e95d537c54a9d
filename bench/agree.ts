/**
 * `axial agree` on a project of realistic size: 1,000 generated transcripts of
 * 660 lines (about 50 MB) coded by two coders, with 40 codes in 8 categories.
 * Times the bundled CLI as a process, as CI runs it (target under 3 s), for each
 * unit (turn, line, char). Prints numbers and ratios; it never fails on a slow
 * machine.
 *
 *   npm run build && node scripts/run-bench.mjs agree
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCodebook, generateTranscript } from './corpus';
import { reportSamples, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const LINES = 660;
const RUNS = 3;
const TARGET_MS = 3000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-agree-'));
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
  console.log(`project: ${TRANSCRIPTS} transcripts, ${(bytes / 1e6).toFixed(1)} MB, ${codes.length} codes, coders CA and LN`);
  for (const unit of ['turn', 'line', 'char']) {
    const samples: number[] = [];
    let summary = '';
    for (let run = 0; run < RUNS; run++) {
      const r = time(samples, () => spawnSync(process.execPath, [CLI, 'agree', dir, '--unit', unit, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 }));
      if (r.status !== 0) throw new Error(`axial agree --unit ${unit} exited ${r.status}: ${r.stderr}`);
      const j = JSON.parse(r.stdout);
      summary = `${j.files.length} files compared, ${j.overall.units} (unit, code) pairs, alpha ${j.overall.alpha?.toFixed(3)}, ${j.disagreements.length} disagreements`;
    }
    reportSamples(`axial agree --unit ${unit} (${TRANSCRIPTS} transcripts)`, samples, TARGET_MS, summary);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
