import * as vscode from 'vscode';
import { chooseFolder, exists } from '../workspaceFolders';
import { EXAMPLE_FILES, STARTER_FILES } from './projectFiles';

export const CREATE_STARTER_COMMAND = 'axial.createStarterProject';
export const OPEN_EXAMPLE_COMMAND = 'axial.openExampleProject';

/** Writes files (paths relative to `folder`) that do not exist yet; returns the URIs written. */
async function writeFiles(folder: vscode.Uri, files: Record<string, string>): Promise<vscode.Uri[]> {
  const written: vscode.Uri[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const uri = vscode.Uri.joinPath(folder, ...rel.split('/'));
    if (await exists(uri)) continue;
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    written.push(uri);
  }
  return written;
}

/**
 * Writes the starter project (codebook.yaml and transcripts/sample-interview.md) into
 * a folder; existing files are left alone. Returns the codebook and the transcript.
 */
export async function createStarterProject(folder: vscode.Uri): Promise<{ codebook: vscode.Uri; transcript: vscode.Uri; written: vscode.Uri[] }> {
  const written = await writeFiles(folder, STARTER_FILES);
  return {
    codebook: vscode.Uri.joinPath(folder, 'codebook.yaml'),
    transcript: vscode.Uri.joinPath(folder, 'transcripts', 'sample-interview.md'),
    written,
  };
}

/** Writes the minimal example project into a new folder `axial-example` (or `axial-example-2`, …) under `parent`. */
export async function writeExampleProject(parent: vscode.Uri): Promise<vscode.Uri> {
  let folder = vscode.Uri.joinPath(parent, 'axial-example');
  for (let n = 2; await exists(folder); n++) folder = vscode.Uri.joinPath(parent, `axial-example-${n}`);
  await writeFiles(folder, EXAMPLE_FILES);
  return folder;
}

/** The welcome view's two buttons. */
export function registerWelcomeCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CREATE_STARTER_COMMAND, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        const open = 'Open Folder…';
        if ((await vscode.window.showInformationMessage('Axial: open a folder first; the starter codebook is written into it.', open)) === open) {
          await vscode.commands.executeCommand('workbench.action.files.openFolder');
        }
        return;
      }
      const { codebook, transcript, written } = await createStarterProject(folder.uri);
      if (!written.some((u) => u.path === codebook.path)) {
        void vscode.window.showInformationMessage('Axial: this folder already has a codebook.yaml; it was left as it is.');
      }
      await vscode.window.showTextDocument(codebook, { preview: false });
      if (await exists(transcript)) await vscode.window.showTextDocument(transcript, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    }),

    vscode.commands.registerCommand(OPEN_EXAMPLE_COMMAND, async () => {
      // Running from Axial's repository (development, `npm start`): the real example is there.
      const bundled = vscode.Uri.joinPath(context.extensionUri, 'examples', 'therapeutic-relationship');
      if (await exists(vscode.Uri.joinPath(bundled, 'codebook.yaml'))) {
        await vscode.commands.executeCommand('vscode.openFolder', bundled, { forceNewWindow: true });
        return;
      }
      // An installed .vsix ships no examples: write the minimal copy where the user says.
      const parent = await chooseFolder('Create the example here', 'Where should Axial create the example project (a new folder axial-example)?', vscode.workspace.workspaceFolders?.[0]?.uri);
      if (!parent) return;
      const folder = await writeExampleProject(parent);
      await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: true });
    }),
  ];
}
