#!/usr/bin/env node
// `npm start [-- <folder>]`: opens a folder in VS Code with the Axial extension under
// development loaded. It installs missing npm dependencies and builds dist/ first
// (here, in one process, so that a signal sent to `npm start` reaches the one
// process that knows what to stop: no shell sits between npm and this script).
//
// - `npm start -- <folder>` opens that folder (your own study).
// - `npm start` opens a scratch copy of examples/therapeutic-relationship under
//   .axial-scratch/ (git-ignored), made on first use and kept between runs, so the
//   editor's auto-save never edits the tracked example. `--fresh` copies it again.
// - With a desktop VS Code on PATH: `code --extensionDevelopmentPath=<repo> <folder>`.
// - Otherwise: a real VS Code in the browser (code-server, installed and cached under
//   .vscode-test/ by scripts/code-server/install.mjs), serving on 127.0.0.1 only.
//   Prints the URL to open and runs until Ctrl-C, SIGTERM or SIGHUP, each of which
//   stops code-server's whole process group. AXIAL_PORT=NNNN fixes the port.
//   `--no-build` skips the dependency check and the build.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'therapeutic-relationship');
/** Where plain `npm start` opens its copy of the example (listed in .gitignore). */
const SCRATCH_DIR = join(root, '.axial-scratch');

function fail(message) {
  console.error(`axial: ${message}`);
  process.exit(1);
}

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log('usage: npm start [-- [--fresh] [--no-build] <folder>]\n'
    + '  <folder>    the folder to open (default: a scratch copy of the example project)\n'
    + '  --fresh     copy the example again into .axial-scratch/ (discarding edits there)\n'
    + '  --no-build  skip the npm dependency check and the build');
  process.exit(0);
}
const unknown = argv.filter((a) => a.startsWith('-') && !['--fresh', '--no-build'].includes(a));
if (unknown.length > 0) fail(`unknown option ${unknown[0]} (see npm start -- --help)`);
const folders = argv.filter((a) => !a.startsWith('-'));
if (folders.length > 1) fail(`give one folder to open, not ${folders.length}`);

const workspace = folders.length === 1 ? openFolder(folders[0]) : scratchExample(argv.includes('--fresh'));

if (!argv.includes('--no-build')) {
  for (const [what, args] of [['dependency check', ['scripts/ensure-deps.mjs']], ['build', ['esbuild.js']]]) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) fail(`the ${what} failed (${r.signal ?? `exit code ${r.status}`})`);
  }
}
if (!existsSync(join(root, 'dist', 'client.js'))) {
  console.warn('axial: warning: dist/client.js is missing (run `npm run build`); the extension will not activate');
}

const codeOnPath = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
if (codeOnPath) {
  console.log(`axial: opening ${workspace} in VS Code (${codeOnPath}) with the extension from ${root}`);
  const code = spawn(codeOnPath, [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  code.on('error', (err) => fail(`could not run ${codeOnPath}: ${err.message}`));
  code.on('exit', (status) => process.exit(status ?? 1));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => code.kill(signal));
  watchParent(() => code.kill('SIGTERM'));
} else {
  await openInCodeServer();
}

/**
 * Calls `onOrphaned` once this process loses its parent. `npm start` runs this script
 * under `sh -c`, and npm passes a SIGTERM on to that shell only: the shell dies and
 * this script would live on, with code-server, unless it notices.
 */
function watchParent(onOrphaned) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, 250);
  timer.unref();
}

/** The folder given on the command line, checked. */
function openFolder(given) {
  // npm runs scripts in the package folder; INIT_CWD is where `npm start` was typed.
  const folder = resolve(process.env.INIT_CWD ?? process.cwd(), given);
  if (!existsSync(folder)) fail(`folder not found: ${folder}`);
  if (!statSync(folder).isDirectory()) fail(`not a folder: ${folder}`);
  return folder;
}

/** The scratch copy of the example, made when missing (or when `fresh`). */
function scratchExample(fresh) {
  if (!existsSync(example)) fail(`example project not found: ${example}`);
  const copy = join(SCRATCH_DIR, 'therapeutic-relationship');
  if (fresh) rmSync(copy, { recursive: true, force: true });
  if (!existsSync(join(copy, 'codebook.yaml'))) {
    cpSync(example, copy, { recursive: true });
    console.log(`axial: copied the example project to ${copy}`);
  } else {
    console.log(`axial: opening your scratch copy of the example, ${copy} (npm start -- --fresh copies it again)`);
  }
  return copy;
}

async function openInCodeServer() {
  let port;
  if (process.env.AXIAL_PORT) {
    port = Number(process.env.AXIAL_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`AXIAL_PORT is not a port number: ${process.env.AXIAL_PORT}`);
  }
  const { ensureCodeServer } = await import('./code-server/install.mjs');
  const { startCodeServer } = await import('./code-server/launch.mjs');

  console.log('axial: no `code` on PATH; using code-server (VS Code in the browser)');
  // A signal while code-server is still starting: stop it as soon as it is up.
  let cs;
  let stopping;
  const shutdown = (why) => {
    if (stopping) return;
    stopping = why;
    if (!cs) return; // openInCodeServer stops it right after the start returns
    console.log(`\naxial: ${why}; stopping code-server (pid ${cs.pid})…`);
    void cs.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('interrupted'));
  process.on('SIGTERM', () => shutdown('terminated'));
  process.on('SIGHUP', () => shutdown('hung up'));
  watchParent(() => shutdown('npm stopped'));

  try {
    await ensureCodeServer();
  } catch (err) {
    fail(`could not install code-server: ${err.message}`);
  }

  try {
    // The extension is loaded twice over, on purpose: in development mode through the
    // URL's `payload` (like `code --extensionDevelopmentPath`: the manifest is re-read
    // on every window reload), and as an installed extension (a symlink
    // axial.axial-qda-<version> -> repo in the extensions dir) so that the bare
    // http://127.0.0.1:PORT/ URL has it too. The development copy takes precedence.
    cs = await startCodeServer({
      workspace,
      extensionDevelopmentPath: root,
      linkExtensions: [root],
      // The scratch example is inside this repo's work tree; don't ask to open the parent repo.
      settings: { 'git.openRepositoryInParentFolders': 'never' },
      port,
    });
  } catch (err) {
    fail(err.message);
  }
  if (stopping) {
    const why = stopping;
    stopping = undefined;
    shutdown(why);
    return;
  }

  console.log('');
  console.log('axial: VS Code is running with the Axial extension. Open this URL in a browser:');
  console.log('');
  console.log(`  ${cs.url}`);
  console.log('');
  console.log(`axial: (code-server pid ${cs.pid}, log ${cs.logFile}; only reachable from this machine,`);
  console.log(`axial:  e.g. through \`ssh -L ${cs.port}:127.0.0.1:${cs.port} <this host>\`). Press Ctrl-C to stop.`);

  const how = await cs.exited;
  if (!stopping) {
    console.error(`axial: code-server stopped unexpectedly (${how}). Last log lines:\n${cs.logTail(30)}`);
    await cs.stop();
    process.exit(1);
  }
}
