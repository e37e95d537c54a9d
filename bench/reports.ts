/**
 * `axial report` on a project of realistic size: 1,000 generated transcripts of
 * 660 lines (about 50 MB) coded by two coders, with 40 codes in 8 categories.
 * Times the bundled CLI as a process for each format (target under 3 s for csv).
 * Prints numbers and ratios; it never fails on a slow machine.
 *
 *   npm run build && node scripts/run-bench.mjs reports
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCodebook, generateTranscript } from './corpus';
import { reportSamples, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const LINES = 660;
const RUNS = 3;
const TARGET_MS = 3000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-report-'));
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
  const out = path.join(dir, 'out');
  for (const [format, target] of [
    ['csv', out],
    ['md', path.join(dir, 'report.md')],
    ['html', path.join(dir, 'report.html')],
  ]) {
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const r = time(samples, () => spawnSync(process.execPath, [CLI, 'report', dir, '--format', format, '--out', target], { encoding: 'utf8' }));
      if (r.status !== 0) throw new Error(`axial report --format ${format} exited ${r.status}: ${r.stderr}`);
    }
    const size =
      format === 'csv'
        ? `${readFileSync(path.join(out, 'quotes.csv'), 'utf8').split('\r\n').length - 2} rows in quotes.csv`
        : `${(statSync(target).size / 1e6).toFixed(1)} MB written`;
    reportSamples(`axial report --format ${format} (${TRANSCRIPTS} transcripts)`, samples, TARGET_MS, size);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
