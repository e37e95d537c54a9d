/**
 * Folder and file questions the commands that write into the workspace share
 * (New Project, New Memo, the welcome view's starter and example projects):
 * whether a file is there, and a folder the user chooses.
 */
import * as vscode from 'vscode';

/** Whether `uri` names an existing file or folder (through VS Code's file system, so any scheme works). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** One folder the user picks in the open dialog, or undefined when cancelled. */
export async function chooseFolder(openLabel: string, title: string, defaultUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri, openLabel, title });
  return picked?.[0];
}
