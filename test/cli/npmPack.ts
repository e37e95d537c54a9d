import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';

/** Top-level entries of the repository that are build output, caches or machine state, not source. */
const NOT_SOURCE = new Set(['node_modules', 'dist', '.git', 'out', '.vscode-test', 'test-output']);

/** What `npm pack` made of this repository. */
export interface Packed {
  /** Absolute path of the tarball (axial-qda-<version>.tgz). */
  tarball: string;
  /** Its file name. */
  filename: string;
  /** The files in it, sorted. */
  files: string[];
  /** Its size in bytes. */
  size: number;
}

/**
 * The environment for npm in tests: no npm_* settings inherited from an `npm run`
 * above, a scratch cache, and a registry where nothing listens, so an install that
 * would need the network fails instead of downloading. `node` of this process is
 * first on the PATH (for the installed CLI's `#!/usr/bin/env node`).
 */
export function npmEnv(base: NodeJS.ProcessEnv, scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!/^npm_/i.test(k)) env[k] = v;
  return {
    ...env,
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${base.PATH}`,
    npm_config_cache: path.join(scratch, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

/** Runs npm; fails the test with npm's output when it fails. Returns standard output. */
export function npm(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

let packed: Packed | undefined;

/**
 * `npm pack` of this repository, as a researcher's clone would make it: on a copy
 * of the source (so `prepare`, a production build, leaves this checkout's dist/
 * alone) with this checkout's node_modules. Made once per test process and shared;
 * removed when the process exits.
 */
export function packAxial(): Packed {
  if (packed) return packed;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'axial-pack-'));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const src = path.join(tmp, 'src');
  cpSync(REPO, src, {
    recursive: true,
    filter: (from) => {
      const rel = path.relative(REPO, from);
      return !NOT_SOURCE.has(rel.split(path.sep)[0]) && !/\.(vsix|tgz)$/.test(rel) && !rel.startsWith(path.join('bench', 'corpus'));
    },
  });
  symlinkSync(realpathSync(path.join(REPO, 'node_modules')), path.join(src, 'node_modules'), 'dir');
  const out = path.join(tmp, 'out');
  mkdirSync(out);
  const json = npm(src, npmEnv(process.env, tmp), 'pack', '--json', '--pack-destination', out);
  const [info] = JSON.parse(json.slice(json.indexOf('['))) as { filename: string; files: { path: string }[]; size: number }[];
  packed = { tarball: path.join(out, info.filename), filename: info.filename, files: info.files.map((f) => f.path).sort(), size: info.size };
  return packed;
}
