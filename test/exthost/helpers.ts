/**
 * Shared helpers of the extension-host suite. Everything here runs inside VS Code's
 * extension host with the real `vscode` API, on the runner's temporary copy of
 * examples/therapeutic-relationship (so tests may edit files; each restores what it
 * changed). Expected values are computed from the files on disk, not hard-coded.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';

export const EXTENSION_ID = 'axial.axial-qda';
export const TRANSCRIPT_LANGUAGE = 'axial-transcript';

/** The API the client's activate() returns (client/extension.ts `AxialApi`). */
export interface AxialApi {
  statusText(): string;
}

/** How long a test waits for an asynchronous condition (diagnostics, status). */
export const WAIT_MS = Number(process.env.AXIAL_EXTHOST_WAIT_MS ?? 20_000);

/** The workspace folder: the runner's copy of the example project. */
export function projectRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the runner opens the copy of the example)');
  return folder.uri.fsPath;
}

export function projectFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(projectRoot(), ...segments));
}

/** Transcript file names in transcripts/ (the default `transcripts` globs: .md and .txt). */
export function transcriptNames(): string[] {
  return fs
    .readdirSync(path.join(projectRoot(), 'transcripts'))
    .filter((f) => /\.(md|txt)$/.test(f))
    .sort();
}

export function readProjectFile(...segments: string[]): string {
  return fs.readFileSync(path.join(projectRoot(), ...segments), 'utf8');
}

interface CodebookEntry {
  kind?: string;
  status?: string;
  aliases?: string[];
  name?: string;
  definition?: string;
  parent?: string;
}

/** codebook.yaml as plain data, read with the `yaml` package (not with Axial's own parser). */
export function codebookEntries(): Map<string, CodebookEntry> {
  const doc = parseYaml(readProjectFile('codebook.yaml')) as { codes: Record<string, CodebookEntry> };
  return new Map(Object.entries(doc.codes));
}

/** Counts the status bar should show, computed from the files. */
export function expectedCounts(): { codes: number; transcripts: number; spans: number } {
  const codes = [...codebookEntries().values()].filter((c) => c.kind !== 'category' && c.status !== 'deprecated').length;
  const names = transcriptNames();
  // Every coded span has one opener `{{` (the example has no escaped braces).
  const spans = names.reduce((n, f) => n + (readProjectFile('transcripts', f).match(/\{\{/g) ?? []).length, 0);
  return { codes, transcripts: names.length, spans };
}

/**
 * Where the spans coded with `id` end in one transcript text: every closer `}}`
 * followed by a run of blocks `{…}{…}` one of which holds `#id`; the offset is the
 * end of that run (a span's reference range runs from its `{{` to there).
 */
export function spanEndsCodedWith(text: string, id: string): number[] {
  const ends: number[] = [];
  const closer = /\}\}((?:\{[^{}\n]*\})+)/g;
  const tag = new RegExp(`#${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_.-])`, 'u');
  for (let m = closer.exec(text); m; m = closer.exec(text)) {
    // Memos are quoted; strip them so a `#id` inside a memo does not count.
    const blocks = m[1].replace(/"(?:[^"\\]|\\.)*"/g, '""');
    if (tag.test(blocks)) ends.push(m.index + m[0].length);
  }
  return ends;
}

/** Resolves when `probe` returns a value other than undefined/false; fails with `what` and the last value at the deadline. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = WAIT_MS,
  describeLast?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const last = describeLast ? `; last seen: ${describeLast()}` : '';
      const error = lastError ? `; last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last}${error}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Activates Axial (if it is not yet) and returns its API. */
export async function activateAxial(): Promise<AxialApi> {
  const ext = vscode.extensions.getExtension<AxialApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(api && typeof api.statusText === 'function', 'activate() did not return the Axial API');
  return api;
}

/** The status bar text once the server has indexed the project, e.g. `$(symbol-class) 30 codes · 7 transcripts · 59 spans`. */
export function countsText(c: { codes: number; transcripts: number; spans: number }): string {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  return `${plural(c.codes, 'code')} · ${plural(c.transcripts, 'transcript')} · ${plural(c.spans, 'span')}`;
}

/** Activates Axial and waits until the server reports the project's counts (the index is built). */
export async function axialReady(): Promise<AxialApi> {
  const api = await activateAxial();
  const expected = countsText(expectedCounts());
  await waitFor('the status bar to show the project counts', () => api.statusText().endsWith(expected), WAIT_MS, () => api.statusText());
  return api;
}

/** Opens a transcript and waits until it has the transcript language. */
export async function openTranscript(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(projectFile('transcripts', name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return waitFor(`${name} to get the ${TRANSCRIPT_LANGUAGE} language`, () => {
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString());
    return current?.languageId === TRANSCRIPT_LANGUAGE ? current : undefined;
  });
}

/** The offset of the `n`-th (0-based) occurrence of `needle`; fails when there is none. */
export function offsetOf(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (occurrence ${n}) not found`);
  }
  return at;
}

/** Replaces [start, end) of the document through a WorkspaceEdit. */
export async function replaceRange(doc: vscode.TextDocument, start: number, end: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `applyEdit on ${path.basename(doc.uri.fsPath)} was refused`);
}

/** Puts the document back to `original` and saves it, so the next test sees the example unchanged. */
export async function restore(doc: vscode.TextDocument, original: string): Promise<void> {
  if (doc.getText() !== original) await replaceRange(doc, 0, doc.getText().length, original);
  if (doc.isDirty) await doc.save();
  assert.equal(doc.getText(), original);
}

/** Axial's diagnostics of a document, optionally only those with one code. */
export function axialDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'axial' && (code === undefined || diagnosticCode(d) === code));
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const ds = vscode.languages.getDiagnostics(uri);
  if (ds.length === 0) return 'no diagnostics';
  return ds
    .map((d) => `${diagnosticCode(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .join(' | ');
}

export function rangeText(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** A Location or LocationLink as (uri, range). */
export function asLocation(l: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : { uri: l.uri, range: l.range };
}

/** Hover contents as one plain string. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}
