import * as vscode from 'vscode';
import type { LspRange } from '../../common/protocol';

/**
 * Opens a transcript with a range selected beside a webview panel (in the first
 * column, or beside it when the panel is there), as a click on a quote, a change
 * or a disagreement does; a file that cannot be opened is said in an error
 * message naming `shown`. With `reveal` (a disagreement: every coder's blocks of
 * the unit), that range is scrolled to, and the selection when both do not fit.
 */
export async function openBeside(panel: vscode.WebviewPanel, uri: string, shown: string, r: LspRange, reveal?: LspRange): Promise<vscode.TextEditor | undefined> {
  const range = (x: LspRange) => new vscode.Range(x.start.line, x.start.character, x.end.line, x.end.character);
  const selection = range(r);
  const column = panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection, preview: true });
    editor.revealRange(reveal ? range(reveal) : selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (reveal && !editor.visibleRanges.some((v) => v.contains(selection))) editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
    return editor;
  } catch (err) {
    void vscode.window.showErrorMessage(`Axial: could not open ${shown}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
