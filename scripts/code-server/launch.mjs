// Starts a real VS Code (code-server 4.100.3, VS Code 1.100.3) on 127.0.0.1 and drives
// it with Debian's Chromium through playwright-core. See
// /work/shared/vscode-web/NOTES.md for the recipe and scripts/code-server/install.mjs
// for the cached installer (run automatically when code-server is missing).
//
//   const cs = await startCodeServer({ workspace, extensionDevelopmentPath: repoRoot });
//   const browser = await launchBrowser();
//   const page = await browser.newPage();
//   await page.goto(cs.url);
//   ...
//   await browser.close();
//   await cs.stop();
import { spawn } from 'node:child_process';
import {
  closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readlinkSync, rmSync,
  statSync, symlinkSync, unlinkSync, writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join, resolve } from 'node:path';
import {
  CODE_SERVER_ENTRY, VSCODE_TEST_DIR, codeServerEnv, ensureCodeServer, isInstalled,
} from './install.mjs';

export const HOST = '127.0.0.1';
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
};

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host: HOST, port: 0 }, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Path for a `?folder=` query value: slashes kept readable, the rest encoded. */
export function folderQuery(path) {
  return path.split('/').map(encodeURIComponent).join('/');
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function httpAnswers(port) {
  return new Promise((resolveAnswer) => {
    const req = http.get({ host: HOST, port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolveAnswer(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveAnswer(false));
  });
}

/**
 * Makes the extension in `extensionRoot` an installed extension of `extensionsDir`:
 * a symlink named `publisher.name-version` (from its package.json) to the folder.
 * Returns the extension id.
 */
export function linkExtension(extensionsDir, extensionRoot) {
  extensionRoot = resolve(extensionRoot);
  const manifest = JSON.parse(readFileSync(join(extensionRoot, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const link = join(extensionsDir, `${id}-${manifest.version}`);
  mkdirSync(extensionsDir, { recursive: true });
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === extensionRoot) return id;
    unlinkSync(link);
  } catch { /* not there yet */ }
  symlinkSync(extensionRoot, link, 'dir');
  return id;
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * Starts code-server on a free port of 127.0.0.1 (or `port`) and resolves once its
 * HTTP port answers.
 *
 * @param {object} opts
 * @param {string} opts.workspace folder to open
 * @param {string} [opts.extensionDevelopmentPath] extension folder loaded in development
 *   mode: passed to the workbench through the `payload` query parameter of `url`
 * @param {string} [opts.extensionsDir] --extensions-dir (default: an empty one in the user-data-dir)
 * @param {string[]} [opts.linkExtensions] extension folders to install into the extensions
 *   dir as symlinks (see linkExtension): loaded as ordinary installed extensions
 * @param {string} [opts.userDataDir] --user-data-dir (default: a fresh one under .vscode-test/)
 * @param {Record<string, unknown>} [opts.settings] user settings, over DEFAULT_SETTINGS
 * @param {number} [opts.port] fixed port instead of a free one
 * @param {number} [opts.timeoutMs] how long to wait for the HTTP port (default 60 s)
 * @param {boolean} [opts.keepUserDataDir] keep a generated user-data-dir after stop()
 * @returns {Promise<{url: string, port: number, pid: number, userDataDir: string,
 *   extensionsDir: string, logFile: string, logTail(lines?: number): string,
 *   exited: Promise<string>, stop(): Promise<void>}>} `exited` resolves (with
 *   "exit code N" / "signal S") when the code-server process ends.
 */
export async function startCodeServer({
  workspace, extensionDevelopmentPath, extensionsDir, userDataDir, settings = {}, linkExtensions = [],
  port, timeoutMs = 60_000, keepUserDataDir = false,
} = {}) {
  if (!workspace) throw new Error('startCodeServer: `workspace` is required');
  workspace = resolve(workspace);
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) {
    throw new Error(`startCodeServer: workspace folder does not exist: ${workspace}`);
  }
  if (!isInstalled()) await ensureCodeServer();

  mkdirSync(VSCODE_TEST_DIR, { recursive: true });
  const generatedUserData = !userDataDir;
  userDataDir = userDataDir ? resolve(userDataDir) : mkdtempSync(join(VSCODE_TEST_DIR, 'user-data-'));
  extensionsDir = extensionsDir ? resolve(extensionsDir) : join(userDataDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  for (const ext of linkExtensions) linkExtension(extensionsDir, ext);
  writeFileSync(join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n');

  port = port ?? await freePort();
  const logFile = join(userDataDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', `${HOST}:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  // detached: own process group, so stop() reaches the extension host and helpers too.
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    env: codeServerEnv(),
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  const pid = child.pid;
  let exited = child.exitCode !== null;
  let exitInfo = '';
  const exitPromise = new Promise((r) => child.once('exit', (code, signal) => {
    exited = true;
    exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
    r(exitInfo);
  }));
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});

  // Last resort if the caller forgets stop() or dies: never leave code-server behind.
  const killOnExit = () => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } };
  process.once('exit', killOnExit);

  let stopping;
  const doStop = async () => {
    process.removeListener('exit', killOnExit);
    if (pid && groupAlive(pid)) {
      try { process.kill(-pid, 'SIGTERM'); } catch { /* gone */ }
      let deadline = Date.now() + 10_000;
      while (groupAlive(pid) && Date.now() < deadline) await delay(100);
      if (groupAlive(pid)) {
        try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
        // Bounded: exited grandchildren stay in the group as zombies until init reaps them.
        deadline = Date.now() + 5_000;
        while (groupAlive(pid) && Date.now() < deadline) await delay(50);
      }
    }
    if (!exited) await Promise.race([exitPromise, delay(2000)]);
    if (generatedUserData && !keepUserDataDir) rmSync(userDataDir, { recursive: true, force: true });
  };
  const stop = () => (stopping ??= doStop());

  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      await Promise.race([spawnError, delay(0)]);
      if (exited) throw new Error(`code-server exited (${exitInfo}) before answering on ${HOST}:${port}`);
      if (await httpAnswers(port)) break;
      if (Date.now() > deadline) throw new Error(`code-server did not answer on http://${HOST}:${port} within ${timeoutMs / 1000}s`);
      await delay(200);
    }
  } catch (err) {
    const message = `${err.message}\n  log: ${logFile}\n--- code-server log (tail) ---\n${tail(logFile)}\n------------------------------`;
    await stop();
    throw new Error(message);
  }

  let url = `http://${HOST}:${port}/?folder=${folderQuery(workspace)}`;
  if (extensionDevelopmentPath) {
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${HOST}:${port}${resolve(extensionDevelopmentPath)}`],
    ]);
    url += `&payload=${encodeURIComponent(payload)}`;
  }
  return {
    url, port, pid, userDataDir, extensionsDir, logFile,
    logTail: (n) => tail(logFile, n),
    exited: exitPromise,
    stop,
  };
}

/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser).
 * The caller closes the returned browser.
 */
export async function launchBrowser({ headless = true, args = [], ...options } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run node scripts/code-server/install.mjs (as root) or apt-get install chromium`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new Error(`playwright-core is not installed (npm install): ${err.message}`);
  }
  // Chromium's crash-report database and dconf cache go under .vscode-test/, not ~.
  const home = join(VSCODE_TEST_DIR, 'chromium-home');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless,
    args: [...CHROMIUM_ARGS, ...args],
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
    ...options,
  });
}
