/**
 * Revealing a node in the Axial view: by its path (tests and the API), and at the
 * editor's cursor ("Reveal in Axial Tree"), clearing filters that hide it.
 */
import * as vscode from 'vscode';
import { TreeLocateRequest, type TreeFilter, type TreeNode } from '../../common/protocol';
import { isActive } from './filters';
import type { TreeView } from './view';

/** How a node is revealed: selected, focused, expanded (a number: that many levels). */
export interface RevealOptions {
  select?: boolean;
  focus?: boolean;
  expand?: boolean | number;
}

/** Whether the view shows a revealed node as asked (selected; expanded: its children fetched), polling up to `ms`. */
async function revealed(tree: TreeView, node: TreeNode, options: RevealOptions, ms: number): Promise<boolean> {
  const { provider, view } = tree;
  const ok = () =>
    (options.select === false || view.selection.some((n) => n.id === node.id)) &&
    (!options.expand || !node.hasChildren || provider.expanded.has(node.id) || provider.fetchedThisGeneration().includes(node.id));
  for (const deadline = Date.now() + ms; !ok(); ) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/** Reveals the last node of a path from the top level; false when it could not be shown as asked. */
export async function revealPath(tree: TreeView, path: TreeNode[] | undefined, options: RevealOptions): Promise<boolean> {
  const { provider, view } = tree;
  if (!path?.length) return false;
  provider.remember(path);
  const last = path[path.length - 1];
  // VS Code drops a reveal that races a (re)load of the tree (it logs "No tree item
  // with id … found"): wait for a shown view's refresh, and when the node is not
  // selected or expanded as asked, try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (view.visible) await provider.settled(2000);
    await view.reveal(provider.node(last.id) ?? last, options);
    if (await revealed(tree, last, options, 1000)) return true;
  }
  return false;
}

/** "Reveal in Axial Tree": the node at the editor's cursor; a filter that hides it is cleared (and said). */
export async function revealAtCursor(tree: TreeView): Promise<void> {
  const { server, provider } = tree;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const params = (filter: TreeFilter) => ({
    uri: editor.document.uri.toString(),
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
    filter,
  });
  let path = await server.request(TreeLocateRequest.type, params(provider.filter));
  if (!path && isActive(provider.filter)) {
    // Hidden by the filter: show everything rather than nothing.
    path = await server.request(TreeLocateRequest.type, params({}));
    if (path) {
      await tree.applyFilter({});
      void vscode.window.setStatusBarMessage('Axial: cleared the tree filters to reveal it', 4000);
    }
  }
  if (!path) {
    void vscode.window.showInformationMessage('Axial: put the cursor on a code tag, inside a coded span, or on a code in codebook.yaml.');
    return;
  }
  const last = path[path.length - 1];
  await revealPath(tree, path, { select: true, focus: true, expand: last.kind !== 'quote' });
}
