/**
 * The coding changes of a whole repository between two revisions, from the
 * files a host has read: every project's codebook diff and every changed
 * transcript's coding diff, with renamed codes recognised first so a rename
 * across many transcripts reads as one rename, not as hundreds of recodings.
 */
import { parseCodebook } from '../codebook/parse';
import type { Codebook } from '../codebook/types';
import { extractCodings } from '../codings/extract';
import type { TranscriptCodings } from '../codings/types';
import { parseTranscript } from '../transcript/parse';
import type { Transcript } from '../transcript/types';
import { codeRenameCandidates, detectRenames, diffCodebooks, isEmptyCodebookDiff, type CodebookDiff, type CodeUses } from './codebook';
import { Projects } from './membership';
import { TextMap } from './textMap';
import { diffTranscriptCodings, sourceLineOf, type CodingChange, type MemoChange } from './transcript';

/** A file's content as read from one revision: text, or why it could not be read. */
export type FileContent = string | { unreadable: 'binary' | 'not UTF-8' };

/** One changed path, as git's rename detection pairs them. */
export interface ChangedFile {
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  /** Path in the older revision (absent when added). */
  oldPath?: string;
  /** Path in the newer revision (absent when deleted). */
  newPath?: string;
}

/** What a host gives: the codebooks of both revisions and a reader for changed files. */
export interface RepositoryInput {
  /** Codebook texts by project folder ('' = repository root), per revision. */
  oldCodebooks: ReadonlyMap<string, FileContent>;
  newCodebooks: ReadonlyMap<string, FileContent>;
  changed: ChangedFile[];
  /** Contents of the changed transcripts, by path, per revision. */
  oldFiles: ReadonlyMap<string, FileContent>;
  newFiles: ReadonlyMap<string, FileContent>;
  /**
   * For rename detection: which of these code ids a project's unchanged
   * transcripts still use (then the code was not renamed). Asked only when a
   * removed and an added code have the same entry.
   */
  stillUsed?: (project: string, ids: string[]) => Set<string>;
  /** Parsed codebooks to reuse (a large codebook takes a while to parse). */
  cache?: CodebookCache;
}

/** Parses each distinct codebook text once: both sides of an unchanged codebook, and every caller, share one parse. */
export class CodebookCache {
  private readonly parsed = new Map<string, Codebook>();

  /** The parsed codebook of a text. */
  get(text: string): Codebook {
    let cb = this.parsed.get(text);
    if (!cb) this.parsed.set(text, (cb = parseCodebook(text)));
    return cb;
  }

  /** The parsed codebooks of every readable text, by project folder. */
  all(texts: ReadonlyMap<string, FileContent>): Map<string, Codebook> {
    const out = new Map<string, Codebook>();
    for (const [root, text] of texts) if (typeof text === 'string') out.set(root, this.get(text));
    return out;
  }
}

/** The diff of one transcript file, as reported. */
export interface FileDiff {
  /** Path in the newer revision (the older one when deleted). */
  path: string;
  oldPath?: string;
  status: ChangedFile['status'];
  project: string;
  textChanged: boolean;
  changes: CodingChange[];
  memos: MemoChange[];
  /** Why a version could not be read or may be incomplete; the diff still runs on the rest. */
  problems: string[];
}

/** The diff of one project's codebook. */
export interface ProjectDiff {
  /** Project folder relative to the repository root ('' for the root itself). */
  path: string;
  status: 'added' | 'deleted' | 'modified';
  codebook: CodebookDiff;
  problems: string[];
}

/** Everything that changed, ready to print. */
export interface RepositoryDiff {
  files: FileDiff[];
  projects: ProjectDiff[];
}

/** Candidate renames per project folder: only these need `stillUsed`. */
export function renameCandidatesByProject(
  oldCodebooks: ReadonlyMap<string, FileContent>,
  newCodebooks: ReadonlyMap<string, FileContent>,
  cache = new CodebookCache(),
): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  for (const [root, oldText] of oldCodebooks) {
    const newText = newCodebooks.get(root);
    if (typeof oldText !== 'string' || typeof newText !== 'string' || oldText === newText) continue;
    const old = cache.get(oldText);
    const neu = cache.get(newText);
    const pairs = codeRenameCandidates(old, neu, detectRenames(old, neu));
    if (pairs.length > 0) out.set(root, pairs);
  }
  return out;
}

/** Diffs a repository from what the host has read. */
export function diffRepository(input: RepositoryInput): RepositoryDiff {
  const cache = input.cache ?? new CodebookCache();
  const oldBooks = parseAll(input.oldCodebooks, cache);
  const newBooks = parseAll(input.newCodebooks, cache);
  const oldProjects = new Projects(oldBooks.parsed);
  const newProjects = new Projects(newBooks.parsed);

  // The changed files that are transcripts on either side, with their projects.
  interface Pair {
    file: ChangedFile;
    project: string;
    oldProject?: string;
    newProject?: string;
  }
  const pairs: Pair[] = [];
  for (const file of input.changed) {
    const oldProject = file.oldPath !== undefined ? oldProjects.projectOf(file.oldPath) : undefined;
    const newProject = file.newPath !== undefined ? newProjects.projectOf(file.newPath) : undefined;
    if (oldProject === undefined && newProject === undefined) continue;
    pairs.push({ file, project: (newProject ?? oldProject)!, oldProject, newProject });
  }
  // Parsed on demand and dropped after use: 200 parsed transcript pairs held at once cost more in garbage collection than parsing.
  const load = (p: Pair) => {
    const problems: string[] = [];
    let oldContent = p.oldProject !== undefined ? input.oldFiles.get(p.file.oldPath!) : undefined;
    let newContent = p.newProject !== undefined ? input.newFiles.get(p.file.newPath!) : undefined;
    if (typeof oldContent === 'string' && typeof newContent === 'string' && hasCrlf(oldContent) !== hasCrlf(newContent)) {
      // Line ends converted (git's autocrlf between the repository and a Windows checkout, or an
      // editor's setting): no word changed, so both versions are read with LF alone.
      oldContent = oldContent.replace(/\r\n/g, '\n');
      newContent = newContent.replace(/\r\n/g, '\n');
    }
    const old = p.oldProject !== undefined ? read(oldContent, 'older', problems) : undefined;
    const neu = p.newProject !== undefined ? read(newContent, 'newer', problems) : undefined;
    return { file: p.file, old, new: neu, oldCodings: old && extractCodings(old), newCodings: neu && extractCodings(neu), problems };
  };

  // Renames per project: a guid kept, or the same entry with every use moved from the old id to the new.
  const renamesOf = new Map<string, Map<string, string>>();
  const roots = new Set([...oldBooks.parsed.keys(), ...newBooks.parsed.keys()]);
  for (const root of roots) {
    const old = oldBooks.parsed.get(root);
    const neu = newBooks.parsed.get(root);
    if (!old || !neu || input.oldCodebooks.get(root) === input.newCodebooks.get(root)) continue;
    const known = detectRenames(old, neu);
    const candidates = codeRenameCandidates(old, neu, known);
    if (candidates.length > 0) {
      const uses = usesOf(pairs.filter((p) => p.project === root).map(load));
      const still = input.stillUsed?.(root, candidates.map(([from]) => from)) ?? new Set<string>();
      for (const id of still) (uses.new as Map<string, Set<string>>).set(id, new Set([...(uses.new.get(id) ?? []), '(unchanged file)']));
      for (const [from, to] of detectRenames(old, neu, uses)) known.set(from, to);
    }
    if (known.size > 0) renamesOf.set(root, known);
  }

  const files: FileDiff[] = [];
  for (const pair of pairs) {
    const p = load(pair);
    const d = diffTranscriptCodings(p.oldCodings, p.newCodings, {
      oldLine: p.old && sourceLineOf(p.old),
      newLine: p.new && sourceLineOf(p.new),
      renames: renamesOf.get(pair.project),
    });
    const unreadable = (pair.oldProject !== undefined && !p.old) || (pair.newProject !== undefined && !p.new);
    // A modified file with nothing to say is left out; added, deleted and renamed files are always listed.
    if (d.changes.length === 0 && d.memos.length === 0 && !d.textChanged && p.problems.length === 0 && pair.file.status === 'modified') continue;
    files.push({
      path: (pair.file.newPath ?? pair.file.oldPath)!,
      ...(pair.file.status === 'renamed' ? { oldPath: pair.file.oldPath } : {}),
      status: pair.file.status,
      project: pair.project,
      // An unreadable side says nothing about the text; no flag rather than a false one.
      textChanged: unreadable ? false : d.textChanged,
      changes: unreadable ? [] : d.changes,
      memos: unreadable ? [] : d.memos,
      problems: p.problems,
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const projects: ProjectDiff[] = [];
  for (const root of [...roots].sort()) {
    const oldText = input.oldCodebooks.get(root);
    const newText = input.newCodebooks.get(root);
    if (oldText === newText) continue;
    const problems = [...(oldBooks.problems.get(root) ?? []), ...(newBooks.problems.get(root) ?? [])];
    const codebook = diffCodebooks(oldBooks.parsed.get(root), newBooks.parsed.get(root), renamesOf.get(root));
    const status = oldText === undefined ? 'added' : newText === undefined ? 'deleted' : 'modified';
    if (status === 'modified' && isEmptyCodebookDiff(codebook) && problems.length === 0) continue;
    projects.push({ path: root, status, codebook, problems });
  }
  return { files, projects };
}

/** Uses of each code in the changed transcripts: old ones keyed by their range in the newer text. */
function usesOf(pairs: { file: ChangedFile; oldCodings?: TranscriptCodings; newCodings?: TranscriptCodings }[]): CodeUses {
  const old = new Map<string, Set<string>>();
  const neu = new Map<string, Set<string>>();
  const put = (m: Map<string, Set<string>>, id: string, key: string) => {
    let s = m.get(id);
    if (!s) m.set(id, (s = new Set()));
    s.add(key);
  };
  for (const p of pairs) {
    const name = p.file.newPath ?? p.file.oldPath!;
    if (p.oldCodings) {
      const map = p.newCodings ? new TextMap(p.oldCodings.stripped, p.newCodings.stripped) : undefined;
      for (const c of p.oldCodings.codings) {
        const s = map?.map(c.start, 'start');
        const e = map?.map(c.end, 'end');
        // A use on text that is gone cannot be the same use of another id.
        put(old, c.code, s === undefined || e === undefined ? `${name}:gone:${c.start}:${c.end}:${c.coder}` : `${name}:${s}:${e}:${c.coder}`);
      }
    }
    for (const c of p.newCodings?.codings ?? []) put(neu, c.code, `${name}:${c.start}:${c.end}:${c.coder}`);
  }
  return { old, new: neu };
}

function parseAll(texts: ReadonlyMap<string, FileContent>, cache: CodebookCache): { parsed: Map<string, Codebook>; problems: Map<string, string[]> } {
  const parsed = new Map<string, Codebook>();
  const problems = new Map<string, string[]>();
  for (const [root, text] of texts) {
    const file = root ? `${root}/codebook.yaml` : 'codebook.yaml';
    if (typeof text === 'string') parsed.set(root, cache.get(text));
    else problems.set(root, [`${file} could not be read (${text.unreadable})`]);
  }
  return { parsed, problems };
}

/** True when the text's first line end is CRLF: its line-end style. */
function hasCrlf(text: string): boolean {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13;
}

/** Parses one version of a transcript, noting why it could not be read or may be incomplete. */
function read(content: FileContent | undefined, which: 'older' | 'newer', problems: string[]): Transcript | undefined {
  if (content === undefined) {
    problems.push(`the ${which} version could not be read`);
    return undefined;
  }
  if (typeof content !== 'string') {
    problems.push(`the ${which} version could not be read (${content.unreadable})`);
    return undefined;
  }
  const t = parseTranscript(content);
  const errors = t.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    const line = t.lines.positionAt(first.range.start).line + 1;
    problems.push(`the ${which} version has ${errors.length} markup error${errors.length === 1 ? '' : 's'} (line ${line}: ${first.message}); its codings may be incomplete`);
  }
  return t;
}
