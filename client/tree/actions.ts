import * as vscode from 'vscode';
import {
  CodebookRequest,
  MergeCodeCommand,
  RenameCodeCommand,
  TreeMarkdownRequest,
  type CodebookResult,
  type LspRange,
  type MergeCodeArgs,
  type RefactorCommandResult,
  type RenameCodeArgs,
  type TreeMarkdownResult,
  type TreeNode,
} from '../../common/protocol';
import type { AxialTreeProvider } from './provider';
import type { TreeServer } from './server';

/** The client merge command another part of Axial may register; used when present. */
const CLIENT_MERGE_COMMAND = 'axial.mergeCode';

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

/**
 * Merges a code into another: through `axial.mergeCode` when that client command
 * exists (with this code preselected), else with two quick picks (the target, and
 * whether to delete or deprecate this code) and the server's merge command.
 */
export async function mergeCode(server: TreeServer, node: TreeNode): Promise<RefactorCommandResult | undefined> {
  if (!node?.codeId || !node.source) return undefined;
  const from = node.codeId;
  if ((await vscode.commands.getCommands(true)).includes(CLIENT_MERGE_COMMAND)) {
    return vscode.commands.executeCommand<RefactorCommandResult>(CLIENT_MERGE_COMMAND, { uri: node.source.uri, from });
  }
  const codebook = await server.request<CodebookResult | null>(CodebookRequest, { uri: node.source.uri });
  if (!codebook) return undefined;
  const kind = node.kind === 'category' ? 'category' : 'code';
  const targets = codebook.codes.filter((c) => c.id !== from && c.kind === kind && c.status === 'active');
  const target = await vscode.window.showQuickPick(
    targets.map((c) => ({ label: c.name, description: c.id === c.name ? undefined : c.id, detail: `${c.quotes} quotes · ${c.cases} cases`, id: c.id })),
    { title: `Merge ${from} into…`, placeHolder: `Every #${from} becomes the code you pick`, matchOnDescription: true },
  );
  if (!target) return undefined;
  const mode = await vscode.window.showQuickPick(
    [
      { label: `Delete ${from}`, description: 'remove its entry from codebook.yaml', mode: 'delete' as const },
      { label: `Keep ${from} as deprecated`, description: `status: deprecated, replaced_by: ${target.id}`, mode: 'deprecate' as const },
    ],
    { title: `Merge ${from} into ${target.id}: and then?` },
  );
  if (!mode) return undefined;
  const args: MergeCodeArgs = { uri: node.source.uri, from, to: target.id, mode: mode.mode };
  const result = await vscode.commands.executeCommand<RefactorCommandResult>(MergeCodeCommand, args);
  report(result);
  return result;
}

/** Copies the quotes under a node to the clipboard as Markdown; returns what was copied. */
export async function copyQuotes(server: TreeServer, provider: AxialTreeProvider, node: TreeNode): Promise<TreeMarkdownResult | undefined> {
  if (!node) return undefined;
  const result = await server.request<TreeMarkdownResult | null>(TreeMarkdownRequest, { id: node.id, filter: provider.filter });
  if (!result || result.quotes === 0) {
    void vscode.window.showInformationMessage('Axial: no quotes to copy.');
    return undefined;
  }
  await vscode.env.clipboard.writeText(result.markdown);
  void vscode.window.setStatusBarMessage(`Axial: copied ${result.quotes} quote${result.quotes === 1 ? '' : 's'} as Markdown`, 4000);
  return result;
}
