/**
 * The coding changes between two revisions of a repository (`axial diff`, and
 * `axial/codingChanges` in the editor), read
 * with the real git, across every project in it (core/diff does the comparing).
 */
import { parseTranscript } from '../core';
import { codebookRoot, CodebookCache, diffRepository, Projects, renameCandidatesByProject, type FileContent, type RepositoryDiff } from '../core/diff';
import { extractCodings } from '../core/codings';
import { inOrder, Repository, type Side } from './git';
import { decode } from './decode';

/** What `axial diff` was asked. */
export interface DiffRequest {
  revA?: string;
  revB?: string;
  cached?: boolean;
  cwd: string;
}

/** The diff with the names of its two sides, for the header and the JSON. */
export interface DiffResult extends RepositoryDiff {
  from: string;
  to: string;
  /** The repository's top folder (paths are relative to it). */
  root?: string;
}

/** Reads both sides with git and diffs them. Throws GitError (one line) on a git or revision problem. */
export async function runDiff(req: DiffRequest): Promise<DiffResult> {
  const repo = await Repository.open(req.cwd);
  // `A..B` is A and B; `A...B` is B against where it forked from A (a pull request's own changes), as in git diff.
  const range = req.revB === undefined && !req.cached ? /^(.*?)(\.\.\.?)(.*)$/.exec(req.revA ?? '') : null;
  let a: Side & { kind: 'commit' };
  let b: Side;
  if (range) {
    const [left, right] = [range[1] || 'HEAD', range[3] || 'HEAD'];
    const tip = await repo.resolve(right);
    b = tip;
    a = range[2] === '...' ? await repo.mergeBase(await repo.resolve(left), tip, left) : await repo.resolve(left);
  } else {
    a = await repo.resolve(req.revA ?? 'HEAD');
    b = req.revB !== undefined ? await repo.resolve(req.revB) : req.cached ? { kind: 'index' } : { kind: 'worktree' };
  }
  const changed = await repo.changes(a, b);

  const [oldCodebooks, newCodebooks] = await inOrder(readCodebooks(repo, a), readCodebooks(repo, b));
  const cache = new CodebookCache();
  const oldProjects = new Projects(cache.all(oldCodebooks));
  const newProjects = new Projects(cache.all(newCodebooks));
  // Only transcripts (at either side) and codebooks matter; the rest is never read.
  const relevant = changed.filter(
    (c) => (c.oldPath !== undefined && oldProjects.projectOf(c.oldPath) !== undefined) || (c.newPath !== undefined && newProjects.projectOf(c.newPath) !== undefined),
  );
  // Both sides at once: two git processes (or a git and the disk) working side by side.
  const [oldBytes, newBytes] = await inOrder(
    repo.read(a, relevant.flatMap((c) => (c.oldPath !== undefined ? [c.oldPath] : []))),
    repo.read(b, relevant.flatMap((c) => (c.newPath !== undefined ? [c.newPath] : []))),
  );
  const oldFiles = decodeAll(oldBytes);
  const newFiles = decodeAll(newBytes);

  const changedOld = new Set(changed.flatMap((c) => (c.oldPath !== undefined ? [c.oldPath] : [])));
  const candidates = renameCandidatesByProject(oldCodebooks, newCodebooks, cache);
  const usedIn = async (project: string, ids: string[]): Promise<Set<string>> => {
    // Unchanged transcripts are the same on both sides: one that uses an old id keeps it in use.
    const hits = (await repo.grep(a, ids.map((id) => `#${id}`), project)).filter((p) => !changedOld.has(p) && oldProjects.projectOf(p) === project);
    const used = new Set<string>();
    for (const [, content] of decodeAll(await repo.read(a, hits))) {
      if (typeof content !== 'string') continue;
      for (const c of extractCodings(parseTranscript(content)).codings) if (ids.includes(c.code)) used.add(c.code);
    }
    return used;
  };
  // git runs asynchronously, core's diff does not wait: what it will ask (the ids that
  // may have been renamed, per project) is asked here first.
  const still = new Map<string, Set<string>>();
  for (const [project, pairs] of candidates) still.set(project, await usedIn(project, pairs.map(([from]) => from)));
  const stillUsed = (project: string): Set<string> => still.get(project) ?? new Set<string>();
  const diff = diffRepository({
    oldCodebooks,
    newCodebooks,
    changed: relevant,
    oldFiles,
    newFiles,
    stillUsed: candidates.size > 0 ? stillUsed : undefined,
    cache,
  });
  return { root: repo.root, from: a.name, to: b.kind === 'commit' ? b.name : b.kind === 'index' ? 'index' : 'working tree', ...diff };
}

/** The codebook.yaml files of a side, by project folder. */
async function readCodebooks(repo: Repository, side: Side): Promise<Map<string, FileContent>> {
  const paths = (await repo.files(side)).filter((p) => codebookRoot(p) !== undefined);
  const out = new Map<string, FileContent>();
  for (const [p, content] of decodeAll(await repo.read(side, paths))) out.set(codebookRoot(p)!, content);
  return out;
}

function decodeAll(files: Map<string, Buffer | undefined>): Map<string, FileContent> {
  const out = new Map<string, FileContent>();
  for (const [p, b] of files) if (b !== undefined) out.set(p, decode(b));
  return out;
}
