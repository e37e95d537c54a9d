/**
 * Revisions to offer in a picker ("Axial: Show Coding Changes…"): HEAD, the
 * recent commits of `git log`, and the branches, read with the real git.
 */
import { GitError, Repository } from './git';

/** A revision and what it is, for a picker. */
export interface Revision {
  revision: string;
  kind: 'head' | 'commit' | 'branch';
  description: string;
}

/** How many commits and branches a picker lists (a typed revision reaches the rest). */
const RECENT_COMMITS = 30;
const BRANCHES = 50;

/** HEAD, recent commits (newest first) and branches (most recently committed first) of the repository holding `cwd`. Throws GitError. */
export async function recentRevisions(cwd: string): Promise<Revision[]> {
  const repo = await Repository.open(cwd);
  let log: string;
  try {
    log = (await repo.git(['log', `-n${RECENT_COMMITS}`, '--no-color', '--format=%h%x00%s%x00%an%x00%ar%x00%D', 'HEAD', '--'])).toString('utf8');
  } catch {
    throw new GitError('the repository has no commit yet: commit first, then compare with it');
  }
  const out: Revision[] = [];
  const commits = log.split('\n').filter(Boolean).map((line) => line.split('\0'));
  const head = commits[0];
  if (head) out.push({ revision: 'HEAD', kind: 'head', description: `${head[0]} ${head[1]} — ${head[2]}, ${head[3]}` });
  for (const [hash, subject, author, age] of commits) out.push({ revision: hash, kind: 'commit', description: `${subject} — ${author}, ${age}` });
  const refs = (
    await repo.git(['for-each-ref', `--count=${BRANCHES}`, '--sort=-committerdate', '--format=%(refname:short)%00%(subject)%00%(committerdate:relative)', 'refs/heads', 'refs/remotes'])
  ).toString('utf8');
  for (const line of refs.split('\n').filter(Boolean)) {
    const [name, subject, age] = line.split('\0');
    if (name.endsWith('/HEAD')) continue; // origin/HEAD repeats a branch
    out.push({ revision: name, kind: 'branch', description: `${subject}, ${age}` });
  }
  return out;
}
