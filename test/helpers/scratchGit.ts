/**
 * Real git repositories for tests, one set-up for every suite that needs one (the
 * CLI, the language server, the extension host): git runs with a HOME of the
 * test's own and no system config, so nothing of the machine's git setup
 * (identity, merge style, autocrlf, signing) leaks in, and with a fixed identity.
 * Node modules only, so the extension-host suite can bundle it too.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What a command run in a repository gave. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The identity of every commit a test makes (`git log` shows it). */
export const TEST_AUTHOR = { name: 'Axial Test', email: 'test@axial.invalid' };

/** The environment git runs with in tests: this process's, with HOME (and XDG config) at `home`, no system config, the test identity, no colours. */
export function isolatedGitEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: TEST_AUTHOR.name,
    GIT_AUTHOR_EMAIL: TEST_AUTHOR.email,
    GIT_COMMITTER_NAME: TEST_AUTHOR.name,
    GIT_COMMITTER_EMAIL: TEST_AUTHOR.email,
    NO_COLOR: '1',
  };
}

/** A git repository in `dir`, git run with isolatedGitEnv(`home`). */
export class GitRepo {
  readonly env: NodeJS.ProcessEnv;

  protected constructor(
    readonly dir: string,
    /** The HOME git runs with: an empty folder the test owns. */
    readonly home: string,
  ) {
    this.env = isolatedGitEnv(home);
  }

  /**
   * Puts an existing folder (the project a suite runs on, e.g. the extension host's
   * workspace) under git on `branch`, with a HOME of its own: `home` when the test
   * has a folder for it, else a new temporary folder. removeGit() undoes it and
   * leaves the folder's files.
   */
  static initIn(dir: string, branch = 'main', home?: string): GitRepo {
    if (home) mkdirSync(home, { recursive: true });
    const repo = new GitRepo(dir, home ?? mkdtempSync(path.join(os.tmpdir(), 'axial-git-home-')));
    repo.init(branch);
    return repo;
  }

  /** git init on `branch`, line endings as written (whatever the platform's default). */
  protected init(branch: string): void {
    this.git('init', '-q', '-b', branch);
    this.git('config', 'core.autocrlf', 'false');
  }

  /** Runs git in the repository; throws with its output when it fails. */
  git(...args: string[]): RunResult {
    return this.run('git', args, false);
  }

  /** Runs git in the repository and returns whatever it gave, failure included. */
  gitMayFail(...args: string[]): RunResult {
    return this.run('git', args, true);
  }

  /** Writes `text` (or bytes) to `file` (relative to the repository), making its folders. */
  write(file: string, text: string | Uint8Array): void {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  /** Stages every change, commits it and returns the new commit's hash. */
  commitAll(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD').stdout.trim();
  }

  /** Removes the repository (.git) and its HOME; the folder's files stay. */
  removeGit(): void {
    rmSync(path.join(this.dir, '.git'), { recursive: true, force: true });
    rmSync(this.home, { recursive: true, force: true });
  }

  /** Runs `cmd` in the repository (or in `options.cwd`) with the repository's environment changed by `options.env`. */
  protected run(cmd: string, args: string[], allowFail: boolean, options: RunOptions = {}): RunResult {
    const r = spawnSync(cmd, args, { cwd: options.cwd ?? this.dir, env: withChanges(this.env, options.env), encoding: 'utf8' });
    const out = { code: r.status, stdout: r.stdout, stderr: r.stderr };
    if (!allowFail && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
    return out;
  }
}

/** Where and how a command runs, when not in the repository's folder with its environment as it is. */
export interface RunOptions {
  /** The folder to run in (a sub-folder of the repository, or one outside any). */
  cwd?: string;
  /** Variables to set, or with `undefined` to remove (e.g. NO_COLOR, to see what a command does without it). */
  env?: Record<string, string | undefined>;
}

function withChanges(env: NodeJS.ProcessEnv, changes: RunOptions['env']): NodeJS.ProcessEnv {
  if (!changes) return env;
  const out = { ...env };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** The bundled CLI of this checkout (test/helpers/ is two levels under it). */
const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** What a scratch repository is cloned from: a path or URL for git clone, and its options. */
export interface CloneSource {
  /** A path or URL git clone takes (`file://…` for a real transport, so that `--depth` counts). */
  from: string;
  /** More options for git clone, e.g. `--depth 1` or `--no-hardlinks`. */
  args?: string[];
  /** Check out the commit `from` (a folder) has checked out, a worktree's included, not the default branch of its repository. */
  atSourceHead?: boolean;
}

/**
 * A fresh repository in a temporary folder (`dir`), its HOME beside it: empty on
 * branch `main`, or a clone of `source`; cleanup() removes both.
 */
export class ScratchRepo extends GitRepo {
  constructor(source?: CloneSource) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'axial-git-'));
    mkdirSync(path.join(root, '.home'));
    mkdirSync(path.join(root, 'repo'));
    super(path.join(root, 'repo'), path.join(root, '.home'));
    if (!source) {
      this.init('main');
      return;
    }
    this.git('clone', '-q', '-c', 'core.autocrlf=false', ...(source.args ?? []), source.from, '.');
    if (source.atSourceHead) this.git('checkout', '-q', this.git('-C', source.from, 'rev-parse', 'HEAD').stdout.trim());
  }

  /** Runs the bundled `axial` with these arguments in the repository, with the repository's git environment. */
  axial(...args: string[]): RunResult {
    return this.run(process.execPath, [CLI, ...args], true);
  }

  /** Runs the bundled `axial` as axial() does, in another folder or with the environment changed. */
  axialWith(options: RunOptions, ...args: string[]): RunResult {
    return this.run(process.execPath, [CLI, ...args], true, options);
  }

  /** A new folder beside the repository, inside no repository (for commands run outside one); cleanup() removes it. */
  folderOutside(name: string): string {
    const dir = path.join(path.dirname(this.dir), name);
    mkdirSync(dir);
    return dir;
  }

  cleanup(): void {
    rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}
