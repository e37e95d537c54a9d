#!/usr/bin/env node
// `npm start`: opens examples/therapeutic-relationship in VS Code with the Axial
// extension under development loaded (npm start builds dist/ first).
//
// - With a desktop VS Code on PATH: `code --extensionDevelopmentPath=<repo> <example>`.
// - Otherwise: a real VS Code in the browser (code-server, installed and cached under
//   .vscode-test/ by scripts/code-server/install.mjs), serving on 127.0.0.1 only.
//   Prints the URL to open and runs until Ctrl-C. AXIAL_PORT=NNNN fixes the port.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'therapeutic-relationship');

function fail(message) {
  console.error(`axial: ${message}`);
  process.exit(1);
}

if (!existsSync(example)) fail(`example project not found: ${example}`);
if (!existsSync(join(root, 'dist', 'client.js'))) {
  console.warn('axial: warning: dist/client.js is missing (run `npm run build`); the extension will not activate');
}

const codeOnPath = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
if (codeOnPath) {
  console.log(`axial: opening ${example} in VS Code (${codeOnPath}) with the extension from ${root}`);
  const code = spawn(codeOnPath, [`--extensionDevelopmentPath=${root}`, example], { stdio: 'inherit' });
  code.on('error', (err) => fail(`could not run ${codeOnPath}: ${err.message}`));
  code.on('exit', (status) => process.exit(status ?? 1));
} else {
  await openInCodeServer();
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
  try {
    await ensureCodeServer();
  } catch (err) {
    fail(`could not install code-server: ${err.message}`);
  }

  let cs;
  try {
    // The extension is loaded twice over, on purpose: in development mode through the
    // URL's `payload` (like `code --extensionDevelopmentPath`: the manifest is re-read
    // on every window reload), and as an installed extension (a symlink
    // axial.axial-qda-<version> -> repo in the extensions dir) so that the bare
    // http://127.0.0.1:PORT/ URL has it too. The development copy takes precedence.
    cs = await startCodeServer({
      workspace: example,
      extensionDevelopmentPath: root,
      linkExtensions: [root],
      // The example is inside this repo's work tree; don't ask to open the parent repo.
      settings: { 'git.openRepositoryInParentFolders': 'never' },
      port,
    });
  } catch (err) {
    fail(err.message);
  }

  let stopping = false;
  const shutdown = async (why) => {
    if (stopping) return;
    stopping = true;
    console.log(`\naxial: ${why}; stopping code-server (pid ${cs.pid})…`);
    await cs.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('interrupted'));
  process.on('SIGTERM', () => shutdown('terminated'));
  process.on('SIGHUP', () => shutdown('hung up'));

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
