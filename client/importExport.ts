/**
 * "Axial: Import Transcript…", "Axial: Export Project (REFI-QDA)…" and "Axial:
 * Export Codebook (REFI-QDC)…": a file dialog, then the server runs the same
 * import and export code as `axial import` and `axial export` (host/). Each
 * command also takes its files as arguments, so the dialogs can be skipped (by
 * tests, or by other extensions and keybindings).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExportRefiRequest, ImportFileRequest, type ExportRefiResult, type ImportFileResult, type StatusParams } from '../common/protocol';
import type { Requester } from './requests';

export const IMPORT_TRANSCRIPT_COMMAND = 'axial.importTranscript';
export const EXPORT_PROJECT_COMMAND = 'axial.exportProject';
export const EXPORT_CODEBOOK_COMMAND = 'axial.exportCodebook';

/** Arguments of the import command: the file to import and the project folder (each asked for when absent). */
export interface ImportArgs {
  file?: vscode.Uri;
  project?: vscode.Uri;
  /** Replace an existing transcript without asking. */
  force?: boolean;
}

/** Arguments of the export commands: the file to write and the project folder (each asked for when absent). */
export interface ExportArgs {
  out?: vscode.Uri;
  project?: vscode.Uri;
}

/** What the client needs: requests to the server and the latest project status. */
export interface ImportExportDeps {
  request: Requester;
  onDidReceiveStatus: vscode.Event<StatusParams>;
}

/** Registers the three commands. */
export function registerImportExport(context: vscode.ExtensionContext, deps: ImportExportDeps): void {
  let projects: string[] = [];
  context.subscriptions.push(
    deps.onDidReceiveStatus((s) => {
      projects = (s.projects ?? []).map((p) => p.root);
    }),
    vscode.commands.registerCommand(IMPORT_TRANSCRIPT_COMMAND, (arg?: ImportArgs | vscode.Uri) => importFile(deps.request, projects, arg instanceof vscode.Uri ? { file: arg } : (arg ?? {}))),
    vscode.commands.registerCommand(EXPORT_PROJECT_COMMAND, (arg?: ExportArgs) => exportRefi(deps.request, projects, 'qdpx', arg ?? {})),
    vscode.commands.registerCommand(EXPORT_CODEBOOK_COMMAND, (arg?: ExportArgs) => exportRefi(deps.request, projects, 'qdc', arg ?? {})),
  );
}

async function importFile(request: Requester, projects: string[], arg: ImportArgs): Promise<ImportFileResult | undefined> {
  const project = arg.project ?? (await pickProject(projects));
  if (!project) return undefined;
  let file = arg.file;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: project,
      filters: { Interviews: ['docx', 'vtt', 'srt', 'txt'], 'Codes sheets': ['csv', 'xlsx'] },
      openLabel: 'Import',
      title: 'Import an interview as a transcript (or a codes sheet into codebook.yaml)',
    });
    file = picked?.[0];
    if (!file) return undefined;
  }
  const params = { file: file.toString(), project: project.toString(), force: arg.force };
  let result = await request(ImportFileRequest.type, params);
  if (result?.exists && !arg.force) {
    const replace = /\.(csv|xlsx)$/i.test(file.fsPath) ? 'Merge' : 'Replace';
    const answer = await vscode.window.showWarningMessage(`Axial: ${result.message.replace(/ \(use --force.*\)$/, '')}.`, { modal: true }, replace);
    if (answer !== replace) return result;
    result = await request(ImportFileRequest.type, { ...params, force: true });
  }
  if (!result) {
    void vscode.window.showErrorMessage('Axial: the language server is not running; try "Axial: Restart Language Server".');
    return undefined;
  }
  if (!result.written) {
    void vscode.window.showErrorMessage(`Axial: ${result.message}`);
    return result;
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(result.written), { preview: false });
  void vscode.window.showInformationMessage(`Axial: ${result.message}`);
  return result;
}

async function exportRefi(request: Requester, projects: string[], format: 'qdpx' | 'qdc', arg: ExportArgs): Promise<ExportRefiResult | undefined> {
  const project = arg.project ?? (await pickProject(projects));
  if (!project) return undefined;
  let out = arg.out;
  if (!out) {
    out = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(project, `${path.basename(project.fsPath) || 'project'}.${format}`),
      filters: format === 'qdpx' ? { 'REFI-QDA project': ['qdpx'] } : { 'REFI-QDA codebook': ['qdc'] },
      saveLabel: 'Export',
      title: format === 'qdpx' ? 'Export the project as a REFI-QDA project' : 'Export the codebook as a REFI-QDA codebook',
    });
    if (!out) return undefined;
  }
  const result = await request(ExportRefiRequest.type, { project: project.toString(), format, out: out.toString() });
  if (!result) {
    void vscode.window.showErrorMessage('Axial: the language server is not running; try "Axial: Restart Language Server".');
    return undefined;
  }
  if (!result.ok) void vscode.window.showErrorMessage(`Axial: ${result.message}`);
  else if (result.problems.length) void vscode.window.showWarningMessage(`Axial: ${result.message} ${result.problems.length} file(s) have errors and were exported as far as they parse: ${result.problems.join('; ')}`);
  else void vscode.window.showInformationMessage(`Axial: ${result.message}`);
  return result;
}

/** The project of the active editor's file, else the only project, else the one the user picks. */
async function pickProject(projects: string[]): Promise<vscode.Uri | undefined> {
  const roots = projects.map((p) => vscode.Uri.parse(p));
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active) {
    const owner = roots.filter((r) => active.fsPath.startsWith(r.fsPath + path.sep)).sort((a, b) => b.fsPath.length - a.fsPath.length)[0];
    if (owner) return owner;
  }
  if (roots.length === 1) return roots[0];
  if (roots.length === 0) {
    void vscode.window.showWarningMessage('Axial: this workspace has no project (a folder with codebook.yaml). Create one with "Axial: Create a Starter Codebook".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    roots.map((r) => ({ label: vscode.workspace.asRelativePath(r, true), uri: r })),
    { title: 'Which project?' },
  );
  return picked?.uri;
}
