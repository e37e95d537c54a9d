// Runs every Axial test stage in order, streaming each one's output, and ends with
// one plain line `N passed, N failed` summing the stages' test counts. A stage that
// fails without reporting counts (a type error, a build error) counts as one failure.
// Every stage runs even after a failure, so one run shows everything that is broken.
import { spawn } from 'node:child_process';

const STAGES = [
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['build', 'npm run build'],
  ['test dependencies (Debian packages, code-server)', 'node scripts/ensure-test-deps.mjs'],
  ['unit', 'npm run test:unit'],
  ['lsp + cli', 'npm run test:lsp'],
  ['neovim client', 'npm run test:nvim'],
  ['extension host (VS Code)', 'npm run test:exthost'],
  ['user interface (VS Code + Chromium)', 'npm run test:ui'],
  ['packaged .vsix', 'npm run test:package'],
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];

for (const [name, command] of STAGES) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n=== ${name}: ${command}`);
  const started = Date.now();
  const { code, output } = await run(command);
  const counts = countsOf(output);
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${name.padEnd(38)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed  ${secs}s`);
}

console.log('\n=== summary');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Test counts from mocha's `N passing` / `N failing` / `N pending`, or a plain `N passed, N failed` line. */
function countsOf(output) {
  const text = output.replace(/\u001b\[[0-9;]*m/g, '');
  const num = (re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  const plain = [...text.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)];
  if (plain.length) {
    const last = plain[plain.length - 1];
    return { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) };
  }
  return { passed: num(/^\s*(\d+) passing\b/gm), failed: num(/^\s*(\d+) failing\b/gm), skipped: num(/^\s*(\d+) pending\b/gm) };
}
