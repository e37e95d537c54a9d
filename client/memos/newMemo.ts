/**
 * "Axial: New Memo…": writes `memos/<slug>.md` linked to a code (a code in the Axial
 * view, or the tag under the cursor) and to a selected passage's transcript, and
 * opens it. An existing memo of the same name is never overwritten: the new one
 * gets `-2`, `-3`, ….
 */
import * as vscode from 'vscode';
import { TreeLocateRequest, type TreeNode } from '../../common/protocol';
import type { Requester } from '../requests';
import { exists } from '../workspaceFolders';
import { memoSlug, memoText } from './memoFile';

export const NEW_MEMO_COMMAND = 'axial.newMemo';

/** Arguments that skip the questions (tests); a tree node when run from the Axial view. */
export interface NewMemoArgs {
  /** The code to link; default: the code of the Axial view node or of the tag under the cursor. */
  code?: string;
  /** The memo's title; asked when missing. */
  title?: string;
  /** Open the memo afterwards (default true). */
  open?: boolean;
}

/** The folder holding codebook.yaml at or above `uri`'s folder. */
async function projectRootOf(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  let dir = vscode.Uri.joinPath(uri, '..');
  for (let i = 0; i < 64; i++) {
    if (await exists(vscode.Uri.joinPath(dir, 'codebook.yaml'))) return dir;
    const up = vscode.Uri.joinPath(dir, '..');
    if (up.path === dir.path) return undefined;
    dir = up;
  }
  return undefined;
}

function isTreeNode(a: unknown): a is TreeNode {
  return typeof a === 'object' && a !== null && typeof (a as TreeNode).id === 'string' && typeof (a as TreeNode).kind === 'string';
}

/** Runs New Memo; returns the memo written, or undefined when cancelled or refused. */
export async function newMemo(request: Requester, arg?: NewMemoArgs | TreeNode): Promise<vscode.Uri | undefined> {
  const args: NewMemoArgs = isTreeNode(arg) ? { code: arg.codeId } : (arg ?? {});
  const editor = vscode.window.activeTextEditor;
  let root = isTreeNode(arg) ? vscode.Uri.parse(arg.root) : undefined;
  let code = args.code;
  let transcript: string | undefined;
  let quote: { text: string; where: string } | undefined;

  if (!isTreeNode(arg) && editor) {
    const doc = editor.document;
    root ??= await projectRootOf(doc.uri);
    if (code === undefined) {
      const path = await request(TreeLocateRequest.type, { uri: doc.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } });
      code = path?.reverse().find((n) => n.codeId !== undefined && n.kind !== 'unknownCode')?.codeId;
    }
    if (root && doc.languageId === 'axial-transcript') {
      transcript = vscode.workspace.asRelativePath(doc.uri, false);
      const rel = doc.uri.path.startsWith(root.path + '/') ? doc.uri.path.slice(root.path.length + 1) : undefined;
      transcript = rel ?? transcript;
      if (!editor.selection.isEmpty) {
        quote = { text: doc.getText(editor.selection), where: `${transcript}:${editor.selection.start.line + 1}` };
      }
    }
  }
  root ??= vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root || (code === undefined && transcript === undefined)) {
    void vscode.window.showInformationMessage('Axial: run New Memo on a code (in the Axial view or on a tag) or on a selection in a transcript.');
    return undefined;
  }

  const title = args.title ?? await vscode.window.showInputBox({
    title: 'Axial: New Memo',
    prompt: code ? `A memo on ${code}${transcript ? ` in ${transcript}` : ''}: its title` : `A memo on ${transcript}: its title`,
    placeHolder: 'e.g. Trust is built, not given',
    validateInput: (v) => (v.trim() ? undefined : 'Give the memo a title'),
  });
  if (title === undefined || !title.trim()) return undefined;

  const folder = vscode.Uri.joinPath(root, 'memos');
  const slug = memoSlug(title);
  let file = vscode.Uri.joinPath(folder, `${slug}.md`);
  for (let n = 2; await exists(file); n++) file = vscode.Uri.joinPath(folder, `${slug}-${n}.md`);
  try {
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(memoText({ title, codes: code ? [code] : [], transcripts: transcript ? [transcript] : [], quote })));
  } catch (err) {
    void vscode.window.showErrorMessage(`Axial: cannot write ${file.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  if (args.open !== false) {
    const doc = await vscode.window.showTextDocument(file, { preview: false });
    const end = doc.document.lineAt(doc.document.lineCount - 1).range.end;
    doc.selection = new vscode.Selection(end, end);
  }
  return file;
}

/** Registers "Axial: New Memo…". */
export function registerNewMemo(request: Requester): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_MEMO_COMMAND, (arg?: NewMemoArgs | TreeNode) => newMemo(request, arg));
}
