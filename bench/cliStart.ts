/**
 * What each `axial` command costs from process start to exit, beside `node -e 0`
 * (Node's own start, the floor under every command) measured in the same run:
 * wall time and CPU time (user + system of the process and its threads; on a
 * shared machine the wall clock also counts waiting for a core, CPU time does
 * not). The commands run round-robin, so a busy moment on the machine falls on
 * all of them alike. A benchmark, not a test: it reports, it never fails.
 *
 *   node scripts/run-bench.mjs cliStart [--runs 15] [--transcripts 1000] [--compare other/dist/cli.js]
 *
 * `--transcripts 0` leaves out the check of a generated project. `--compare` runs
 * every command of another build too (say, a checkout of an earlier commit built
 * with `node esbuild.js --production`), in the same rounds, for a before/after.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { mergeVersions } from './mergeVersions';
import { writeProject } from './project';
import { childCpuMs } from './report';
import { percentile } from './results';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');
const { values } = parseArgs({ options: { runs: { type: 'string' }, transcripts: { type: 'string' }, compare: { type: 'string' } } });
const RUNS = Number(values.runs ?? 15);
const TRANSCRIPTS = Number(values.transcripts ?? 1000);

interface Case {
  name: string;
  /** The command line after `node`. */
  args: string[];
  cwd: string;
  /** Exit codes that mean it ran as meant. */
  ok?: number[];
  /** Runs before each sample, untimed (rewrites the merge's inputs). */
  prepare?: () => void;
  wall: number[];
  cpu: number[];
}

function main(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-start-'));
  try {
    const { base, ours, theirs } = mergeVersions(false);
    const mergeDir = path.join(dir, 'merge');
    const writeMergeInputs = () => {
      writeFileSync(path.join(mergeDir, 'base.md'), base);
      writeFileSync(path.join(mergeDir, 'ours.md'), ours);
      writeFileSync(path.join(mergeDir, 'theirs.md'), theirs);
    };
    mkdirSync(mergeDir);
    writeMergeInputs();

    const cases: Case[] = [
      { name: 'node -e 0 (the floor)', args: ['-e', '0'], cwd: dir, wall: [], cpu: [] },
      { name: 'axial --version', args: [CLI, '--version'], cwd: dir, wall: [], cpu: [] },
      { name: 'axial --help', args: [CLI, '--help'], cwd: dir, wall: [], cpu: [] },
      { name: 'axial strip (20,000 lines)', args: [CLI, 'strip', 'ours.md'], cwd: mergeDir, wall: [], cpu: [] },
      { name: 'axial merge (20,000 lines, coding only)', args: [CLI, 'merge', 'base.md', 'ours.md', 'theirs.md'], cwd: mergeDir, prepare: writeMergeInputs, wall: [], cpu: [] },
      { name: 'axial check (the example project, 4 transcripts)', args: [CLI, 'check', EXAMPLE], cwd: dir, ok: [0, 1], wall: [], cpu: [] },
    ];
    let corpus = '';
    if (TRANSCRIPTS > 0) {
      const project = writeProject(path.join(dir, 'project'), { transcripts: TRANSCRIPTS });
      corpus = `generated project: ${project.transcripts} transcripts, ${(project.bytes / 1e6).toFixed(1)} MB`;
      cases.push({ name: `axial check (${project.transcripts} transcripts)`, args: [CLI, 'check', path.join(dir, 'project')], cwd: dir, ok: [0, 1], wall: [], cpu: [] });
    }

    if (values.compare) {
      const other = path.resolve(values.compare);
      for (const c of cases.slice(1)) cases.push({ ...c, name: `${c.name} [compare]`, args: [other, ...c.args.slice(1)], wall: [], cpu: [] });
      console.log(`[compare]: ${other}`);
    }
    const load = os.loadavg();
    for (let k = 0; k < RUNS; k++) {
      for (const c of cases) {
        c.prepare?.();
        const before = childCpuMs();
        const t0 = performance.now();
        const r = spawnSync(process.execPath, c.args, { cwd: c.cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
        c.wall.push(performance.now() - t0);
        if (before !== undefined) c.cpu.push(childCpuMs()! - before);
        if (!(c.ok ?? [0]).includes(r.status ?? -1)) throw new Error(`${c.args.join(' ')} exited ${r.status}: ${r.stderr}`);
      }
    }

    console.log(`CLI start to exit — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${load.map((l) => l.toFixed(2)).join(' ')} → ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${RUNS} runs each`);
    if (corpus) console.log(corpus);
    const floor = cases[0];
    const fWall = percentile(floor.wall, 0.5);
    const fCpu = floor.cpu.length ? percentile(floor.cpu, 0.5) : NaN;
    const ms = (n: number) => (Number.isNaN(n) ? '—' : `${n.toFixed(0)} ms`).padStart(8);
    console.log(`${'command'.padEnd(62)} ${'wall p50'.padStart(8)} ${'min'.padStart(8)} ${'CPU p50'.padStart(8)}  ${'wall ×floor'.padStart(11)} ${'CPU ×floor'.padStart(10)}  ${'over floor (wall)'.padStart(17)}`);
    for (const c of cases) {
      const w = percentile(c.wall, 0.5);
      const cpu = c.cpu.length ? percentile(c.cpu, 0.5) : NaN;
      console.log(
        `${c.name.padEnd(62)} ${ms(w)} ${ms(Math.min(...c.wall))} ${ms(cpu)}  ${(w / fWall).toFixed(2).padStart(10)}× ${(cpu / fCpu).toFixed(2).padStart(9)}×  ${ms(w - fWall).padStart(17)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
