import * as vscode from 'vscode';
import {
  RenameCodeCommand,
  TreeMarkdownRequest,
  type LspRange,
  type RefactorCommandResult,
  type RenameCodeArgs,
  type TreeMarkdownResult,
  type TreeNode,
} from '../../common/protocol';
import { plural } from '../../core/text';
import type { AxialTreeProvider } from './provider';
import type { TreeServer } from './server';

/** Axial's merge and move commands (client/coding): pickers, then the server's refactoring. */
const MERGE_CODE_COMMAND = 'axial.mergeCode';
const MOVE_CODE_COMMAND = 'axial.moveCode';

/** Codes are written `#id`: a letter or digit, then letters, digits, `_`, `.`, `-` (FORMAT section 2). */
const ID = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

export const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** Opens the transcript of a quote node with the quote selected. */
export async function openQuote(node: TreeNode): Promise<vscode.TextEditor | undefined> {
  if (!node?.quote) return undefined;
  const range = toRange(node.quote.range);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(node.quote.uri), { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** Opens codebook.yaml at a code's key. */
export async function goToCodebookEntry(node: TreeNode): Promise<void> {
  if (!node?.source) return;
  const range = toRange(node.source.range);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(node.source.uri), { selection: range, preview: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function report(result: RefactorCommandResult | undefined): void {
  if (!result) return;
  if (result.error) void vscode.window.showErrorMessage(`Axial: ${result.error}`);
  else if (result.summary) void vscode.window.showInformationMessage(`Axial: ${result.summary}`);
}

/** Renames a code everywhere (codebook and transcripts) through the server's rename command. */
export async function renameCode(node: TreeNode): Promise<RefactorCommandResult | undefined> {
  if (!node?.codeId || !node.source) return undefined;
  const from = node.codeId;
  const to = await vscode.window.showInputBox({
    title: `Rename code ${from}`,
    prompt: 'The new id, changed in codebook.yaml and in every tag of every transcript.',
    value: from,
    valueSelection: [0, from.length],
    validateInput: (v) => (v.trim() === from ? undefined : ID.test(v.trim()) ? undefined : 'An id starts with a letter or digit, then letters, digits, _ . or -.'),
  });
  if (to === undefined || to.trim() === from) return undefined;
  const args: RenameCodeArgs = { uri: node.source.uri, from, to: to.trim() };
  const result = await vscode.commands.executeCommand<RefactorCommandResult>(RenameCodeCommand, args);
  report(result);
  return result;
}

/** Merges a code into another, through Axial's Merge Codes command with this code preselected (it asks for the target and what to keep). */
export async function mergeCode(node: TreeNode): Promise<RefactorCommandResult | undefined> {
  if (!node?.codeId || !node.source) return undefined;
  return vscode.commands.executeCommand<RefactorCommandResult>(MERGE_CODE_COMMAND, { uri: node.source.uri, from: node.codeId });
}

/** Moves a code under another code or category, through Axial's Move Code command with this code preselected. */
export async function moveCode(node: TreeNode): Promise<RefactorCommandResult | undefined> {
  if (!node?.codeId || !node.source) return undefined;
  return vscode.commands.executeCommand<RefactorCommandResult>(MOVE_CODE_COMMAND, { uri: node.source.uri, id: node.codeId });
}

/** Copies the quotes under a node to the clipboard as Markdown; returns what was copied. */
export async function copyQuotes(server: TreeServer, provider: AxialTreeProvider, node: TreeNode): Promise<TreeMarkdownResult | undefined> {
  if (!node) return undefined;
  const result = await server.request(TreeMarkdownRequest.type, { id: node.id, filter: provider.filter });
  if (!result || result.quotes === 0) {
    void vscode.window.showInformationMessage('Axial: no quotes to copy.');
    return undefined;
  }
  try {
    await vscode.env.clipboard.writeText(result.markdown);
  } catch (err) {
    void vscode.window.showErrorMessage(`Axial: could not write to the clipboard: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  if (result.truncated) {
    // Past the server's limit the Markdown lists the first quotes and says how many are left.
    void vscode.window.showInformationMessage(`Axial: copied the first ${result.listed ?? 0} of ${plural(result.quotes, 'quote')} as Markdown (narrow the filter or pick a code lower in the tree for the others).`);
  } else void vscode.window.setStatusBarMessage(`Axial: copied ${plural(result.quotes, 'quote')} as Markdown`, 4000);
  return result;
}
