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
import { reportSamples, time } from './report';

const LINES = 20000;

function transcript(code: (i: number, line: string) => string): string {
  const out = ['---\ncase: bench\ncoder: LN\n---\n'];
  for (let i = 0; i < LINES; i++) {
    const line = i % 2 === 0 ? `I: Question ${i}: how did the sessions go that week?` : `P: Answer ${i}: I {think} I trusted her a bit more, and I told her so.`;
    out.push(code(i, line) + '\n');
  }
  return out.join('');
}

const wrap = (line: string, words: string, block: string) => line.replace(words, `{{${words}}}${block}`);

function versions(editText: boolean) {
  const base = transcript((i, l) => (i % 8 === 1 ? wrap(l, 'I trusted her', '{#trust}') : l));
  const ours = transcript((i, l) => {
    if (editText && i === 1) l = l.replace('a bit more', 'much more');
    if (i % 8 === 1) l = wrap(l, 'I trusted her', '{#trust}');
    return i % 40 === 3 ? wrap(l, 'I told her so', '{#disclosure}') : l;
  });
  const theirs = transcript((i, l) => {
    if (editText && i === LINES - 1) l = l.replace('a bit more', 'even more');
    if (i % 8 === 1) l = wrap(l, 'I trusted her', i % 16 === 1 ? '{#trust}{#trust @CA}' : '{#trust}');
    return i % 40 === 5 ? wrap(l, 'told her so', '{#disclosure @CA}') : l;
  });
  return { base, ours, theirs };
}

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
