// Builds the bundles Axial ships: the VS Code client (with 'vscode' external),
// the language server and the CLI (everything bundled, so the .vsix and the npm package
// need no node_modules). `--production` minifies; `--watch` rebuilds on change.
const fs = require('node:fs');
const path = require('node:path');
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

// The CLI is split so that each run loads only the command it runs: dist/cli.js is a
// small dispatcher (cli/main.ts) that requires one command's file from dist/cli/, which
// requires the chunks it shares with other commands (the core, commander, yaml...).
// The overview (`axial --help`) loads them all. Worker threads of `axial check` run
// dist/cli/checkWorker.js. Every file of the split is in dist/cli/ but the dispatcher.
const CLI_DIR = 'cli';
const CLI_ENTRIES = {
  cli: 'cli/main.ts',
  'cli/checkWorker': 'cli/checkWorker.ts',
  'cli/check': 'cli/check.ts',
  'cli/suggest': 'cli/suggest.ts',
  'cli/merge': 'cli/merge.ts',
  'cli/initGit': 'cli/initGit.ts',
  'cli/diffCommand': 'cli/diffCommand.ts',
  'cli/strip': 'cli/strip.ts',
  'cli/agree': 'cli/agree.ts',
  'cli/report': 'cli/report.ts',
  'cli/export': 'cli/export.ts',
  'cli/query': 'cli/query.ts',
  'cli/import': 'cli/import.ts',
};

/**
 * esbuild splits only ES modules, and Node loads CommonJS faster (synchronously, with
 * no module graph to link), so the split is made as ES modules in memory and each file
 * is then turned into CommonJS: `import` of a chunk becomes `require`, `import()` of
 * a command becomes a `require` in a promise. dist/cli/ is emptied of files this build
 * did not write (chunk names carry a hash), so no stale chunk is ever packed.
 * @returns {import('esbuild').Plugin}
 */
function esmSplitToCommonJs() {
  return {
    name: 'esm-split-to-commonjs',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length > 0 || !result.outputFiles) return;
        const outdir = path.resolve(build.initialOptions.outdir);
        const written = new Set();
        for (const file of result.outputFiles) {
          if (!file.path.endsWith('.js')) continue;
          const rel = path.relative(outdir, file.path);
          const out = await esbuild.transform(file.text, {
            format: 'cjs',
            loader: 'js',
            target: 'node20',
            minify: production,
            // Chains the inline map of the first pass: the .map points at the TypeScript sources.
            sourcemap: production ? false : 'external',
            sourcefile: path.basename(file.path),
            supported: { 'dynamic-import': false },
            logLevel: 'warning',
          });
          const shebang = rel === 'cli.js' ? '#!/usr/bin/env node\n' : '';
          const mapComment = production ? '' : `//# sourceMappingURL=${path.basename(file.path)}.map\n`;
          fs.mkdirSync(path.dirname(file.path), { recursive: true });
          fs.writeFileSync(file.path, shebang + out.code + mapComment);
          written.add(file.path);
          if (!production) {
            fs.writeFileSync(file.path + '.map', shebang ? shiftMap(out.map) : out.map);
            written.add(file.path + '.map');
          }
        }
        const chunks = path.join(outdir, CLI_DIR);
        for (const name of fs.readdirSync(chunks)) {
          const f = path.join(chunks, name);
          if (!written.has(f)) fs.rmSync(f, { recursive: true, force: true });
        }
        if (production) fs.rmSync(path.join(outdir, 'cli.js.map'), { force: true });
      });
    },
  };
}

/** A source map for code that got one line (the #! line) more at its top. */
function shiftMap(map) {
  const m = JSON.parse(map);
  m.mappings = ';' + m.mappings;
  return JSON.stringify(m);
}

const contexts = [
  { ...common, entryPoints: { client: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // The server's start-up scan reads files on a thread running dist/readWorker.js (host/readWorker.ts).
  { ...common, entryPoints: { server: 'server/main.ts', readWorker: 'host/readWorkerMain.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: CLI_ENTRIES,
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    chunkNames: `${CLI_DIR}/chunk-[hash]`,
    sourcemap: production ? false : 'inline',
    write: false,
    plugins: [esmSplitToCommonJs()],
  },
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
