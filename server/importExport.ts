/**
 * The editor's import and export: `axial/importFile` and `axial/exportRefi` run
 * host/'s import and REFI-QDA export (the code `axial import` and `axial export`
 * run) on files the client names by URI. The file watchers then bring the new
 * transcript or codebook into the index like any file written outside the editor.
 */
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ExportRefiRequest, ImportFileRequest, type ExportRefiParams, type ExportRefiResult, type ImportFileParams, type ImportFileResult } from '../common/protocol';
import { exportRefi } from '../host/exportRefi';
import { CODES_EXTENSIONS, importCodebook, importInterview } from '../host/importInto';
import type { Health } from './health';

/** Registers the import and export requests. */
export function registerImportExport(connection: Connection, health: Health): void {
  connection.onRequest(ImportFileRequest.type, (params) =>
    health.guardAsync<ImportFileResult>('import', { message: 'the import failed (see the Axial output)' }, () => importFile(params)),
  );
  connection.onRequest(ExportRefiRequest.type, (params) =>
    health.guardAsync<ExportRefiResult>('REFI-QDA export', { ok: false, message: 'the export failed (see the Axial output)', problems: [] }, () => exportFile(params)),
  );
}

async function importFile(params: ImportFileParams): Promise<ImportFileResult> {
  const file = URI.parse(params.file).fsPath;
  const project = URI.parse(params.project).fsPath;
  const name = path.basename(file);
  if (CODES_EXTENSIONS.includes(path.extname(file).toLowerCase())) {
    const r = await importCodebook(file, { project, force: params.force, cwd: project });
    if (!r.ok) return { message: r.error, exists: r.exists };
    return { written: URI.file(r.file).toString(), message: r.merged ? `Merged ${name} into codebook.yaml: ${r.added} codes added.` : `Wrote codebook.yaml: ${r.added} codes from ${name}.` };
  }
  const r = await importInterview(file, { project, force: params.force, cwd: project });
  if (!r.ok) return { message: r.error, exists: r.exists };
  const speakers = r.speakers.map(([l, n]) => `${l}: ${n}`).join(', ');
  const comments = r.comments ? ` ${r.comments.count} Word comment${r.comments.count === 1 ? '' : 's'} in memos/${path.basename(r.comments.file)}.` : '';
  return { written: URI.file(r.file).toString(), message: `Imported ${name} as ${r.shape}${speakers ? ` (${speakers})` : ''}.${comments}` };
}

async function exportFile(params: ExportRefiParams): Promise<ExportRefiResult> {
  const project = URI.parse(params.project).fsPath;
  const out = URI.parse(params.out).fsPath;
  const r = await exportRefi(project, params.format, out, project);
  if (!r.ok) return { ok: false, message: r.error, problems: [] };
  const what = params.format === 'qdc' ? `${r.codes} codes` : `${r.transcripts} transcripts, ${r.codes} codes`;
  return { ok: true, message: `Exported ${what} to ${path.basename(out)}.`, problems: r.problems.map((p) => `${p.file}: ${p.reason}`) };
}
