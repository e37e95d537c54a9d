import picomatch from 'picomatch';
import { partitionPoint } from '../text/search';
import { parseCodebook } from '../codebook/parse';
import type { Codebook } from '../codebook/types';
import type { AxialDiagnostic } from '../diagnostics';
import { parseTranscript } from '../transcript/parse';
import { reparseTranscriptWithReuse, type KnownEdit, type SpanReuse } from '../transcript/reparse';
import type { Transcript } from '../transcript/types';
import { revalidate } from '../transcript/revalidate';
import { validation, type Validation } from '../transcript/validate';
import { checkExamples } from './examples';
import { LineIndex } from '../text/lineIndex';
import { parseMemo } from '../memos/parse';
import { isMemoPath } from '../memos/path';
import { memoDiagnostics } from './memos';
import type { CodeUse, Project, TranscriptEntry } from './types';
import { dirnameUri, isCodebookUri, isTextUri, normalizeUri, relativePath } from './uris';

/**
 * The project index: every project (folder with codebook.yaml) of a workspace and
 * its transcripts, parsed and validated. Hosts (the server, the CLI) feed it file
 * contents; it never reads files itself. Updates are per file: a transcript edit
 * re-parses that file only, a codebook edit re-checks that project's membership
 * and re-validates its transcripts. `snapshot()` lets tests prove that any
 * sequence of updates equals a rebuild from scratch.
 */
export class ProjectIndex {
  /** Text of every candidate transcript file (.md/.txt) the host has given us. */
  private readonly texts = new Map<string, string>();
  /** Parsed transcripts, cached while their text is unchanged. */
  private readonly parsed = new Map<string, Transcript>();
  /** Projects by folder URI. */
  private readonly byRoot = new Map<string, Project>();
  private readonly matchers = new Map<string, (path: string) => boolean>();
  /** Transcript URI → folder URI of the project it belongs to. */
  private readonly memberOf = new Map<string, string>();

  /**
   * Adds or replaces a file. Returns the URIs whose diagnostics may have changed
   * (including files that stopped being transcripts, whose diagnostics must clear).
   * `edit`, when the host knows it (an editor's changes), says where the text
   * changed, so the re-parse need not compare the texts to find it (reparse.ts).
   */
  setFile(uri: string, text: string, edit?: KnownEdit): string[] {
    uri = normalizeUri(uri);
    if (isCodebookUri(uri)) return this.setCodebook(uri, parseCodebook(text));
    if (!isTextUri(uri)) return [];
    // The previous parse, if any, is handed on to be re-parsed incrementally (and is
    // consumed by that: see core/transcript/reparse.ts).
    const previous = this.parsed.get(uri);
    this.texts.set(uri, text);
    this.parsed.delete(uri);
    return this.refreshMembership(uri, previous, edit);
  }

  /**
   * Adds or replaces a codebook that the host has already parsed (parseCodebook of
   * the file's text, which `codebook.text` holds): setFile without parsing it a
   * second time (a codebook of 500 codes takes longer to parse than 100 transcripts).
   */
  setParsedCodebook(uri: string, codebook: Codebook): string[] {
    return this.setCodebook(normalizeUri(uri), codebook);
  }

  /** Forgets a file. Returns the URIs whose diagnostics may have changed. */
  deleteFile(uri: string): string[] {
    uri = normalizeUri(uri);
    if (isCodebookUri(uri)) {
      const root = dirnameUri(uri);
      const project = this.byRoot.get(root);
      if (!project) return [];
      this.byRoot.delete(root);
      this.matchers.delete(root);
      return [uri, ...this.refreshUnder(root)];
    }
    if (!this.texts.has(uri)) return [];
    this.texts.delete(uri);
    this.parsed.delete(uri);
    const memoProject = this.memoProjectOf(uri);
    if (memoProject) {
      memoProject.memos.delete(uri);
      return [uri];
    }
    const root = this.memberOf.get(uri);
    if (root) this.removeMember(uri);
    return root ? [uri, this.byRoot.get(root)?.codebookUri ?? uri] : [uri];
  }

  /** True when the index holds this file (as codebook or candidate transcript). */
  hasFile(uri: string): boolean {
    uri = normalizeUri(uri);
    return this.texts.has(uri) || (isCodebookUri(uri) && this.byRoot.has(dirnameUri(uri)));
  }

  /**
   * Every file the index holds (codebooks and candidate transcripts) inside a folder,
   * at any depth: what a host must forget when that folder leaves the workspace.
   */
  filesUnder(folder: string): string[] {
    const root = normalizeUri(folder).replace(/\/+$/, '');
    const prefix = root + '/';
    const out: string[] = [];
    for (const uri of this.texts.keys()) if (uri.startsWith(prefix)) out.push(uri);
    for (const [projectRoot, project] of this.byRoot) if (projectRoot === root || projectRoot.startsWith(prefix)) out.push(project.codebookUri);
    return out;
  }

  /** Every project, in folder order. */
  projects(): Project[] {
    return [...this.byRoot.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  }

  /** The project whose codebook this is, or to which this transcript belongs. */
  projectOf(uri: string): Project | undefined {
    uri = normalizeUri(uri);
    if (isCodebookUri(uri)) return this.byRoot.get(dirnameUri(uri));
    const root = this.memberOf.get(uri);
    return root ? this.byRoot.get(root) : undefined;
  }

  /** The project holding this memo file, if it is one. */
  memoProjectOf(uri: string): Project | undefined {
    uri = normalizeUri(uri);
    const project = this.nearestProject(uri);
    return project?.memos.has(uri) ? project : undefined;
  }

  /** The transcript entry of a member file. */
  entry(uri: string): TranscriptEntry | undefined {
    uri = normalizeUri(uri);
    return this.projectOf(uri)?.transcripts.get(uri);
  }

  /** Codebook diagnostics: its own, plus examples found in no span coded with their code. */
  codebookDiagnostics(project: Project): AxialDiagnostic[] {
    return [...project.codebook.diagnostics, ...checkExamples(project)];
  }

  /** Diagnostics of any file the index knows as codebook, member transcript or memo. */
  diagnostics(uri: string): AxialDiagnostic[] | undefined {
    uri = normalizeUri(uri);
    const project = this.projectOf(uri);
    if (!project) {
      const memoProject = this.memoProjectOf(uri);
      const memo = memoProject?.memos.get(uri);
      return memo && memoDiagnostics(memoProject!, memo);
    }
    if (project.codebookUri === uri) return this.codebookDiagnostics(project);
    return project.transcripts.get(uri)?.diagnostics;
  }

  /** The project a transcript would belong to by location alone (nearest codebook above it). */
  nearestProject(uri: string): Project | undefined {
    let dir = dirnameUri(normalizeUri(uri));
    for (;;) {
      const p = this.byRoot.get(dir);
      if (p) return p;
      const up = dirnameUri(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  }

  /**
   * The project a text file belongs to (or would, once given): the nearest codebook
   * above it, when that codebook's `transcripts` globs match its path.
   */
  memberProjectOf(uri: string): Project | undefined {
    uri = normalizeUri(uri);
    const project = this.nearestProject(uri);
    const path = project ? relativePath(project.root, uri) : undefined;
    return project !== undefined && path !== undefined && this.matchers.get(project.root)!(path) ? project : undefined;
  }

  /**
   * A deterministic, plain-data picture of the whole index, for tests that compare
   * an incrementally updated index with one rebuilt from scratch.
   */
  snapshot(): unknown {
    return this.projects().map((p) => ({
      root: p.root,
      codebook: diagKeys(this.codebookDiagnostics(p)),
      codes: [...p.codebook.codes.keys()],
      transcripts: [...p.transcripts.values()]
        .sort((a, b) => (a.uri < b.uri ? -1 : 1))
        .map((e) => ({ uri: e.uri, path: e.path, spans: e.transcript.spans.length, uses: e.uses.length, diagnostics: diagKeys(e.diagnostics) })),
      usage: [...p.usage.entries()]
        .filter(([, m]) => m.size > 0)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([id, m]) => [id, [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([u, uses]) => [u, uses.length])]),
      memos: [...p.memos.values()]
        .sort((a, b) => (a.uri < b.uri ? -1 : 1))
        .map((m) => ({ uri: m.uri, path: m.path, diagnostics: diagKeys(memoDiagnostics(p, m)) })),
    }));
  }

  private setCodebook(uri: string, codebook: Codebook): string[] {
    const root = dirnameUri(uri);
    const existing = this.byRoot.get(root);
    if (existing) {
      existing.codebook = codebook;
    } else {
      this.byRoot.set(root, { root, codebookUri: uri, codebook, transcripts: new Map(), usage: new Map(), memos: new Map() });
    }
    this.matchers.set(root, picomatch(codebook.transcripts, { dot: false }));
    // Every known text under the folder is re-placed: this both decides membership
    // under the new globs and re-validates members against the new codebook.
    return [uri, ...new Set(this.refreshUnder(root))];
  }

  /** Re-decides membership of every known text under a folder; returns what changed. */
  private refreshUnder(root: string): string[] {
    const changed: string[] = [];
    const prefix = root.endsWith('/') ? root : root + '/';
    for (const uri of this.texts.keys()) {
      if (uri.startsWith(prefix)) changed.push(...this.refreshMembership(uri));
    }
    return changed;
  }

  /**
   * Places one known text file in the project it belongs to, or in none. `previous`
   * is the file's last parse when its text just changed: it is re-parsed
   * incrementally (and consumed) rather than parsed from scratch; `edit` is where
   * the text changed, if known.
   */
  private refreshMembership(uri: string, previous?: Transcript, edit?: KnownEdit): string[] {
    const text = this.texts.get(uri)!;
    const project = this.nearestProject(uri);
    const path = project ? relativePath(project.root, uri) : undefined;
    const isMember = project !== undefined && path !== undefined && this.matchers.get(project.root)!(path);
    const oldRoot = this.memberOf.get(uri);
    const changed: string[] = [uri];
    if (oldRoot && (!isMember || oldRoot !== project!.root)) {
      changed.push(this.byRoot.get(oldRoot)?.codebookUri ?? uri);
      this.removeMember(uri);
      // A memo naming this transcript may now name an unknown one.
      changed.push(...(this.byRoot.get(oldRoot)?.memos.keys() ?? []));
    }
    // A memo: any .md under the project's memos/ that no glob makes a transcript.
    for (const p of this.byRoot.values()) if (p !== project) p.memos.delete(uri);
    if (project && !isMember && path !== undefined && isMemoPath(path)) {
      project.memos.set(uri, { uri, path, memo: parseMemo(text), lines: new LineIndex(text) });
      return changed;
    }
    project?.memos.delete(uri);
    if (isMember && oldRoot !== project!.root) changed.push(...project!.memos.keys());
    if (isMember) {
      let t = this.parsed.get(uri);
      let reuse: SpanReuse | undefined;
      if (!t) {
        if (previous) {
          // The old entry's code uses point at the old spans; say which live on, if that entry is the previous parse.
          const r = reparseTranscriptWithReuse(previous, text, edit);
          t = r.transcript;
          if (project!.transcripts.get(uri)?.transcript === previous) reuse = r.reuse;
        } else {
          t = parseTranscript(text);
        }
        this.parsed.set(uri, t);
      }
      this.putMember(project!, uri, t, reuse);
      changed.push(project!.codebookUri);
    }
    return changed;
  }

  /**
   * Adds or replaces a member. With `reuse` (the transcript is an incremental re-parse
   * of the old entry's), the old entry's code uses of unchanged spans are kept and
   * only the usage lists of codes used in the re-parsed part are rebuilt.
   */
  private putMember(project: Project, uri: string, transcript: Transcript, reuse?: SpanReuse): void {
    const old = project.transcripts.get(uri);
    if (old && reuse) {
      this.putReparsedMember(project, old, transcript, reuse);
      return;
    }
    if (old) removeUses(project, old);
    const uses = collectUses(uri, transcript);
    const checked = validation(transcript, project.codebook);
    const entry: TranscriptEntry = {
      uri,
      path: relativePath(project.root, uri) ?? uri,
      transcript,
      diagnostics: [...transcript.diagnostics, ...checked.diagnostics],
      uses,
    };
    validations.set(entry, checked);
    project.transcripts.set(uri, entry);
    this.memberOf.set(uri, project.root);
    for (const use of uses) {
      let byUri = project.usage.get(use.ref.id);
      if (!byUri) project.usage.set(use.ref.id, (byUri = new Map()));
      let list = byUri.get(uri);
      if (!list) byUri.set(uri, (list = []));
      list.push(use);
    }
  }

  /**
   * putMember for an incremental re-parse. The old uses are [before | re-parsed | after]
   * the edit; the first and last parts refer to spans the new transcript reuses (the
   * reparse shifted them in place), so they are kept, and the middle is collected
   * anew. Usage lists change only for codes used in either middle.
   */
  private putReparsedMember(project: Project, old: TranscriptEntry, transcript: Transcript, reuse: SpanReuse): void {
    const uri = old.uri;
    const spans = transcript.spans;
    // Old uses of spans before the edit: their index is below reuse.start.
    const isBefore = (u: CodeUse) => u.span.index < reuse.start;
    // Old uses of reused spans after it: shifted to index >= newEnd, and still in place.
    const isAfter = (u: CodeUse) => u.span.index >= reuse.newEnd && spans[u.span.index] === u.span;
    const a = countWhile(old.uses, isBefore);
    const b = firstWhere(old.uses, isAfter);
    const middle = collectUses(uri, transcript, reuse.start, reuse.newEnd);
    const uses = old.uses.slice(0, a);
    for (const u of middle) uses.push(u);
    for (let i = b; i < old.uses.length; i++) uses.push(old.uses[i]);

    const affected = new Set<string>();
    for (let i = a; i < b; i++) affected.add(old.uses[i].ref.id);
    for (const u of middle) affected.add(u.ref.id);
    for (const id of affected) {
      const byUri = project.usage.get(id);
      const list = byUri?.get(uri) ?? [];
      // The same three parts, within this code's list.
      const next = list.slice(0, countWhile(list, isBefore));
      for (const u of middle) if (u.ref.id === id) next.push(u);
      for (let i = firstWhere(list, isAfter); i < list.length; i++) next.push(list[i]);
      if (next.length > 0) {
        if (byUri) byUri.set(uri, next);
        else project.usage.set(id, new Map([[uri, next]]));
      } else if (byUri) {
        byUri.delete(uri);
        if (byUri.size === 0) project.usage.delete(id);
      }
    }
    // Only the re-parsed spans are checked against the codebook again (revalidate.ts).
    const previous = validations.get(old);
    const checked = previous ? revalidate(previous, transcript, project.codebook, reuse) : validation(transcript, project.codebook);
    const entry: TranscriptEntry = {
      uri,
      path: old.path,
      transcript,
      diagnostics: [...transcript.diagnostics, ...checked.diagnostics],
      uses,
    };
    validations.set(entry, checked);
    project.transcripts.set(uri, entry);
    this.memberOf.set(uri, project.root);
  }

  private removeMember(uri: string): void {
    const root = this.memberOf.get(uri);
    this.memberOf.delete(uri);
    const project = root ? this.byRoot.get(root) : undefined;
    const entry = project?.transcripts.get(uri);
    if (!project || !entry) return;
    removeUses(project, entry);
    project.transcripts.delete(uri);
  }
}

/** The codebook checks behind each entry's diagnostics, kept for the next keystroke's revalidation. */
const validations = new WeakMap<TranscriptEntry, Validation>();

function removeUses(project: Project, entry: TranscriptEntry): void {
  for (const use of entry.uses) {
    const byUri = project.usage.get(use.ref.id);
    if (!byUri) continue;
    byUri.delete(entry.uri);
    if (byUri.size === 0) project.usage.delete(use.ref.id);
  }
}

/** The code uses of a transcript's spans `from`…`to` (all by default), in document order. */
export function collectUses(uri: string, t: Transcript, from = 0, to = t.spans.length): CodeUse[] {
  const uses: CodeUse[] = [];
  for (let i = from; i < to; i++) {
    const span = t.spans[i];
    for (const block of span.blocks) {
      for (const ref of block.codes) uses.push({ uri, span, block, ref });
    }
  }
  return uses;
}

/** Number of leading items for which `pred` holds (it holds for a prefix of `items`). */
function countWhile<T>(items: T[], pred: (item: T) => boolean): number {
  return partitionPoint(items, pred);
}

/** Index of the first item for which `pred` holds (it holds for a suffix of `items`). */
function firstWhere<T>(items: T[], pred: (item: T) => boolean): number {
  return countWhile(items, (item) => !pred(item));
}

function diagKeys(ds: AxialDiagnostic[]): string[] {
  return ds.map((d) => `${d.range.start}-${d.range.end} ${d.severity} ${d.code} ${d.message}`);
}

export type { Codebook };
