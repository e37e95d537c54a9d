/**
 * The bundled `axial` command of this checkout run as a process, as a person at a
 * shell or CI runs it: no colours (NO_COLOR=1), unless `env` says otherwise.
 * Repository-bound runs go through test/helpers/scratchGit.ts instead.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as path from 'node:path';

/** dist/cli.js of this checkout (test/helpers/ is two levels under it). */
export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** What a run printed and its exit code. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `axial args…` in `cwd`; `env` is added to this process's environment, `options` go to spawnSync (a uid, a timeout). */
export function runAxial(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, options: Pick<SpawnSyncOptions, 'uid' | 'gid' | 'timeout'> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, ...options });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
