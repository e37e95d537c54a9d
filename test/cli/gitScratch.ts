import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';

/** The bundled CLI. */
export const CLI = path.join(REPO, 'dist', 'cli.js');

/**
 * A scratch git repository for CLI tests: its own HOME and no system config, so
 * nothing of the machine's git setup (identity, merge style, autocrlf) leaks in.
 */
export class ScratchRepo {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'axial-git-'));
    const home = path.join(this.dir, '.home');
    mkdirSync(home);
    this.env = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Axial Test',
      GIT_AUTHOR_EMAIL: 'test@axial.invalid',
      GIT_COMMITTER_NAME: 'Axial Test',
      GIT_COMMITTER_EMAIL: 'test@axial.invalid',
      NO_COLOR: '1',
    };
    this.dir = path.join(this.dir, 'repo');
    mkdirSync(this.dir);
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'core.autocrlf', 'false');
  }

  /** Runs git; throws with its output when it fails, unless `allowFail`. */
  git(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    return this.run('git', args, false);
  }

  gitMayFail(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    return this.run('git', args, true);
  }

  /** Runs the bundled `axial` with these arguments in the repository. */
  axial(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    return this.run(process.execPath, [CLI, ...args], true);
  }

  write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  commitAll(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
  }

  cleanup(): void {
    rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }

  private run(cmd: string, args: string[], allowFail: boolean) {
    const r = spawnSync(cmd, args, { cwd: this.dir, env: this.env, encoding: 'utf8' });
    const out = { code: r.status, stdout: r.stdout, stderr: r.stderr };
    if (!allowFail && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
    return out;
  }
}

/** A small project: a codebook and one transcript. */
export function writeProject(repo: ScratchRepo, transcript: string, file = 'transcripts/patient.md'): void {
  repo.write('codebook.yaml', 'version: 1\ntitle: Scratch\ncoders:\n  CA: Carolina\n  LN: Lucía\ncodes:\n  trust: {}\n  listening: {}\n  agree: {}\n');
  repo.write(file, transcript);
}
