/**
 * The real git, spawned: what `axial diff` needs to read two revisions of a
 * repository (a commit, the index or the working tree). Every failure is a
 * GitError whose message is one line for the researcher. git runs asynchronously,
 * so the language server keeps answering while it works.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A git failure, worded for the terminal: one line, no stack. */
export class GitError extends Error {}

/** One side of a diff: a commit, the index (staged files) or the working tree. */
export type Side = { kind: 'commit'; sha: string; name: string } | { kind: 'index' } | { kind: 'worktree' };

/** A changed path as `git diff --name-status -M` reports it. */
export interface NameStatus {
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  oldPath?: string;
  newPath?: string;
}

/** A repository: its top folder, and the commands `axial diff` runs in it. */
export class Repository {
  private constructor(readonly root: string) {}

  /** The repository holding `cwd`; a GitError when there is none. */
  static async open(cwd: string): Promise<Repository> {
    const r = await runGit(['rev-parse', '--show-toplevel'], cwd, { allowFail: true });
    if (r.status !== 0) throw new GitError(`not a git repository: ${cwd}`);
    return new Repository(r.stdout.toString('utf8').trim());
  }

  /** Runs git in the repository's top folder; a GitError with git's first line on failure. */
  async git(args: string[], input?: Buffer | string): Promise<Buffer> {
    return (await runGit(args, this.root, { input })).stdout;
  }

  /** The commit a revision names; a GitError saying why when it names none. */
  async resolve(rev: string): Promise<Side & { kind: 'commit' }> {
    if (rev.startsWith('-')) throw new GitError(`not a revision: '${rev}'`);
    const r = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], this.root, { allowFail: true });
    if (r.status === 0) return { kind: 'commit', sha: r.stdout.toString('utf8').trim(), name: rev };
    if (rev === 'HEAD' && (await runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], this.root, { allowFail: true })).status !== 0) {
      throw new GitError('the repository has no commit yet (HEAD names none): commit first, or name two revisions');
    }
    if (await this.isShallow()) throw new GitError(`unknown revision '${rev}': this is a shallow clone that may not hold it; fetch more history (git fetch --unshallow, or fetch-depth: 0 in GitHub Actions)`);
    throw new GitError(`unknown revision '${rev}'`);
  }

  /** The commit where `b` forked from `a` (git merge-base), named after `name`. */
  async mergeBase(a: Side & { kind: 'commit' }, b: Side & { kind: 'commit' }, name: string): Promise<Side & { kind: 'commit' }> {
    const r = await runGit(['merge-base', a.sha, b.sha], this.root, { allowFail: true });
    if (r.status !== 0) throw new GitError(`'${name}' and '${b.name}' have no common ancestor${(await this.isShallow()) ? ' in this shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in GitHub Actions)' : ''}`);
    return { kind: 'commit', sha: r.stdout.toString('utf8').trim(), name: `${name}...${b.name}` };
  }

  /** True in a shallow clone (history cut off). */
  async isShallow(): Promise<boolean> {
    return (await runGit(['rev-parse', '--is-shallow-repository'], this.root, { allowFail: true })).stdout.toString('utf8').trim() === 'true';
  }

  /** The paths that differ from `a` to `b`, with git's rename detection; untracked files count as added in the working tree. */
  async changes(a: Side & { kind: 'commit' }, b: Side): Promise<NameStatus[]> {
    const base = ['-c', 'core.quotepath=off', 'diff', '--no-relative', '--no-ext-diff', '--no-color', '--name-status', '-M', '-z'];
    const args = b.kind === 'commit' ? [...base, a.sha, b.sha] : b.kind === 'index' ? [...base, '--cached', a.sha] : [...base, a.sha];
    const out = parseNameStatus((await this.git([...args, '--'])).toString('utf8'));
    if (b.kind === 'worktree') {
      for (const p of nulList(await this.git(['ls-files', '-z', '--others', '--exclude-standard']))) out.push({ status: 'added', newPath: p });
    }
    return out;
  }

  /** Every file path of a side. */
  async files(side: Side): Promise<string[]> {
    if (side.kind === 'commit') return nulList(await this.git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', side.sha]));
    if (side.kind === 'index') return nulList(await this.git(['ls-files', '-z', '--cached']));
    return nulList(await this.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']));
  }

  /** The bytes of files on a side; undefined for a path the side does not hold. */
  async read(side: Side, paths: string[]): Promise<Map<string, Buffer | undefined>> {
    const out = new Map<string, Buffer | undefined>();
    if (paths.length === 0) return out;
    if (side.kind === 'worktree') {
      // Several reads at a time (as host/nodeFiles.ts does), kept in the order asked.
      const bytes = await mapLimited(paths, 32, (p) => fs.readFile(path.join(this.root, ...p.split('/'))).catch(() => undefined));
      paths.forEach((p, i) => out.set(p, bytes[i]));
      return out;
    }
    // One `git cat-file --batch` for all of them: one process instead of one per file.
    const prefix = side.kind === 'commit' ? `${side.sha}:` : ':';
    const names = paths.filter((p) => !/[\r\n]/.test(p));
    const stdout = await this.git(['cat-file', '--batch'], names.map((p) => `${prefix}${p}\n`).join(''));
    let at = 0;
    for (const p of names) {
      const nl = stdout.indexOf(10, at);
      const header = stdout.subarray(at, nl).toString('utf8');
      at = nl + 1;
      const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!m) {
        out.set(p, undefined); // "<name> missing"
        continue;
      }
      const size = Number(m[2]);
      out.set(p, m[1] === 'blob' ? stdout.subarray(at, at + size) : undefined);
      at += size + 1;
    }
    return out;
  }

  /** The files of a commit under `folder` whose text contains any of the strings. */
  async grep(side: Side & { kind: 'commit' }, strings: string[], folder: string): Promise<string[]> {
    const args = ['grep', '-l', '-z', '-F', '--full-name', ...strings.flatMap((s) => ['-e', s]), side.sha, '--', folder === '' ? '.' : folder];
    const r = await runGit(args, this.root, { allowFail: true });
    if (r.status === 1) return []; // no match
    if (r.status !== 0) throw new GitError(firstLine(r.stderr) || 'git grep failed');
    const prefix = `${side.sha}:`;
    return nulList(r.stdout).map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p));
  }
}

/** `git diff --name-status -z` output as changes (copies count as added files, type changes as modified). */
export function parseNameStatus(out: string): NameStatus[] {
  const f = out.split('\0');
  const list: NameStatus[] = [];
  for (let i = 0; i + 1 < f.length; ) {
    const code = f[i][0];
    if (code === 'R' || code === 'C') {
      const [from, to] = [f[i + 1], f[i + 2]];
      list.push(code === 'R' ? { status: 'renamed', oldPath: from, newPath: to } : { status: 'added', newPath: to });
      i += 3;
      continue;
    }
    const p = f[i + 1];
    if (code === 'A') list.push({ status: 'added', newPath: p });
    else if (code === 'D') list.push({ status: 'deleted', oldPath: p });
    else list.push({ status: 'modified', oldPath: p, newPath: p });
    i += 2;
  }
  return list;
}

function nulList(b: Buffer): string[] {
  return b
    .toString('utf8')
    .split('\0')
    .filter((s) => s !== '');
}

function firstLine(b: Buffer | string): string {
  return b.toString().trim().split('\n')[0]?.replace(/^(fatal|error): /, '') ?? '';
}

/**
 * Awaits two pieces of git work that run side by side; when both fail, the first's
 * error is the one thrown, as when they ran in turn.
 */
export async function inOrder<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/** Runs `fn` on every item, at most `limit` at a time; the results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function runGit(args: string[], cwd: string, opts: { input?: Buffer | string; allowFail?: boolean }): Promise<{ status: number; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Never ask for a password or open a pager (this runs in CI too), and never
      // refresh the index behind the user's back: `axial diff` writes nothing.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (c: Buffer) => stdout.push(c));
    child.stderr!.on('data', (c: Buffer) => stderr.push(c));
    // git may exit before it has read all of its input (a failing command): that is its answer, not an error.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(opts.input ?? '');
    let failed = false;
    child.on('error', (err: NodeJS.ErrnoException) => {
      failed = true;
      reject(new GitError(err.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `git could not run: ${err.message}`));
    });
    child.on('close', (code) => {
      if (failed) return;
      const res = { status: code ?? 1, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
      if (res.status !== 0 && !opts.allowFail) reject(new GitError(firstLine(res.stderr) || `git ${args[0]} failed`));
      else resolve(res);
    });
  });
}
