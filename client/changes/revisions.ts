/**
 * Asking for coding changes from the editor: which repository (the active file's
 * workspace folder, else the first), which revision (a QuickPick of HEAD, recent
 * commits and branches, or any revision typed), and the server's answer, with git
 * problems shown as error messages.
 */
import * as vscode from 'vscode';
import type { Requester } from '../requests';
import {
  CodingChangesRequest,
  RevisionsRequest,
  type CodingChangesResult,
  type RevisionChoice,
} from '../../common/protocol';

export type { Requester } from '../requests';

/** The folder whose repository to read: the active file's workspace folder, else the first one. */
export function repositoryFolder(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.toString();
}

type RevisionItem = vscode.QuickPickItem & { revision?: string };

const ICONS: Record<RevisionChoice['kind'], string> = { head: '$(git-commit)', commit: '$(git-commit)', branch: '$(git-branch)' };

/**
 * Lets the user pick a revision (HEAD first and selected; typing filters, and any
 * text typed can be taken as a revision). Undefined when cancelled or git failed (said).
 */
export async function pickRevision(request: Requester, folder: string, title = 'Show coding changes since…', onError: (message: string) => void = () => {}): Promise<string | undefined> {
  const answer = said(await request(RevisionsRequest.type, { folder }), onError);
  if (!answer) return undefined;
  const base: RevisionItem[] = [];
  let section = '';
  for (const r of answer.revisions) {
    const heading = r.kind === 'head' ? '' : r.kind === 'commit' ? 'Recent commits' : 'Branches';
    if (heading !== section) {
      base.push({ label: heading, kind: vscode.QuickPickItemKind.Separator });
      section = heading;
    }
    base.push({ label: `${ICONS[r.kind]} ${r.revision}`, description: r.description, revision: r.revision });
  }
  const qp = vscode.window.createQuickPick<RevisionItem>();
  qp.title = title;
  qp.placeholder = 'A revision: HEAD, a commit, a branch (or type one: HEAD~3, a tag, main...HEAD)';
  qp.matchOnDescription = true;
  qp.items = base;
  qp.onDidChangeValue((value) => {
    // What is typed is offered as a revision when it is part of no listed one (HEAD~3, a tag,
    // main...HEAD); typing part of a listed name only filters, so Enter takes that name.
    const typed = value.trim();
    const listed = base.some((i) => i.revision?.toLowerCase().includes(typed.toLowerCase()));
    qp.items = typed && !listed ? [{ label: typed, description: 'the revision typed', revision: typed, alwaysShow: true }, ...base] : base;
  });
  return new Promise<string | undefined>((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0]?.revision ?? (qp.value.trim() || undefined);
      done = true;
      resolve(picked);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** The coding changes since `revision`; undefined (with a message shown) when the server is not running or git failed. */
export async function fetchChanges(request: Requester, folder: string, revision: string, onError: (message: string) => void = () => {}): Promise<CodingChangesResult | undefined> {
  return said(await request(CodingChangesRequest.type, { folder, revision }), onError);
}

/** A git answer from the server, or undefined with the reason shown: no server running, or git's error (also given to onError). */
function said<T extends { error?: string }>(answer: T | undefined, onError: (message: string) => void): T | undefined {
  if (!answer) {
    void vscode.window.showWarningMessage('Axial: the language server is not running.');
    return undefined;
  }
  if (answer.error) {
    onError(answer.error);
    void vscode.window.showErrorMessage(`Axial: ${answer.error}`);
    return undefined;
  }
  return answer;
}
