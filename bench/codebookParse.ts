/**
 * Parsing a generated codebook (200 to 5,000 codes) with the fast path for plain
 * block YAML (core/codebook/simpleYaml.ts) against the yaml package alone
 * (parseCodebookWithYaml). Cold: the CPU time of the first parse in a fresh Node
 * process, as the server's cold index pays it (code not yet compiled); warm: the
 * median of later parses in the same process. Prints numbers and the ratio of the
 * fast path to the yaml path; never fails.
 *
 *   node scripts/run-bench.mjs codebookParse [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseCodebook, parseCodebookWithYaml } from '../core/codebook/parse';
import { generateProjectCodebook } from './project';
import { stats } from './report';

const SIZES = [200, 500, 1000, 5000];
const WARM_RUNS = 20;

interface Sample {
  coldCpuMs: number;
  warmMs: number;
  bytes: number;
  codes: number;
}

/** In a child process: one cold parse and then warm ones, printed as JSON. */
function child(path: 'fast' | 'yaml', codes: number): void {
  const { yaml } = generateProjectCodebook(codes);
  const parse = path === 'fast' ? parseCodebook : parseCodebookWithYaml;
  const c0 = process.cpuUsage();
  const codebook = parse(yaml);
  const cpu = process.cpuUsage(c0);
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t0 = performance.now();
    parse(yaml);
    warm.push(performance.now() - t0);
  }
  const sample: Sample = { coldCpuMs: (cpu.user + cpu.system) / 1000, warmMs: stats(warm).median, bytes: yaml.length, codes: codebook.codes.size };
  process.stdout.write(JSON.stringify(sample));
}

function measure(path: 'fast' | 'yaml', codes: number): Sample {
  const out = execFileSync(process.execPath, [__filename, '--child', path, String(codes)], { encoding: 'utf8' });
  return JSON.parse(out) as Sample;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    child(args[1] as 'fast' | 'yaml', Number(args[2]));
    return;
  }
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 5) : 5;
  console.log(`codebook parse: fast path against the yaml package, median of ${runs} fresh processes each (cold CPU) and of ${WARM_RUNS} parses (warm)`);
  console.log(`${'codes'.padStart(6)} ${'KB'.padStart(6)}   ${'yaml cold CPU'.padStart(14)} ${'fast cold CPU'.padStart(14)} ${'ratio'.padStart(6)}   ${'yaml warm'.padStart(10)} ${'fast warm'.padStart(10)} ${'ratio'.padStart(6)}`);
  for (const codes of SIZES) {
    const yaml: Sample[] = [];
    const fast: Sample[] = [];
    // Interleaved, so a change of load on the machine falls on both alike.
    for (let i = 0; i < runs; i++) {
      yaml.push(measure('yaml', codes));
      fast.push(measure('fast', codes));
    }
    const med = (xs: Sample[], k: 'coldCpuMs' | 'warmMs') => stats(xs.map((x) => x[k])).median;
    const yc = med(yaml, 'coldCpuMs');
    const fc = med(fast, 'coldCpuMs');
    const yw = med(yaml, 'warmMs');
    const fw = med(fast, 'warmMs');
    console.log(
      `${String(codes).padStart(6)} ${(yaml[0].bytes / 1024).toFixed(0).padStart(6)}   ${`${yc.toFixed(1)} ms`.padStart(14)} ${`${fc.toFixed(1)} ms`.padStart(14)} ${(fc / yc).toFixed(2).padStart(6)}   ${`${yw.toFixed(1)} ms`.padStart(10)} ${`${fw.toFixed(1)} ms`.padStart(10)} ${(fw / yw).toFixed(2).padStart(6)}`,
    );
  }
}

main();
