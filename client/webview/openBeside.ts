import * as vscode from 'vscode';
import type { LspRange } from '../../common/protocol';

/**
 * Opens a transcript with a range selected beside a webview panel (in the first
 * column, or beside it when the panel is there), as a click on a quote or a
 * change does; a file that cannot be opened is said in an error message naming `shown`.
 */
export async function openBeside(panel: vscode.WebviewPanel, uri: string, shown: string, r: LspRange): Promise<void> {
  const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const column = panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  } catch (err) {
    void vscode.window.showErrorMessage(`Axial: could not open ${shown}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
