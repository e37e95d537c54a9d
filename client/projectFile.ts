/**
 * Which project a command that is not given one works on: the active editor's
 * transcript or codebook.yaml, else the workspace's top-most codebook.yaml. The
 * pictures and the query view ask here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TRANSCRIPT_LANGUAGE_ID } from '../common/protocol';

/** A transcript or a codebook.yaml on disk: a file of some project. */
export function isProjectDocument(d: vscode.TextDocument): boolean {
  return d.uri.scheme === 'file' && (d.languageId === TRANSCRIPT_LANGUAGE_ID || path.basename(d.uri.fsPath) === 'codebook.yaml');
}

/** The active editor's document when it is a project file. */
export function activeProjectFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isProjectDocument(doc) ? doc.uri.toString() : undefined;
}

/** The workspace's codebook.yaml nearest the top (shortest path, then by name). */
export async function firstCodebook(): Promise<string | undefined> {
  const found = await vscode.workspace.findFiles('**/codebook.yaml', '**/{node_modules,.git,dist,out}/**', 10);
  found.sort((a, b) => a.path.length - b.path.length || (a.path < b.path ? -1 : 1));
  return found[0]?.toString();
}
