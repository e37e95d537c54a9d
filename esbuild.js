// Builds the three bundles Axial ships: the VS Code client (with 'vscode' external),
// the language server and the CLI (everything bundled, so the .vsix and the npm package
// need no node_modules). `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // yazl's CRC-32 from Node's zlib instead of JavaScript (host/bufferCrc32.ts says why).
  alias: { 'buffer-crc32': './host/bufferCrc32.ts' },
};

const contexts = [
  { ...common, entryPoints: { client: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];

async function main() {
  const ctxs = await Promise.all(contexts.map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(ctxs.map((c) => c.watch()));
    return;
  }
  await Promise.all(ctxs.map((c) => c.rebuild()));
  await Promise.all(ctxs.map((c) => c.dispose()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
