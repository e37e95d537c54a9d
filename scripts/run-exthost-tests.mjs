#!/usr/bin/env node
// Runs the extension-host suite (test/exthost/) inside a real VS Code with Axial loaded
// from this repository, on a fresh temporary copy of examples/therapeutic-relationship.
//
//   node scripts/run-exthost-tests.mjs            # npm run test:exthost
//   node scripts/run-exthost-tests.mjs --no-build # use the existing dist/ (the suite is always bundled)
//   node scripts/run-exthost-tests.mjs --code-server   # skip desktop VS Code even if found
//
// Two ways, one suite (test/exthost/index.ts, the @vscode/test-electron `run()` contract):
//  1. Desktop VS Code, through @vscode/test-electron's runTests, when one is available:
//     AXIAL_VSCODE_EXECUTABLE, or the executable behind `code` on the PATH. Never downloads.
//  2. Otherwise code-server 4.100.3 (scripts/code-server/, installed and cached in
//     .vscode-test/) with its workbench opened in Debian's headless Chromium; the
//     `payload` query parameter carries extensionDevelopmentPath and extensionTestsPath.
//
// How the results come back: the suite writes <tmp>/exthost-result.json (JSON, every
// test's title, state, error and the totals) and <tmp>/exthost-result.json.progress (one
// JSON line per event) where <tmp> is this run's temporary folder, the parent of the
// workspace copy <tmp>/workspace. The launcher also passes that path as
// AXIAL_EXTHOST_RESULT (test-electron: extensionTestsEnv; code-server: its environment,
// which VS Code's server hands on to the extension host); the suite falls back to the
// workspace's parent folder when the variable does not reach it, and records which way
// it found the path ("via").
//
// Output: each test in mocha's spec form, the failures with their errors, and a last
// line exactly `N passed, M failed` (what CI reads). A failure of the harness itself
// (timeout, VS Code not starting, the suite not loading, no tests) is listed as one
// more failure. Exit code 0 only when at least one test ran and none failed.
//
// Environment:
//   AXIAL_EXTHOST_TIMEOUT_MS        whole run, after the build (default 180000)
//   AXIAL_EXTHOST_START_TIMEOUT_MS  code-server + workbench + suite start, per attempt (default 90000)
//   AXIAL_VSCODE_EXECUTABLE         desktop VS Code (Electron) executable to use
//   AXIAL_EXTHOST_GREP              only tests whose full title matches (mocha grep)
//   AXIAL_EXTHOST_KEEP=1            keep the temporary folder (workspace copy, logs)
//
// A start that fails (code-server does not answer, the workbench does not load, the
// suite does not start) is retried once and the retry is reported; test failures are
// never retried. Everything started here (code-server's process group, Chromium's
// process group) is stopped on success, failure, timeout and SIGINT/SIGTERM/SIGHUP.
import { spawnSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, VSCODE_TEST_DIR } from './code-server/install.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HOST, startCodeServer } from './code-server/launch.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const EXAMPLE = join(root, 'examples', 'therapeutic-relationship');
const SUITE_SRC = join(root, 'test', 'exthost');
const SUITE_OUT = join(root, 'out', 'exthost');
const RESULT_NAME = 'exthost-result.json';

const TIMEOUT_MS = Number(process.env.AXIAL_EXTHOST_TIMEOUT_MS || 180_000);
const START_TIMEOUT_MS = Number(process.env.AXIAL_EXTHOST_START_TIMEOUT_MS || 90_000);
const KEEP = process.env.AXIAL_EXTHOST_KEEP === '1';
const MAX_ATTEMPTS = 2;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: node scripts/run-exthost-tests.mjs [--no-build] [--code-server]');
  process.exit(0);
}
const noBuild = args.includes('--no-build');
const forceCodeServer = args.includes('--code-server');

const log = (msg) => console.log(`[exthost] ${msg}`);
const delay = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const t0 = Date.now();

/** A failure to bring VS Code up far enough for the suite to start: retried once. */
class StartError extends Error {}
/** A failure of the harness after the suite started (timeout, crash): not retried. */
class HarnessError extends Error {}

// ------------------------------------------------------------------ state and cleanup
const state = {
  tmp: undefined,
  cs: undefined,
  browserServer: undefined,
  browser: undefined,
  chromiumPid: undefined,
  desktopChildren: false,
  interrupted: false,
  /** Process groups started here (code-server, Chromium) and command-line marks of our processes. */
  groups: new Set(),
  marks: new Set(),
};

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Chromium: close through Playwright, then make sure its process group is gone. */
async function stopBrowser() {
  const { browser, browserServer, chromiumPid } = state;
  state.browser = undefined;
  state.browserServer = undefined;
  state.chromiumPid = undefined;
  if (browser) await Promise.race([browser.close().catch(() => {}), delay(5_000)]);
  if (browserServer) await Promise.race([browserServer.close().catch(() => {}), delay(5_000)]);
  if (chromiumPid && groupAlive(chromiumPid)) {
    try { process.kill(-chromiumPid, 'SIGKILL'); } catch { /* gone */ }
    const deadline = Date.now() + 5_000;
    while (groupAlive(chromiumPid) && Date.now() < deadline) await delay(50);
  }
}

async function stopCodeServer() {
  const cs = state.cs;
  state.cs = undefined;
  if (cs) await cs.stop().catch(() => {});
}

/** Direct and indirect children of a process (Linux/macOS `pgrep -P`). */
function descendants(pid) {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  const kids = (r.stdout ?? '').split('\n').map(Number).filter((n) => n > 0);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

/** Desktop mode: test-electron spawned VS Code; kill whatever our process still has running. */
async function stopDesktop() {
  if (!state.desktopChildren) return;
  state.desktopChildren = false;
  const pids = descendants(process.pid);
  for (const pid of pids) { try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ } }
  const deadline = Date.now() + 5_000;
  const alive = () => pids.filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } });
  while (alive().length && Date.now() < deadline) await delay(100);
  for (const pid of alive()) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
}

async function stopAll() {
  await stopBrowser();
  await stopCodeServer();
  await stopDesktop();
}

/**
 * Processes this run started that are still alive (Linux /proc): the process groups of
 * code-server and Chromium, and anything whose command line names this run's temporary
 * folder, Chromium's profile folder, or the extension host as its language client's parent.
 */
function leftovers() {
  if (!existsSync('/proc/self/cmdline')) return [];
  const marks = [...state.marks].filter(Boolean);
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let cmd;
    let pgid;
    try {
      cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      pgid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[2]);
    } catch { continue; }
    if (!cmd) continue; // zombies have no command line; init reaps them
    if (state.groups.has(pgid) || marks.some((m) => cmd.includes(m))) out.push(`${name} ${cmd.slice(0, 160)}`);
  }
  return out;
}

function removeTmp() {
  if (!state.tmp) return;
  if (KEEP) {
    log(`kept ${state.tmp} (AXIAL_EXTHOST_KEEP=1)`);
    return;
  }
  rmSync(state.tmp, { recursive: true, force: true });
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    if (state.interrupted) return;
    state.interrupted = true;
    console.error(`[exthost] ${signal}: stopping code-server and Chromium`);
    stopAll().finally(() => {
      const left = leftovers();
      if (left.length) console.error(`[exthost] processes still running after cleanup:\n  ${left.join('\n  ')}`);
      else console.error('[exthost] stopped everything this run started');
      removeTmp();
      process.exit(code);
    });
  });
}

// ------------------------------------------------------------------ build
async function build() {
  if (!noBuild) {
    log('building dist/ (npm run build)');
    const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new HarnessError(`npm run build failed (exit ${r.status ?? r.signal})`);
  }
  for (const f of ['client.js', 'server.js']) {
    if (!existsSync(join(root, 'dist', f))) throw new HarnessError(`dist/${f} is missing: run npm run build`);
  }
  const esbuild = require('esbuild');
  const entryPoints = Object.fromEntries(
    readdirSync(SUITE_SRC).filter((f) => f.endsWith('.ts')).map((f) => [f.replace(/\.ts$/, ''), join(SUITE_SRC, f)]),
  );
  // Remove only outputs whose source is gone (so a deleted test never runs), not the whole
  // folder: another run reading out/exthost/ at the same time keeps working.
  for (const f of existsSync(SUITE_OUT) ? readdirSync(SUITE_OUT) : []) {
    if (!entryPoints[f.replace(/\.js(\.map)?$/, '')]) rmSync(join(SUITE_OUT, f), { recursive: true, force: true });
  }
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true, // .js.map beside each bundle: index.js maps failure stacks to test/exthost/*.ts
    // vscode is the extension host's; mocha is required from node_modules at run time
    // (out/exthost/ resolves it from the repository's node_modules).
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  log(`bundled the suite to ${SUITE_OUT.slice(root.length + 1)}/ (${Object.keys(entryPoints).length - 1} files besides index.js)`);
}

// ------------------------------------------------------------------ results
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readProgress(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => {
      try { return JSON.parse(l); } catch { return undefined; }
    }).filter(Boolean);
  } catch {
    return [];
  }
}

function indent(text, by) {
  return String(text).split('\n').map((l) => by + l).join('\n');
}

/** Prints the results mocha-style; returns {passed, failed} including harness failures. */
function report(result, harnessFailures) {
  const tests = result?.tests ?? [];
  const failures = [];
  let lastSuite = '';
  console.log('');
  for (const t of tests) {
    const suite = t.suite.join(' › ');
    if (suite !== lastSuite) {
      console.log(`  ${suite}`);
      lastSuite = suite;
    }
    const ms = t.durationMs !== undefined ? ` (${t.durationMs}ms)` : '';
    if (t.state === 'passed') console.log(`    ✓ ${t.title}${ms}`);
    else if (t.state === 'pending') console.log(`    - ${t.title}`);
    else {
      failures.push(t);
      console.log(`    ${failures.length}) ${t.title}`);
    }
  }
  const passed = tests.filter((t) => t.state === 'passed').length;
  const pending = tests.filter((t) => t.state === 'pending').length;
  console.log('');
  console.log(`  ${passed} passing${result ? ` (${seconds(result.durationMs)})` : ''}`);
  if (pending) console.log(`  ${pending} pending`);
  if (failures.length + harnessFailures.length) console.log(`  ${failures.length + harnessFailures.length} failing`);
  let n = 0;
  for (const t of failures) {
    n++;
    console.log('');
    console.log(`  ${n}) ${t.suite.join(' › ')}`);
    console.log(`       ${t.title}:`);
    const e = t.error ?? { message: '(no error)' };
    const stack = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 6).join('\n');
    console.log(indent(`${e.message}`, '     '));
    if (e.expected !== undefined && e.actual !== undefined && e.expected !== e.actual) {
      console.log(indent(`expected: ${e.expected}`, '     '));
      console.log(indent(`actual:   ${e.actual}`, '     '));
    }
    if (stack) console.log(indent(stack.replace(/^\s+/gm, ''), '       '));
  }
  for (const h of harnessFailures) {
    n++;
    console.log('');
    console.log(`  ${n}) extension-host harness:`);
    console.log(indent(h, '     '));
  }
  return { passed, failed: failures.length + harnessFailures.length };
}

// ------------------------------------------------------------------ desktop VS Code
/** The Electron executable of a desktop VS Code, or undefined. Never downloads. */
function desktopExecutable() {
  const fromEnv = process.env.AXIAL_VSCODE_EXECUTABLE;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new HarnessError(`AXIAL_VSCODE_EXECUTABLE=${fromEnv} does not exist`);
    return fromEnv;
  }
  const which = spawnSync(process.platform === 'win32' ? 'where' : 'sh', process.platform === 'win32' ? ['code'] : ['-c', 'command -v code'], { encoding: 'utf8' });
  const cli = (which.stdout ?? '').split(/\r?\n/)[0]?.trim();
  if (which.status !== 0 || !cli) return undefined;
  let real;
  try { real = realpathSync(cli); } catch { return undefined; }
  // The `code` CLI script lives in <install>/bin/ (Linux, Windows) or
  // <App>/Contents/Resources/app/bin/ (macOS); the executable is outside bin/.
  const bin = dirname(real);
  const candidates = process.platform === 'darwin'
    ? [resolve(bin, '../../../MacOS/Electron'), resolve(bin, '../../../MacOS/Code')]
    : process.platform === 'win32'
      ? [resolve(bin, '..', 'Code.exe'), resolve(bin, '..', 'Code - Insiders.exe'), resolve(bin, '..', 'VSCodium.exe')]
      : [resolve(bin, '..', 'code'), resolve(bin, '..', 'code-insiders'), resolve(bin, '..', 'codium')];
  const found = candidates.find((c) => { try { return statSync(c).isFile(); } catch { return false; } });
  if (!found) log(`\`code\` is on the PATH (${real}) but no VS Code executable was found next to it; using code-server`);
  return found;
}

async function runDesktop(executable, workspace, resultFile) {
  const { runTests } = await import('@vscode/test-electron');
  log(`desktop VS Code: ${executable}`);
  state.desktopChildren = true;
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new HarnessError(`timed out after ${seconds(TIMEOUT_MS)} (AXIAL_EXTHOST_TIMEOUT_MS)`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([
      runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: root,
        extensionTestsPath: join(SUITE_OUT, 'index.js'),
        extensionTestsEnv: { AXIAL_EXTHOST_RESULT: resultFile },
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          `--user-data-dir=${join(state.tmp, 'user-data')}`,
          `--extensions-dir=${join(state.tmp, 'extensions')}`,
        ],
      }).catch((err) => {
        // A non-zero exit is expected when tests fail; the result file says which.
        if (!existsSync(resultFile)) throw new HarnessError(`VS Code exited without results: ${err.message}`);
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    await stopDesktop();
  }
  return readJson(resultFile);
}

// ------------------------------------------------------------------ code-server
const SETTINGS = {
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'files.autoSave': 'off',
  'editor.formatOnSave': false,
  'files.trimTrailingWhitespace': false,
  'files.insertFinalNewline': false,
};

/** Last lines of the newest file matching `test` under `dir` (recursive). */
function newestLogTail(dir, test, lines = 30) {
  const found = [];
  const walk = (d) => {
    let entries = [];
    try { entries = readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (test(p)) found.push(p);
    }
  };
  walk(dir);
  if (found.length === 0) return undefined;
  found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const text = readFileSync(found[0], 'utf8').trimEnd();
  return { file: found[0], tail: text.split('\n').slice(-lines).join('\n') };
}

function printLogs(attempt) {
  const { cs, consoleLines, userDataDir } = attempt;
  const section = (title, body) => console.error(`--- ${title} ---\n${body || '(empty)'}\n${'-'.repeat(title.length + 8)}`);
  if (cs) section(`code-server log (tail) ${cs.logFile}`, cs.logTail(30));
  if (userDataDir) {
    const exthost = newestLogTail(join(userDataDir, 'logs'), (p) => /exthost\d*[/\\]remoteexthost\.log$/.test(p) || /exthost\d*[/\\]exthost\.log$/.test(p));
    if (exthost) section(`extension host log (tail) ${exthost.file}`, exthost.tail);
    const axial = newestLogTail(join(userDataDir, 'logs'), (p) => /Axial[^/\\]*\.log$/.test(p));
    if (axial) section(`Axial output (tail) ${axial.file}`, axial.tail);
  }
  if (consoleLines?.length) section('workbench console (tail)', consoleLines.slice(-25).join('\n'));
}

function progressSummary(progressFile) {
  const events = readProgress(progressFile);
  const done = events.filter((e) => e.event === 'pass' || e.event === 'fail' || e.event === 'pending');
  const lastTest = [...events].reverse().find((e) => e.event === 'test');
  const running = lastTest && !done.some((e) => e.title === lastTest.title) ? lastTest.title : undefined;
  return { events, done, running };
}

async function launchChromium() {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM_PATH)) throw new StartError(`${CHROMIUM_PATH} not found (apt-get install chromium)`);
  const home = join(VSCODE_TEST_DIR, 'chromium-home');
  // launchServer gives the browser's process (and with it its process group) to stop.
  const server = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // This script stops Chromium itself (and code-server first): Playwright's own
    // handlers would exit the process before that cleanup ran.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
  });
  state.browserServer = server;
  state.chromiumPid = server.process()?.pid;
  if (state.chromiumPid) {
    state.groups.add(state.chromiumPid);
    try {
      const cmd = readFileSync(`/proc/${state.chromiumPid}/cmdline`, 'utf8').split('\0');
      state.marks.add(cmd.find((a) => a.startsWith('--user-data-dir=')));
    } catch { /* not Linux */ }
  }
  state.browser = await chromium.connect(server.wsEndpoint());
  return state.browser;
}

/** One attempt: code-server + workbench + suite. Resolves with the result JSON. */
async function attemptCodeServer(n, workspace, resultFile, deadline, attempt) {
  const progressFile = `${resultFile}.progress`;
  rmSync(resultFile, { force: true });
  rmSync(progressFile, { force: true });
  const startDeadline = Math.min(Date.now() + START_TIMEOUT_MS, deadline);
  const left = () => startDeadline - Date.now();

  // A fresh copy for every attempt, so nothing an aborted attempt did can leak into the next.
  rmSync(workspace, { recursive: true, force: true });
  cpSync(EXAMPLE, workspace, { recursive: true });
  attempt.userDataDir = join(state.tmp, `user-data-${n}`);
  log(`attempt ${n}: starting code-server on the copy ${workspace}`);
  try {
    // code-server hands its environment on to the extension host: the suite finds the result path there.
    process.env.AXIAL_EXTHOST_RESULT = resultFile;
    state.cs = await startCodeServer({
      workspace,
      userDataDir: attempt.userDataDir,
      settings: SETTINGS,
      timeoutMs: Math.max(5_000, Math.min(60_000, left())),
    });
  } catch (err) {
    throw new StartError(`code-server did not start: ${err.message}`);
  }
  const cs = state.cs;
  attempt.cs = cs;
  state.groups.add(cs.pid);
  let csExited;
  cs.exited.then((info) => { csExited = info; });
  log(`attempt ${n}: code-server pid ${cs.pid} on port ${cs.port} (up at ${seconds(Date.now() - t0)})`);

  let browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    throw new StartError(`Chromium did not start: ${String(err.message).split('\n')[0]}`);
  }
  let crashed;
  browser.on('disconnected', () => { crashed ??= 'Chromium disconnected'; });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('crash', () => { crashed = 'the workbench page crashed'; });
  page.on('console', (m) => {
    attempt.consoleLines.push(`[${m.type()}] ${m.text()}`.slice(0, 500));
    if (attempt.consoleLines.length > 200) attempt.consoleLines.shift();
  });
  page.on('pageerror', (e) => attempt.consoleLines.push(`[pageerror] ${e.message}`.slice(0, 500)));

  const remote = (p) => `vscode-remote://${HOST}:${cs.port}${p.split('/').map(encodeURIComponent).join('/')}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(join(SUITE_OUT, 'index.js'))],
  ]);
  const url = `${cs.url}&payload=${encodeURIComponent(payload)}`;
  try {
    await page.goto(url, { timeout: Math.max(1_000, left()) });
  } catch (err) {
    await Promise.race([cs.exited, delay(500)]);
    if (csExited) throw new StartError(`code-server exited (${csExited}) while the workbench loaded`);
    throw new StartError(`the workbench page did not load: ${String(err.message).split('\n')[0].replace(url, '<workbench URL>')}`);
  }

  // Started = the suite wrote its `start` event.
  for (;;) {
    if (readProgress(progressFile).some((e) => e.event === 'start')) break;
    if (existsSync(resultFile)) break;
    if (csExited) throw new StartError(`code-server exited (${csExited}) before the suite started`);
    if (crashed) throw new StartError(`${crashed} before the suite started`);
    if (left() <= 0) {
      const workbench = await page.locator('.monaco-workbench').count().catch(() => 0);
      throw new StartError(
        `the suite did not start within ${seconds(Math.min(START_TIMEOUT_MS, deadline - t0))} ` +
        `(workbench ${workbench ? 'loaded' : 'not loaded'}; extension host never ran run())`);
    }
    await delay(100);
  }
  const start = readProgress(progressFile).find((e) => e.event === 'start');
  if (start?.pid) state.marks.add(`--clientProcessId=${start.pid}`); // Axial's language server
  log(`attempt ${n}: the suite started in the extension host (pid ${start?.pid ?? '?'}, VS Code ${start?.vscode ?? '?'}, ` +
    `result path via ${start?.via ?? '?'}) at ${seconds(Date.now() - t0)}`);

  // Wait for the result file (written atomically at the end of run()).
  for (;;) {
    const result = existsSync(resultFile) ? readJson(resultFile) : undefined;
    if (result) return result;
    if (csExited) throw new HarnessError(`code-server exited (${csExited}) while the suite ran`);
    if (crashed) throw new HarnessError(`${crashed} while the suite ran`);
    if (Date.now() > deadline) {
      const { done, running } = progressSummary(progressFile);
      throw new HarnessError(
        `timed out after ${seconds(TIMEOUT_MS)} (AXIAL_EXTHOST_TIMEOUT_MS) waiting for the suite's results; ` +
        `${done.length} test(s) finished${running ? `; still running: "${running}"` : ''}`);
    }
    await delay(100);
  }
}

async function runCodeServer(workspace, resultFile) {
  await ensureCodeServer({ quiet: true });
  const deadline = Date.now() + TIMEOUT_MS;
  const retries = [];
  for (let n = 1; ; n++) {
    const attempt = { consoleLines: [] };
    try {
      const result = await attemptCodeServer(n, workspace, resultFile, deadline, attempt);
      await stopAll();
      return { result, retries };
    } catch (err) {
      const retry = err instanceof StartError && n < MAX_ATTEMPTS && Date.now() < deadline && !state.interrupted;
      if (!state.interrupted) {
        console.error(`[exthost] attempt ${n} failed: ${err.message}`);
        printLogs(attempt);
      }
      await stopAll();
      if (retry) {
        const note = `start attempt ${n} failed (${err.message.split('\n')[0]}); retried`;
        retries.push(note);
        log(`RETRY: start attempt ${n} failed (${err.message.split('\n')[0]}); trying once more`);
        continue;
      }
      // What the suite finished before a timeout or crash.
      const { done } = progressSummary(`${resultFile}.progress`);
      err.partial = done;
      err.retries = retries;
      throw err;
    }
  }
}

// ------------------------------------------------------------------ main
let summary = { passed: 0, failed: 1 };
try {
  await build();
  state.tmp = mkdtempSync(join(tmpdir(), 'axial-exthost-'));
  state.marks.add(state.tmp);
  const workspace = join(state.tmp, 'workspace');
  cpSync(EXAMPLE, workspace, { recursive: true });
  const resultFile = join(state.tmp, RESULT_NAME);

  const executable = forceCodeServer ? undefined : desktopExecutable();
  let result;
  let retries = [];
  try {
    if (executable) result = await runDesktop(executable, workspace, resultFile);
    else ({ result, retries } = await runCodeServer(workspace, resultFile));
  } catch (err) {
    if (state.interrupted) throw err;
    // A harness failure: report what the suite finished (from its progress file) plus the failure.
    const partial = (err.partial ?? []).map((e) => ({
      suite: ['(finished before the harness failed)'], title: e.title, fullTitle: e.title,
      state: e.event === 'pass' ? 'passed' : e.event === 'fail' ? 'failed' : 'pending',
      durationMs: e.durationMs, error: e.message ? { message: e.message } : undefined,
    }));
    summary = report({ tests: partial, durationMs: Date.now() - t0 }, [err.message]);
    for (const r of err.retries ?? []) log(`NOTE: VS Code's ${r}`);
    throw Object.assign(new Error(err.message), { reported: true });
  }

  if (!result) throw new HarnessError('no result file was written');
  log(`results from ${basename(resultFile)} (path via ${result.via}; VS Code ${result.vscode?.version}, ` +
    `${result.vscode?.appHost}, Node ${result.node}, suite ${seconds(result.durationMs)})`);

  const harness = [];
  if (result.error) harness.push(`the suite did not run: ${result.error}`);
  if ((result.tests ?? []).length === 0) harness.push('no tests ran');
  summary = report(result, harness);
  // A retried start is never silent: say so next to the totals, pass or fail.
  for (const r of retries) log(`NOTE: VS Code's ${r}`);
} catch (err) {
  if (!err.reported && !state.interrupted) {
    console.error(`[exthost] FAILED: ${err.message}`);
    summary = { passed: 0, failed: 1 };
  }
} finally {
  if (!state.interrupted) {
    await stopAll();
    removeTmp();
  }
}
if (!state.interrupted) {
  const left = leftovers();
  if (left.length) {
    console.error(`[exthost] processes still running after cleanup:\n  ${left.join('\n  ')}`);
    summary.failed++;
  } else if (state.groups.size) {
    log(`no processes left behind (process groups ${[...state.groups].join(', ')} are gone)`);
  }
  log(`wall time ${seconds(Date.now() - t0)}`);
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  process.exit(summary.failed === 0 && summary.passed > 0 ? 0 : 1);
}
