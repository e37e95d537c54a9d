#!/usr/bin/env node
// Installs code-server (a real VS Code 1.100.3 server + web workbench) into
// .vscode-test/code-server/ without any download other than the npm registry and
// Debian packages. Follows /work/shared/vscode-web/NOTES.md step by step.
//
// Idempotent and cached: a completed install writes .vscode-test/code-server/.installed
// holding the version, and a second run only checks that marker.
//
//   node scripts/code-server/install.mjs            # install (or confirm the cache)
//   node scripts/code-server/install.mjs --force    # reinstall from scratch
//
// Also importable: `import { ensureCodeServer, CODE_SERVER_ENTRY } from './install.mjs'`.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync,
  symlinkSync, lstatSync, writeFileSync, readlinkSync, unlinkSync, chmodSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VSCODE_TEST_DIR = join(REPO_ROOT, '.vscode-test');
export const INSTALL_DIR = join(VSCODE_TEST_DIR, 'code-server');
export const CODE_SERVER_PKG = join(INSTALL_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
const VSCODE_DIR = join(CODE_SERVER_PKG, 'lib', 'vscode');
const MARKER = join(INSTALL_DIR, '.installed');
const LOG = join(INSTALL_DIR, 'install.log');
const LOCK = join(VSCODE_TEST_DIR, 'code-server.install-lock');
const APT_PACKAGES = ['libkrb5-dev', 'ripgrep', 'chromium'];
// Native modules of VS Code's server; each must load in Node after the rebuild.
const VSCODE_NATIVE = ['kerberos', '@vscode/spdlog', '@parcel/watcher', 'native-watchdog', '@vscode/deviceid', 'node-pty'];

const HOME_DIR = join(VSCODE_TEST_DIR, 'code-server-home');

/**
 * Environment for a code-server process: it keeps its config.yaml, coder-logs and
 * caches under .vscode-test/ instead of writing ~/.config/code-server,
 * ~/.local/share/code-server and ~/.cache.
 */
export function codeServerEnv(extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(HOME_DIR, 'config'),
    XDG_DATA_HOME: join(HOME_DIR, 'data'),
    XDG_CACHE_HOME: join(HOME_DIR, 'cache'),
    ...extra,
  };
}

const log = (msg) => console.log(`[code-server install] ${msg}`);

export class InstallError extends Error {}

export function isInstalled() {
  try {
    return readFileSync(MARKER, 'utf8').trim() === CODE_SERVER_VERSION && existsSync(CODE_SERVER_ENTRY);
  } catch {
    return false;
  }
}

/** Runs a command, output to install.log; rejects with the log tail on failure. */
function run(cmd, args, { cwd, env, allowFail = false } = {}) {
  appendFileSync(LOG, `\n$ (cd ${cwd}) ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const collect = (chunk) => {
      appendFileSync(LOG, chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => reject(new InstallError(`could not run ${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0 || allowFail) return resolvePromise({ code, tail });
      reject(new InstallError(
        `command failed (${signal ?? `exit ${code}`}): ${cmd} ${args.join(' ')}\n` +
        `  in ${cwd}\n  full log: ${LOG}\n--- last output ---\n${tail.trimEnd()}\n-------------------`));
    });
  });
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg', ['-s', pkg], { encoding: 'utf8' });
  if (r.error) return null; // no dpkg: not a Debian system
  return r.status === 0 && /^Status: install ok installed$/m.test(r.stdout);
}

async function ensureAptPackages() {
  const missing = [];
  for (const pkg of APT_PACKAGES) {
    const state = dpkgInstalled(pkg);
    if (state === null) {
      log('dpkg not found: skipping the Debian package check (need libkrb5 headers, rg, chromium)');
      return;
    }
    if (!state) missing.push(pkg);
  }
  if (missing.length === 0) {
    log(`system packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new InstallError(
      `missing Debian packages: ${missing.join(' ')}; not root, so not installing them.\n` +
      `  Run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')} (this can take a minute)`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { cwd: INSTALL_DIR, env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { cwd: INSTALL_DIR, env });
}

function symlink(target, path) {
  try {
    if (lstatSync(path).isSymbolicLink() && readlinkSync(path) === target) return;
    unlinkSync(path);
  } catch { /* does not exist */ }
  symlinkSync(target, path);
}

/** Takes the install lock, waiting while another live process holds it. */
async function acquireLock() {
  mkdirSync(VSCODE_TEST_DIR, { recursive: true });
  let announced = false;
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return () => rmSync(LOCK, { force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let pid = 0;
    try { pid = Number(readFileSync(LOCK, 'utf8')); } catch { continue; }
    let alive = false;
    try { process.kill(pid, 0); alive = pid > 0; } catch (err) { alive = err.code === 'EPERM'; }
    if (!alive) {
      rmSync(LOCK, { force: true }); // stale lock of a killed run
      continue;
    }
    if (!announced) log(`waiting for another install to finish (pid ${pid}, lock ${LOCK})`);
    announced = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Installs code-server if needed; returns the path of its entry.js. */
export async function ensureCodeServer({ force = false, quiet = false } = {}) {
  if (!force && isInstalled()) {
    if (!quiet) log(`code-server ${CODE_SERVER_VERSION} already installed in ${INSTALL_DIR}`);
    return CODE_SERVER_ENTRY;
  }
  const release = await acquireLock();
  const started = Date.now();
  try {
    if (!force && isInstalled()) {
      log(`code-server ${CODE_SERVER_VERSION} was installed meanwhile by another process`);
      return CODE_SERVER_ENTRY;
    }
    if (force || (existsSync(MARKER) && !isInstalled())) {
      log(`removing previous install in ${INSTALL_DIR}`);
      rmSync(INSTALL_DIR, { recursive: true, force: true });
    }
    mkdirSync(INSTALL_DIR, { recursive: true });
    writeFileSync(LOG, `code-server ${CODE_SERVER_VERSION} install, ${new Date().toISOString()}\n`);
    log(`installing code-server ${CODE_SERVER_VERSION} into ${INSTALL_DIR} (fresh: 1-3 min, ~320 MB); log: ${LOG}`);

    let step = 0;
    const steps = 9;
    const t = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
    const say = (msg) => log(`[${++step}/${steps}] ${msg} (at ${t()})`);
    const npmEnv = { npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

    say('checking Debian packages (libkrb5-dev, ripgrep, chromium)');
    await ensureAptPackages();

    say('npm install --ignore-scripts code-server');
    writeFileSync(join(INSTALL_DIR, 'package.json'), JSON.stringify({
      name: 'axial-code-server', version: '0.0.0', private: true,
      description: 'Cache of code-server for Axial (scripts/code-server/install.mjs)',
    }, null, 2) + '\n');
    await run('npm', ['install', '--ignore-scripts', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], { cwd: INSTALL_DIR, env: npmEnv });
    if (!existsSync(join(VSCODE_DIR, 'package.json'))) {
      throw new InstallError(`code-server package has no lib/vscode/package.json at ${VSCODE_DIR}`);
    }

    say("npm install VS Code's own dependencies (lib/vscode)");
    await run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: VSCODE_DIR, env: npmEnv });

    say('copying ripgrep (/usr/bin/rg) into @vscode/ripgrep');
    const rgPath = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/rg';
    if (!existsSync(rgPath)) throw new InstallError('ripgrep (rg) not found; install the Debian package "ripgrep"');
    const rgBin = join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgBin, { recursive: true });
    copyFileSync(rgPath, join(rgBin, 'rg'));
    chmodSync(join(rgBin, 'rg'), 0o755);

    say('npm rebuild of the native modules (kerberos, spdlog, watcher, watchdog, deviceid, node-pty)');
    const rebuild = await run('npm', ['rebuild', ...VSCODE_NATIVE], { cwd: VSCODE_DIR, env: npmEnv, allowFail: true });
    // node-pty's post-install step may fail (npx node-gyp) after pty.node is built:
    // judge the rebuild by whether every native module now loads.
    const missing = VSCODE_NATIVE.filter((name) => !existsSync(join(VSCODE_DIR, 'node_modules', name, 'package.json')) ||
      spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: VSCODE_DIR, stdio: 'ignore', timeout: 30_000 }).status !== 0);
    if (missing.length > 0) {
      throw new InstallError(
        `native modules do not load after npm rebuild: ${missing.join(', ')}\n` +
        `  npm rebuild exited ${rebuild.code}; full log: ${LOG}\n--- last output ---\n${rebuild.tail.trimEnd()}\n-------------------`);
    }
    if (rebuild.code !== 0) log(`  npm rebuild exited ${rebuild.code}, but every native module loads (known node-pty quirk)`);

    say('symlinks (node_modules.asar, remote-cli, browser helper)');
    symlink('node_modules', join(VSCODE_DIR, 'node_modules.asar'));
    symlink('code-linux.sh', join(VSCODE_DIR, 'bin', 'remote-cli', 'code-server'));
    symlink('browser-linux.sh', join(VSCODE_DIR, 'bin', 'helpers', 'browser.sh'));

    say("npm install of the built-in extensions' dependencies");
    await run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: join(VSCODE_DIR, 'extensions'), env: npmEnv });

    say("npm rebuild argon2 (code-server's own native module)");
    await run('npm', ['rebuild', 'argon2'], { cwd: INSTALL_DIR, env: npmEnv });

    say('checking that code-server starts');
    const version = spawnSync(process.execPath, [CODE_SERVER_ENTRY, '--version'], { encoding: 'utf8', timeout: 60_000, env: codeServerEnv() });
    const versionLine = (version.stdout ?? '').split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION));
    if (version.status !== 0 || !versionLine) {
      throw new InstallError(`code-server --version failed (exit ${version.status}):\n${version.stdout}${version.stderr}`);
    }
    log(`  code-server --version: ${versionLine.trim()}`);

    writeFileSync(MARKER, CODE_SERVER_VERSION + '\n');
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return CODE_SERVER_ENTRY;
  } finally {
    release();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCodeServer({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(`[code-server install] FAILED: ${err instanceof InstallError ? err.message : err.stack ?? err}`);
    process.exit(1);
  });
}
