/**
 * "Axial: New Project…": asks for the study's title, language and coders and writes a
 * starter codebook.yaml and transcripts/sample-interview.md into a folder (the open
 * one, or one the user picks). It never overwrites: when either file exists nothing
 * is written; a folder it may not write to gets one clear message, and anything
 * written before the failure is removed again.
 */
import * as vscode from 'vscode';
import { chooseFolder, exists } from '../workspaceFolders';
import { parseCoders, STARTER_LANGUAGES, starterFiles, type StarterAnswers } from './starter';

export const NEW_PROJECT_COMMAND = 'axial.newProject';

/** Arguments that skip the questions (tests, other extensions); each missing one is asked. */
export interface NewProjectArgs {
  /** Folder to write into (a URI or a path); default: the first workspace folder, else a picked one. */
  folder?: vscode.Uri | string;
  title?: string;
  language?: string;
  /** `CA Carolina Altimir; LN Lucía Núñez` (see parseCoders). */
  coders?: string;
  /** Open codebook.yaml and the sample afterwards (default true). */
  open?: boolean;
}

/** What the command did: the files it wrote, or why it wrote none. */
export type NewProjectResult = { written: vscode.Uri[] } | { refused: string } | { cancelled: true };

async function pickFolder(given: NewProjectArgs['folder']): Promise<vscode.Uri | undefined> {
  if (given) return typeof given === 'string' ? vscode.Uri.file(given) : given;
  const open = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (open) return open;
  return chooseFolder('Create the Axial project here', 'Axial: New Project — choose a folder');
}

async function askAnswers(args: NewProjectArgs): Promise<StarterAnswers | undefined> {
  const title = args.title ?? await vscode.window.showInputBox({
    title: 'Axial: New Project (1/3)', prompt: "The study's title", placeHolder: 'e.g. Seeking help after a diagnosis',
    validateInput: (v) => (v.trim() ? undefined : 'Give the study a title'),
  });
  if (title === undefined) return undefined;
  let language = args.language;
  if (language === undefined) {
    const picked = await vscode.window.showQuickPick(
      STARTER_LANGUAGES.map((l) => ({ label: l.code, description: l.name })),
      { title: 'Axial: New Project (2/3)', placeHolder: "The transcripts' language (for code suggestions)" },
    );
    if (!picked) return undefined;
    language = picked.label;
  }
  let coders = args.coders;
  if (coders === undefined) {
    coders = await vscode.window.showInputBox({
      title: 'Axial: New Project (3/3)', prompt: 'Who codes: initials and name, separated by ";" (empty: anyone)',
      placeHolder: 'CA Carolina Altimir; LN Lucía Núñez',
      validateInput: (v) => { const r = parseCoders(v); return 'error' in r ? r.error : undefined; },
    });
    if (coders === undefined) return undefined;
  }
  const parsed = parseCoders(coders);
  if ('error' in parsed) {
    void vscode.window.showErrorMessage(`Axial: ${parsed.error}. Nothing was written.`);
    return undefined;
  }
  return { title, language, coders: parsed.coders };
}

function reason(err: unknown): string {
  if (err instanceof vscode.FileSystemError && err.code === 'NoPermissions') return 'permission denied';
  const text = err instanceof Error ? err.message : String(err);
  return /EACCES|EPERM|EROFS|permission/i.test(text) ? 'permission denied' : text;
}

/** Runs New Project; see the module comment. */
export async function newProject(args: NewProjectArgs = {}): Promise<NewProjectResult> {
  const folder = await pickFolder(args.folder);
  if (!folder) return { cancelled: true };
  const files = Object.entries(starterFiles({ title: '', language: 'en', coders: [] })).map(([rel]) => ({ rel, uri: vscode.Uri.joinPath(folder, ...rel.split('/')) }));
  for (const f of files) {
    if (await exists(f.uri)) {
      const refused = `${folder.fsPath} already has ${f.rel}; New Project writes nothing into an existing project`;
      void vscode.window.showWarningMessage(`Axial: ${refused}.`);
      return { refused };
    }
  }
  const answers = await askAnswers(args);
  if (!answers) return { cancelled: true };

  const text = starterFiles(answers);
  const written: vscode.Uri[] = [];
  const madeDirs: vscode.Uri[] = [];
  try {
    for (const f of files) {
      const dir = vscode.Uri.joinPath(f.uri, '..');
      if (!(await exists(dir))) {
        await vscode.workspace.fs.createDirectory(dir);
        madeDirs.push(dir);
      }
      await vscode.workspace.fs.writeFile(f.uri, new TextEncoder().encode(text[f.rel]));
      written.push(f.uri);
    }
  } catch (err) {
    // Leave the folder as it was.
    for (const uri of [...written, ...madeDirs.reverse()]) await vscode.workspace.fs.delete(uri, { recursive: false }).then(undefined, () => undefined);
    const refused = `cannot write to ${folder.fsPath}: ${reason(err)}. Nothing was written`;
    void vscode.window.showErrorMessage(`Axial: ${refused}.`);
    return { refused };
  }

  const inWorkspace = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
  if (args.open !== false) {
    if (inWorkspace) {
      await vscode.window.showTextDocument(written[0], { preview: false });
      await vscode.window.showTextDocument(written[1], { preview: false, viewColumn: vscode.ViewColumn.Beside });
    } else {
      const open = 'Open Folder';
      if ((await vscode.window.showInformationMessage(`Axial: the project is ready in ${folder.fsPath}.`, open)) === open) {
        await vscode.commands.executeCommand('vscode.openFolder', folder);
      }
    }
  }
  return { written };
}

/** Registers "Axial: New Project…". */
export function registerNewProject(): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_PROJECT_COMMAND, (args?: NewProjectArgs) => newProject(args ?? {}));
}
