/**
 * `axial diff` on a repository of realistic size: a generated project of 1,000
 * transcripts (about 50 MB) with 200 changed files between two commits (coding
 * added, removed and recoded; some words edited; some files renamed, added and
 * deleted) and a codebook change. Times the bundled CLI as a process, as CI
 * runs it (target under 3 s), for two commits and for a commit against the
 * working tree. Prints numbers and ratios; it never fails on a slow machine.
 *
 *   npm run build && node scripts/run-bench.mjs diff
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCodebook, generateTranscript, rng } from './corpus';
import { childCpuMs, reportSamples, stats, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const LINES = 660;
const CHANGED = 200;
const TARGET_MS = 3000;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@axial.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@axial.invalid' };

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Changes one transcript the way a coder (or, sometimes, a transcriber) would. */
function change(text: string, k: number, codes: string[], r: () => number): string {
  const lines = text.split('\n');
  const body = lines.findIndex((l, i) => i > 0 && l === '---') + 1;
  for (let e = 0; e < 6; e++) {
    const i = body + Math.floor(r() * (lines.length - body - 1));
    const code = codes[Math.floor(r() * codes.length)];
    if (/\{#[^}]*\}/.test(lines[i]) && r() < 0.5) lines[i] = lines[i].replace(/\{#code-\d+-\d+/, `{#${code}`); // recode
    else if (!lines[i].includes('{{')) lines[i] = lines[i].replace(/^(P: |I: )?(\S+ \S+ \S+)/, `$1{{$2}}{#${code} @LN}`); // code
    else lines[i] = lines[i].replace(/\{\{([^{}]*)\}\}\{[^}]*\}/, '$1'); // uncode a simple span
  }
  // One changed file in ten also has its words edited.
  if (k % 10 === 0) lines[body + 3] = `${lines[body + 3]} and then something else was said`;
  return lines.join('\n');
}

function main(): void {
  if (!existsSync(CLI)) {
    console.log('dist/cli.js is missing: run npm run build first');
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-diff-'));
  try {
    const t0 = Date.now();
    const { yaml, codes } = generateCodebook(40, 10);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'core.autocrlf', 'false');
    mkdirSync(path.join(dir, 'study', 'transcripts'), { recursive: true });
    writeFileSync(path.join(dir, 'study', 'codebook.yaml'), yaml);
    let bytes = 0;
    const file = (i: number) => path.join(dir, 'study', 'transcripts', `t${String(i).padStart(4, '0')}.md`);
    for (let i = 0; i < TRANSCRIPTS; i++) {
      const text = generateTranscript(LINES, codes, i + 1);
      bytes += Buffer.byteLength(text);
      writeFileSync(file(i), text);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    const a = git(dir, 'rev-parse', 'HEAD').trim();

    // 200 changed files: most recoded, some with words edited, 10 renamed, 5 deleted, 5 added.
    const r = rng(7);
    for (let k = 0; k < CHANGED - 10; k++) {
      const i = Math.floor((k * TRANSCRIPTS) / (CHANGED - 10));
      writeFileSync(file(i), change(readFileSync(file(i), 'utf8'), k, codes, r));
      if (k % 19 === 1) renameSync(file(i), file(i).replace(/\.md$/, '-renamed.md'));
    }
    for (let k = 0; k < 5; k++) unlinkSync(file(3 + k * 100));
    for (let k = 0; k < 5; k++) writeFileSync(path.join(dir, 'study', 'transcripts', `new-${k}.md`), generateTranscript(LINES, codes, 5000 + k));
    writeFileSync(path.join(dir, 'study', 'codebook.yaml'), yaml.replace('topic 0.1 in', 'topic 0.1, and only that, in') + '  code-new:\n    parent: category-1\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'two');
    const b = git(dir, 'rev-parse', 'HEAD').trim();
    const changedFiles = git(dir, 'diff', '--name-only', '-M', a, b).trim().split('\n').length;
    console.log(`repository: ${TRANSCRIPTS} transcripts, ${(bytes / 1e6).toFixed(1)} MB; ${changedFiles} files changed between the commits; built in ${((Date.now() - t0) / 1000).toFixed(1)} s; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);

    const cpu: number[] = [];
    const run = (...args: string[]) => {
      const before = childCpuMs();
      const p = spawnSync(process.execPath, [CLI, 'diff', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      if (p.status !== 0) throw new Error(`axial diff ${args.join(' ')} exited ${p.status}: ${p.stderr}`);
      if (before !== undefined) cpu.push(childCpuMs()! - before);
      return p.stdout;
    };
    const j = JSON.parse(run('--format', 'json', a, b));
    const s = j.summary;
    console.log(`diff: ${s.files} files, ${s.coded} coded, ${s.uncoded} uncoded, ${s.recoded} recoded, ${s.textChanged} with text changes, ${s.codebookChanges} codebook changes`);

    if (process.env.AXIAL_BENCH_KEEP) console.log(`a=${a} b=${b}`);
    const commits: number[] = [];
    for (let k = 0; k < 5; k++) time(commits, () => run('--format', 'json', a, b));
    reportSamples('axial diff <a> <b> --format json (1,000 transcripts, 200 changed)', commits, TARGET_MS);
    // On a shared, loaded machine the wall clock includes waiting for a core; CPU time does not.
    if (cpu.length > 0) reportSamples('  the same, CPU time (axial and the git it runs, user + system)', cpu.slice(-commits.length), TARGET_MS);
    const md: number[] = [];
    for (let k = 0; k < 3; k++) time(md, () => run('--format', 'md', a, b));
    reportSamples('axial diff <a> <b> --format md', md, TARGET_MS);
    git(dir, 'reset', '-q', '--mixed', a); // the working tree holds the second commit's files
    const wt: number[] = [];
    for (let k = 0; k < 3; k++) time(wt, () => run('--format', 'json'));
    reportSamples('axial diff (HEAD vs the working tree)', wt, TARGET_MS);
    console.log(`median per changed file: ${(stats(commits).median / changedFiles).toFixed(2)} ms`);
  } finally {
    if (process.env.AXIAL_BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main();
