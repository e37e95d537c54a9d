/**
 * Agreement of two revisions (`axial agree <rev-a> <rev-b> [folder]`, and
 * "Axial: Compare Coders" on two revisions): coders who coded blind on branches
 * from a shared base. Each revision's codings are one coder, named after the
 * revision, whatever `@coder` its blocks carry. Files are read with the real git.
 */
import * as path from 'node:path';
import { parseCodebook, parseTranscript, type Codebook, type Transcript } from '../core';
import { agreementFile, type AgreementFile, type SkippedFile } from '../core/agreement';
import { extractCodings } from '../core/codings';
import { codebookRoot, Projects } from '../core/diff';
import { GitError, inOrder, Repository, type Side } from './git';
import { firstError, UsageError } from './oneProject';
import { decode } from './decode';

/** The project of two revisions: its codebook (at the second), the files compared and those left out. */
export interface RevisionProject {
  codebook: Codebook;
  files: AgreementFile[];
  /** Transcripts left out (only at one revision, errors, text that differs), named. */
  skipped: SkippedFile[];
  /** The two coders: the revisions as given. */
  coders: [string, string];
}

/**
 * The project under `folder` at two revisions, as one project whose two coders
 * are the revisions. File paths are relative to `cwd`. `compared` receives each
 * compared transcript as parsed at the first revision (the editor places
 * disagreements with it); the CLI keeps only what agreement needs.
 */
export async function loadRevisionProject(
  revA: string,
  revB: string,
  folder: string,
  cwd = process.cwd(),
  compared?: (file: string, transcript: Transcript) => void,
): Promise<RevisionProject> {
  if (revA === revB) throw new UsageError(`give two different revisions, not '${revA}' twice`);
  let repo: Repository;
  try {
    repo = await Repository.open(cwd);
  } catch (err) {
    throw new UsageError(err instanceof GitError ? `${err.message} (comparing revisions needs the project in a git repository)` : String(err));
  }
  const sides: (Side & { kind: 'commit' })[] = [];
  for (const rev of [revA, revB]) {
    try {
      sides.push(await repo.resolve(rev));
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
  }
  const under = path.relative(repo.root, path.resolve(cwd, folder)).split(path.sep).join('/');
  if (under.startsWith('..') || path.isAbsolute(under)) throw new UsageError(`${folder} is outside the repository ${repo.root}`);
  const inFolder = (p: string) => under === '' || p === under || p.startsWith(`${under}/`);

  // Both sides at once; a problem with the first revision is the one reported, as when read in turn.
  const read = await inOrder(readSide(repo, sides[0], inFolder, folder), readSide(repo, sides[1], inFolder, folder));
  const [a, b] = read;
  const toCwd = (p: string) => path.relative(cwd, path.join(repo.root, ...p.split('/'))) || p;
  const files: AgreementFile[] = [];
  const skipped: SkippedFile[] = [];
  const paths = [...new Set([...a.transcripts.keys(), ...b.transcripts.keys()])].sort();
  for (const p of paths) {
    const ta = a.transcripts.get(p);
    const tb = b.transcripts.get(p);
    const file = toCwd(p);
    if (ta === undefined || tb === undefined) {
      skipped.push({ file, reason: `only at ${ta === undefined ? revB : revA}` });
      continue;
    }
    const problems: string[] = [];
    const parsed = ([ta, tb] as const).map((content, i) => {
      const rev = i === 0 ? revA : revB;
      if (typeof content !== 'string') {
        problems.push(`${content.unreadable} at ${rev}`);
        return undefined;
      }
      const t = parseTranscript(content);
      const error = firstError(t, read[i].codebook);
      if (error) problems.push(`${error.replace(/ \(/, ` at ${rev} (`)}`);
      return t;
    });
    if (problems.length > 0) {
      skipped.push({ file, reason: problems.join('; ') });
      continue;
    }
    const [pa, pb] = parsed as [Transcript, Transcript];
    if (pa.stripped.text !== pb.stripped.text) {
      skipped.push({ file, reason: `the transcript's text differs between ${revA} and ${revB} (agreement needs the same text)` });
      continue;
    }
    const codings = [...extractCodings(pa).codings.map((c) => ({ ...c, coder: revA })), ...extractCodings(pb).codings.map((c) => ({ ...c, coder: revB }))];
    files.push(agreementFile(file, pa, codings));
    compared?.(file, pa);
  }
  return { codebook: b.codebook, files, skipped, coders: [revA, revB] };
}

/** The codebook and transcripts of the one project under the folder at one revision. */
async function readSide(
  repo: Repository,
  side: Side & { kind: 'commit' },
  inFolder: (p: string) => boolean,
  folder: string,
): Promise<{ codebook: Codebook; transcripts: Map<string, ReturnType<typeof decode>> }> {
  const all = await repo.files(side);
  const roots = all.filter((p) => codebookRoot(p) !== undefined && inFolder(p));
  if (roots.length === 0) throw new UsageError(`no codebook.yaml under ${folder} at ${side.name}: is the project committed there?`);
  if (roots.length > 1) throw new UsageError(`${roots.length} projects under ${folder} at ${side.name}: name one folder`);
  const root = codebookRoot(roots[0])!;
  const text = decode((await repo.read(side, [roots[0]])).get(roots[0])!);
  if (typeof text !== 'string') throw new UsageError(`${roots[0]} at ${side.name} is ${text.unreadable}`);
  const codebook = parseCodebook(text);
  const projects = new Projects(new Map([[root, codebook]]));
  const paths = all.filter((p) => projects.projectOf(p) === root);
  const transcripts = new Map<string, ReturnType<typeof decode>>();
  for (const [p, bytes] of await repo.read(side, paths)) if (bytes !== undefined) transcripts.set(p, decode(bytes));
  return { codebook, transcripts };
}
