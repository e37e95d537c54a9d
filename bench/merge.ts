/**
 * `axial merge` of a 20,000-line transcript (target: under 0.5 s). Two coders
 * each code 500 more spans on their branch (2,500 spans in the base); in the
 * second case each also edits a few words, one near the top and one near the
 * bottom, so the merge diffs the text and maps codings through the edits.
 * Measured in process (core) and end to end (the bundled CLI as git runs it,
 * Node start-up included).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { mergeTranscripts } from '../core/merge/transcripts';
import { LINES, mergeVersions as versions } from './mergeVersions';
import { reportSamples, reportValue, time } from './report';

const cli = path.join(process.cwd(), 'dist', 'cli.js');
// What starting the CLI costs on this machine at this moment (Node, loading the bundle): the floor under every CLI number below.
const startSamples: number[] = [];
for (let k = 0; k < 5; k++) time(startSamples, () => execFileSync(process.execPath, [cli, '--version']));
reportSamples('axial --version (process start alone)', startSamples, 500);
for (const editText of [false, true]) {
  const { base, ours, theirs } = versions(editText);
  const what = editText ? 'coding and a word edited on each side' : 'coding only';
  if (!editText) console.log(`transcript: ${LINES} lines, ${(base.length / 1e6).toFixed(2)} MB`);
  const samples: number[] = [];
  for (let k = 0; k < 12; k++) {
    if (time(samples, () => mergeTranscripts(base, ours, theirs)).conflicts !== 0) throw new Error('the bench merge should be clean');
  }
  // The first call is what `axial merge` pays: a fresh process runs the parser before V8 has optimised it.
  if (!editText) reportValue(`merge, ${what}, in process, first call (cold)`, samples[0], 500);
  reportSamples(`merge, ${what}, in process`, samples.slice(2), 500);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-merge-'));
  try {
    const cliSamples: number[] = [];
    for (let k = 0; k < 5; k++) {
      writeFileSync(path.join(dir, 'base.md'), base);
      writeFileSync(path.join(dir, 'ours.md'), ours);
      writeFileSync(path.join(dir, 'theirs.md'), theirs);
      const t0 = performance.now();
      execFileSync(process.execPath, [cli, 'merge', 'base.md', 'ours.md', 'theirs.md'], { cwd: dir });
      cliSamples.push(performance.now() - t0);
    }
    reportSamples(`axial merge, ${what} (bundled CLI, Node start-up included)`, cliSamples, 500);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
