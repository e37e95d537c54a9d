import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { DiagnosticCodes, LineIndex, parseTranscript, type AxialDiagnostic, type ProjectIndex } from '../core';
import { toDiagnostic } from './convert';

/**
 * The most diagnostics published for one file. A line of 131,072 stray closers has
 * as many errors: published whole they were 26 MB of JSON on every keystroke. Past
 * the limit one more diagnostic says how many are left out (`axial check` lists all).
 */
export const MAX_PUBLISHED_DIAGNOSTICS = 5000;

/**
 * The LSP diagnostics of a file: the first MAX_PUBLISHED_DIAGNOSTICS, then one that
 * counts the rest. The ones that say a parse left markup out (`transcript.too-much-markup`,
 * at most two) are published wherever they stand, so a limit is always said.
 */
export function publishedDiagnostics(ds: readonly AxialDiagnostic[], lines: LineIndex): Diagnostic[] {
  if (ds.length <= MAX_PUBLISHED_DIAGNOSTICS) return ds.map((d) => toDiagnostic(d, lines));
  const shown = ds.slice(0, MAX_PUBLISHED_DIAGNOSTICS).map((d) => toDiagnostic(d, lines));
  let left = ds.length - MAX_PUBLISHED_DIAGNOSTICS;
  for (let i = MAX_PUBLISHED_DIAGNOSTICS; i < ds.length; i++) {
    if (ds[i].code !== DiagnosticCodes.tooMuchMarkup) continue;
    shown.push(toDiagnostic(ds[i], lines));
    left--;
  }
  if (left === 0) return shown;
  shown.push({
    range: lines.range(ds[MAX_PUBLISHED_DIAGNOSTICS].range),
    severity: DiagnosticSeverity.Information,
    code: 'diagnostics.truncated',
    source: 'axial',
    message: `${left.toLocaleString('en-US')} more problems in this file are not listed (the first ${MAX_PUBLISHED_DIAGNOSTICS.toLocaleString('en-US')} are; \`axial check\` lists them all).`,
  });
  return shown;
}

/**
 * Publishes diagnostics for the URIs an index update reports. Transcripts go out
 * at once (the keystroke path); codebooks are debounced, since example checks
 * scan the whole project and need not run on every keystroke in a transcript.
 */
export class DiagnosticsPublisher {
  private readonly published = new Set<string>();
  private readonly pendingCodebooks = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly index: ProjectIndex,
    /** Text of an open document the index does not hold as a transcript, if it is one. */
    private readonly standalone: (uri: string) => string | undefined,
    private readonly codebookDelayMs = 150,
  ) {}

  /** Publishes now for transcripts; schedules codebooks. */
  publish(uris: Iterable<string>, codebooksNow = false): void {
    for (const uri of new Set(uris)) {
      const project = this.index.projectOf(uri);
      if (project && project.codebookUri === uri) {
        if (codebooksNow) this.send(uri, this.compute(uri));
        else this.pendingCodebooks.add(uri);
      } else {
        this.send(uri, this.compute(uri));
      }
    }
    if (this.pendingCodebooks.size && !this.timer) {
      this.timer = setTimeout(() => this.flushCodebooks(), this.codebookDelayMs);
    }
  }

  /** Diagnostics for one URI as LSP objects (empty for files Axial does not check). */
  compute(uri: string): Diagnostic[] {
    const project = this.index.projectOf(uri);
    if (project) {
      if (project.codebookUri === uri) {
        const lines = project.codebook.lines;
        return publishedDiagnostics(this.index.codebookDiagnostics(project), lines);
      }
      const entry = project.transcripts.get(uri);
      if (entry) return publishedDiagnostics(entry.diagnostics, entry.transcript.lines);
    }
    const memo = this.index.memoProjectOf(uri)?.memos.get(uri);
    if (memo) return (this.index.diagnostics(uri) ?? []).map((d) => toDiagnostic(d, memo.lines));
    const text = this.standalone(uri);
    if (text === undefined) return [];
    const t = parseTranscript(text);
    return publishedDiagnostics(t.diagnostics, t.lines ?? new LineIndex(text));
  }

  private flushCodebooks(): void {
    this.timer = undefined;
    const uris = [...this.pendingCodebooks];
    this.pendingCodebooks.clear();
    for (const uri of uris) this.send(uri, this.compute(uri));
  }

  private send(uri: string, diagnostics: Diagnostic[]): void {
    // Skip empty publishes for files that never had diagnostics: they would flood the
    // client at start-up with one notification per Markdown file of the workspace.
    if (diagnostics.length === 0 && !this.published.has(uri)) return;
    if (diagnostics.length) this.published.add(uri);
    else this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}
