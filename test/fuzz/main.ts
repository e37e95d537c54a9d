/**
 * The long fuzz run (`npm run fuzz -- --minutes 30`) and replays of failures.
 *
 *   --minutes N     run for N minutes (default 1)
 *   --cases N       or stop after N inputs
 *   --seed N        run seed (default: the time; printed so the run can be repeated)
 *   --scale X       size of the big mutations, 1 = 10 MB lines, 50,000-deep nesting,
 *                   100,000 spans (default 1)
 *   --bound-ms N    most CPU time a single call may take, in ms (default 2000; the
 *                   wall clock only guards against hangs: 10 min per case)
 *   --out DIR       failure files (default test-output/fuzz)
 *   --replay FILE   re-check the input of a failure file and print what fails
 *   --case SEED     re-check one generated case (with --scale; with --stdio, over stdio)
 *   --stdio         send the cases to the bundled server (dist/server.js: run
 *                   `npm run build` first) instead of checking them in process;
 *                   the bound is then the server's CPU time per request (from
 *                   /proc), and AXIAL_FUZZ_PROF=DIR runs the server under --cpu-prof
 * Exit code: 0 when no new failure was found (known bugs do not count), 1 otherwise, 2 on bad arguments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCase, type FuzzCase } from './cases';
import { knownBug } from './known';
import { checkCase } from './properties';
import { formatStats, runFuzz } from './runner';
import { formatStdioStats, runStdioFuzz } from './stdio';

function fail(message: string): never {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}

function parse(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') out.help = '1';
    else if (a === '--stdio') out.stdio = '1';
    else if (a.startsWith('--') && i + 1 < argv.length) out[a.slice(2)] = argv[++i];
    else fail(`unexpected argument '${a}' (see --help)`);
  }
  return out;
}

function num(v: string | undefined, def: number, name: string): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} needs a non-negative number, not '${v}'`);
  return n;
}

/**
 * Most CPU time of a whole case at full scale (some 150 calls, each within the
 * per-call bound); the slowest cases take about 20 s.
 */
const CASE_BOUND_MS = 120_000;

function replay(c: FuzzCase, boundMs: number): number {
  const report = checkCase(c, { boundMs, caseBoundMs: CASE_BOUND_MS });
  console.log(`seed ${c.seed} [${c.mutations.join(', ')}], ${report.size} characters: ${(report.cpuMs / 1000).toFixed(1)} s of CPU, ${(report.wallMs / 1000).toFixed(1)} s wall clock`);
  const slow = Object.entries(report.times).sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log(`slowest calls (CPU time): ${slow.map(([op, ms]) => `${op} ${ms.toFixed(0)} ms`).join('; ')}`);
  for (const f of report.failures) console.log(`${knownBug(c, f) ? 'known' : 'FAIL'} ${f.property}: ${f.message}`);
  if (report.failures.length === 0) console.log('every property holds');
  return report.failures.some((f) => !knownBug(c, f)) ? 1 : 0;
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (args.help) {
    const doc = fs.readFileSync(__filename, 'utf8').match(/\/\*\*([\s\S]*?)\*\//)![1];
    console.log(doc.replace(/^ \* ?/gm, '').trim());
    return 0;
  }
  const boundMs = num(args['bound-ms'], 2000, 'bound-ms');
  const scale = num(args.scale, 1, 'scale');
  if (args.replay) {
    let data: FuzzCase & { codebook?: string; transcript?: string; scale?: number; mutations: string[] };
    try {
      data = JSON.parse(fs.readFileSync(args.replay, 'utf8'));
    } catch (e) {
      fail(`cannot read ${args.replay}: ${(e as Error).message}`);
    }
    if (data.codebook === undefined || data.transcript === undefined) return replay(generateCase(data.seed, data.scale ?? scale), boundMs);
    return replay({ seed: data.seed, mutations: data.mutations, input: { codebook: data.codebook, transcript: data.transcript }, edits: data.edits, probes: data.probes }, boundMs);
  }
  if (args.case && !args.stdio) return replay(generateCase(num(args.case, 0, 'case'), scale), boundMs);
  const minutes = num(args.minutes, args.cases ? Infinity : 1, 'minutes');
  const seed = num(args.seed, Date.now() % 2 ** 31, 'seed');
  const outDir = path.resolve(args.out ?? 'test-output/fuzz');
  if (args.stdio) {
    console.log(`fuzz over stdio: seed ${seed}, scale ${scale}, bound ${boundMs} ms of server CPU per request, ${Number.isFinite(minutes) ? `${minutes} min` : `${args.cases} inputs`}; failures go to ${outDir}`);
    const s = await runStdioFuzz({
      seed,
      seeds: args.case ? [num(args.case, 0, 'case')] : undefined,
      cases: args.cases ? num(args.cases, 0, 'cases') : undefined,
      until: Number.isFinite(minutes) ? Date.now() + minutes * 60_000 : undefined,
      scale,
      boundMs,
      // A hang guard only, as in process: 30 times the bound, at least a minute.
      timeoutMs: Math.max(60_000, boundMs * 30),
      memoryMb: 3072,
      outDir,
      log: (line) => console.log(line),
    });
    for (const line of formatStdioStats(s)) console.log(line);
    console.log(`run again with: npm run fuzz -- --stdio --seed ${seed} --scale ${scale}${args.cases ? ` --cases ${args.cases}` : ` --minutes ${minutes}`}`);
    return s.failures.length ? 1 : 0;
  }
  console.log(`fuzz: seed ${seed}, scale ${scale}, bound ${boundMs} ms per call, ${Number.isFinite(minutes) ? `${minutes} min` : `${args.cases} inputs`}; failures go to ${outDir}`);
  const stats = await runFuzz({
    seed,
    cases: args.cases ? num(args.cases, 0, 'cases') : undefined,
    until: Number.isFinite(minutes) ? Date.now() + minutes * 60_000 : undefined,
    scale,
    boundMs,
    caseBoundMs: CASE_BOUND_MS,
    // A hang guard only: the bounds above are CPU time; a loaded machine stretches the wall clock many times.
    caseTimeoutMs: Math.max(600_000, boundMs * 300),
    memoryMb: 3072,
    outDir,
    minimise: 'all',
    log: (line) => console.log(line),
    progressMs: 60_000,
  });
  for (const line of formatStats(stats)) console.log(line);
  console.log(`run again with: npm run fuzz -- --seed ${seed} --scale ${scale}${args.cases ? ` --cases ${args.cases}` : ` --minutes ${minutes}`}`);
  return stats.failures.some((f) => !f.known) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`fuzz: ${(e as Error)?.message ?? e}`);
    process.exit(1);
  },
);
