// Bundles a benchmark (bench/NAME.ts) with esbuild, as the server and CLI are
// bundled, and runs it: numbers measure the code users run, not a TypeScript loader.
//   node scripts/run-bench.mjs [NAME ...] [--flags]   (default: suite, the benchmark suite; `all`: every benchmark)
// Arguments starting with -- go to each benchmark (e.g. --small for the suite).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Helpers, not benchmarks: the generators, the measuring and printing, the server session.
const HELPERS = ['corpus', 'mergeVersions', 'project', 'generate', 'report', 'results', 'scratch', 'stdioServer', 'plot', 'transcriptPlaces', 'lineCostOverStdio', 'markupLineShapes'];
const args = process.argv.slice(2);
const flags = [];
for (let i = 0; i < args.length; i++) {
  if (!args[i].startsWith('--')) continue;
  flags.push(args[i]);
  // A flag's value follows it (--transcripts 300), unless it is a flag itself.
  if (['--transcripts', '--seed', '--results', '--runs', '--compare', '--dir', '--cpu-prof', '--heap', '--also'].includes(args[i]) && i + 1 < args.length) flags.push(args[++i]);
}
const named = args.filter((a) => !flags.includes(a));
const all = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).filter((n) => !HELPERS.includes(n));
const names = named.length === 0 ? ['suite'] : named.includes('all') ? all.filter((n) => n !== 'suite').concat('suite') : named;
for (const name of names) {
  const outfile = join(root, 'out', 'bench', `${name}.js`);
  await esbuild.build({ entryPoints: [join(root, 'bench', `${name}.ts`)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  console.log(`\n--- bench/${name}.ts`);
  execFileSync(process.execPath, [outfile, ...flags], { stdio: 'inherit', cwd: root });
}
