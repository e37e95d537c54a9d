import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import {
  CodingChangesRequest,
  RevisionsRequest,
  type CodingChangeItem,
  type CodingChangesParams,
  type CodingChangesResult,
  type LspRange,
  type RevisionsParams,
  type RevisionsResult,
} from '../common/protocol';
import { normalizeUri, type ProjectIndex } from '../core';
import { sourceOfStripped } from '../core/coding';
import { quoteOf, type CodingChange } from '../core/diff';
import { GitError } from '../host/git';
import { runDiff } from '../host/revisionDiff';
import { recentRevisions } from '../host/revisions';
import type { Health } from './health';

/**
 * `axial/revisions` and `axial/codingChanges`: git runs here, in the server
 * (host/), so every editor gets the same answers. A git problem is an answer with
 * `error`; anything else fails inside Health.guard like every handler.
 */
export function registerCodingChanges(connection: Connection, index: ProjectIndex, health: Health): void {
  connection.onRequest(RevisionsRequest.type, (p: RevisionsParams): Promise<RevisionsResult> =>
    health.guardAsync('revisions', { revisions: [] }, async () => {
      try {
        return { revisions: await recentRevisions(folderPath(p.folder)) };
      } catch (err) {
        if (err instanceof GitError) return { revisions: [], error: err.message };
        throw err;
      }
    }),
  );

  // git runs asynchronously: the server keeps answering (and indexing) while it works.
  connection.onRequest(CodingChangesRequest.type, (p: CodingChangesParams): Promise<CodingChangesResult> =>
    health.guardAsync('coding changes', { ...EMPTY, error: 'the coding changes could not be computed (see the Axial output)' }, async () => {
      const revision = p.revision?.trim() || 'HEAD';
      let diff;
      try {
        diff = await runDiff({ revA: revision, cwd: folderPath(p.folder) });
      } catch (err) {
        if (err instanceof GitError) return { ...EMPTY, error: err.message };
        throw err;
      }
      const root = diff.root ?? folderPath(p.folder);
      return {
        from: diff.from,
        to: diff.to,
        repository: URI.file(root).toString(),
        files: diff.files.map((f) => {
          const uri = normalizeUri(URI.file(path.join(root, ...f.path.split('/'))).toString());
          return { ...f, uri, changes: f.status === 'deleted' ? f.changes : f.changes.map((c) => withRange(index, uri, c)) };
        }),
        projects: diff.projects,
      };
    }),
  );
}

const EMPTY: CodingChangesResult = { from: '', to: '', repository: '', files: [], projects: [] };

/** A folder URI (or a file's: its folder) as a path for git's working directory. */
function folderPath(uri: string): string {
  const p = URI.parse(uri).fsPath;
  try {
    return statSync(p).isDirectory() ? p : path.dirname(p);
  } catch {
    return p; // git says it is no repository
  }
}

/**
 * The change's span in the file as the index holds it: its quote from first to last
 * character, when the index's text still has that quote there (the disk's text, unless
 * the document has unsaved edits); else the start of its line.
 */
function withRange(index: ProjectIndex, uri: string, c: CodingChange): CodingChangeItem {
  const t = index.entry(uri)?.transcript;
  const lineOnly: LspRange = { start: { line: c.line - 1, character: 0 }, end: { line: c.line - 1, character: 0 } };
  if (!t || c.end <= c.start || c.end > t.stripped.text.length || quoteOf(t.stripped.text, c.start, c.end) !== c.quote) return { ...c, range: lineOnly };
  // The quote without the white space around it, as the tree selects it.
  const text = t.stripped.text.slice(c.start, c.end);
  const first = c.start + (text.length - text.trimStart().length);
  const last = c.end - (text.length - text.trimEnd().length);
  if (last <= first) return { ...c, range: lineOnly };
  const start = sourceOfStripped(t, first);
  const end = sourceOfStripped(t, last - 1) + 1;
  return { ...c, range: t.lines.range({ start, end }) };
}
