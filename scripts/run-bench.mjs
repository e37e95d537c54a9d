// Bundles a benchmark (bench/NAME.ts) with esbuild, as the server and CLI are
// bundled, and runs it: numbers measure the code users run, not a TypeScript loader.
//   node scripts/run-bench.mjs [NAME ...]   (default: every bench/*.ts but the corpus and report helpers)
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const names = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.ts') && !['corpus.ts', 'report.ts'].includes(f)).map((f) => f.replace(/\.ts$/, ''));
for (const name of names) {
  const outfile = join(root, 'out', 'bench', `${name}.js`);
  await esbuild.build({ entryPoints: [join(root, 'bench', `${name}.ts`)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
  console.log(`\n--- bench/${name}.ts`);
  execFileSync(process.execPath, [outfile], { stdio: 'inherit', cwd: root });
}
