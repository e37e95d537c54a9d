/**
 * The Axial view: the axial tree in its own activity bar container, with filters,
 * search, context actions on codes and quotes, "Reveal in Axial Tree" from the
 * editor, and a welcome view with a starter project when the workspace has none.
 */
import * as vscode from 'vscode';
import { TreeChangedNotification, type StatusParams, type TreeFilter, type TreeMarkdownResult, type TreeNode } from '../../common/protocol';
import { copyQuotes, goToCodebookEntry, mergeCode, moveCode, openQuote, renameCode } from './actions';
import { FILTER_CHANGED_SINCE_COMMAND } from '../changes/panel';
import { ChangedSinceFilter } from './changedSince';
import { askSearch, describeFilter, isActive, pickFilter } from './filters';
import { AxialTreeProvider, LOAD_MORE_COMMAND, OPEN_QUOTE_COMMAND } from './provider';
import { revealAtCursor, revealPath } from './reveal';
import type { TreeServer } from './server';
import type { TreeView } from './view';
import { createStarterProject, registerWelcomeCommands, writeExampleProject } from './welcome';

export type { TreeServer } from './server';

export const TREE_VIEW_ID = 'axial.tree';
export const REVEAL_IN_TREE_COMMAND = 'axial.revealInTree';
const FILTER_STATE_KEY = 'axial.tree.filter';

/** What tests (and other parts of the extension) can ask of the tree; part of activate()'s API. */
export interface AxialTreeApi {
  /** Children as the view gets them (through the provider, with the current filter). */
  children(parentId?: string): Promise<TreeNode[]>;
  /** The TreeItem the view shows for a node (label, description, command, …). */
  treeItem(node: TreeNode): vscode.TreeItem;
  /** Ids the user (or a reveal) expanded and has not collapsed since. */
  expandedIds(): string[];
  /** Ids selected in the view. */
  selectedIds(): string[];
  /** Bumped by each refresh (a server change notification, a filter change). */
  generation(): number;
  /** Parents ('' for the top level) whose children the view fetched since the last refresh. */
  fetchedIds(): string[];
  /** The children the view last fetched for a parent ('' or undefined: the top level). */
  lastChildren(parentId?: string): TreeNode[] | undefined;
  /** Reveals a node by id (opening the view); false when the filter hides it or it does not exist. */
  reveal(id: string, options?: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<boolean>;
  filter(): TreeFilter;
  setFilter(filter: TreeFilter): Promise<void>;
  /** The view's message and description (they show the active filter). */
  message(): string | undefined;
  description(): string | undefined;
  copyQuotes(id: string): Promise<TreeMarkdownResult | undefined>;
  createStarterProject: typeof createStarterProject;
  writeExampleProject: typeof writeExampleProject;
}

/** Registers the view, its commands and its refresh; returns the API. */
export function registerAxialTree(context: vscode.ExtensionContext, server: TreeServer): AxialTreeApi {
  const provider = new AxialTreeProvider(server);
  const view = vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: false });
  view.onDidExpandElement((e) => provider.expanded.add(e.element.id));
  view.onDidCollapseElement((e) => provider.expanded.delete(e.element.id));
  const tree: TreeView = { context, server, provider, view, applyFilter: (filter) => applyFilter(tree, filter) };
  void tree.applyFilter(context.workspaceState.get<TreeFilter>(FILTER_STATE_KEY) ?? {});
  const changed = new ChangedSinceFilter(tree);
  server.onNotification(TreeChangedNotification.type, () => provider.refresh());
  context.subscriptions.push(
    provider,
    view,
    server.onDidReceiveStatus(welcomeState(provider)),
    ...treeCommands(tree),
    vscode.commands.registerCommand(FILTER_CHANGED_SINCE_COMMAND, (arg?: { revision?: string; folder?: string }) => changed.filter(arg)),
    vscode.workspace.onDidSaveTextDocument(() => changed.onSave()),
    changed,
    vscode.commands.registerCommand(REVEAL_IN_TREE_COMMAND, () => revealAtCursor(tree)),
    ...registerWelcomeCommands(context),
  );
  return treeApi(tree);
}

/** Shows a filter: the view's description and message, the `axial.tree.filtered` context, the saved state; then refreshes. */
async function applyFilter(tree: TreeView, filter: TreeFilter): Promise<void> {
  const { provider, view } = tree;
  provider.filter = filter;
  const active = isActive(filter);
  const summary = describeFilter(filter);
  view.description = active ? summary : undefined;
  view.message = active ? `Only quotes matching: ${summary}` : undefined;
  setContext('axial.tree.filtered', active);
  await tree.context.workspaceState.update(FILTER_STATE_KEY, active ? filter : undefined);
  provider.refresh();
}

function setContext(key: string, value: unknown): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

/**
 * The welcome view shows when the server has read the workspace and found no
 * codebook; the tree refreshes when that state or the set of projects changes.
 */
function welcomeState(provider: AxialTreeProvider): (status: StatusParams) => void {
  let shape = '';
  setContext('axial.tree.state', 'loading');
  return (status) => {
    const state = status.indexing ? 'loading' : status.projects.length ? 'ready' : 'noProject';
    setContext('axial.tree.state', state);
    const next = `${state}\u0000${status.projects.map((p) => p.root).join('\u0001')}`;
    if (next !== shape) {
      shape = next;
      provider.refresh();
    }
  };
}

/** The view's context and toolbar commands on codes, quotes and filters. */
function treeCommands(tree: TreeView): vscode.Disposable[] {
  const { server, provider, view } = tree;
  /** A node argument, else the view's selection (commands run from the palette or a keybinding). */
  const target = (node?: TreeNode) => node ?? view.selection[0];
  return [
    vscode.commands.registerCommand(OPEN_QUOTE_COMMAND, (node?: TreeNode) => openQuote(target(node))),
    vscode.commands.registerCommand(LOAD_MORE_COMMAND, (node?: TreeNode) => provider.loadMore(node)),
    vscode.commands.registerCommand('axial.tree.goToCodebookEntry', (node?: TreeNode) => goToCodebookEntry(target(node))),
    vscode.commands.registerCommand('axial.tree.renameCode', (node?: TreeNode) => renameCode(target(node))),
    vscode.commands.registerCommand('axial.tree.mergeCode', (node?: TreeNode) => mergeCode(target(node))),
    vscode.commands.registerCommand('axial.tree.moveCode', (node?: TreeNode) => moveCode(target(node))),
    vscode.commands.registerCommand('axial.tree.copyQuotes', (node?: TreeNode) => copyQuotes(server, provider, target(node))),
    vscode.commands.registerCommand('axial.tree.filter', async () => {
      const next = await pickFilter(server, provider.filter);
      if (next) await tree.applyFilter(next);
    }),
    vscode.commands.registerCommand('axial.tree.search', async () => {
      const text = await askSearch(provider.filter.text);
      if (text !== undefined) await tree.applyFilter({ ...provider.filter, text: text || undefined });
    }),
    vscode.commands.registerCommand('axial.tree.clearFilters', () => tree.applyFilter({})),
    vscode.commands.registerCommand('axial.tree.refresh', () => provider.refresh()),
  ];
}

/** The API activate() returns, over the view's parts. */
function treeApi(tree: TreeView): AxialTreeApi {
  const { server, provider, view } = tree;
  return {
    children: (parentId) => provider.fetch(parentId),
    treeItem: (node) => provider.getTreeItem(node),
    expandedIds: () => [...provider.expanded],
    selectedIds: () => view.selection.map((n) => n.id),
    generation: () => provider.generation,
    fetchedIds: () => provider.fetchedThisGeneration(),
    lastChildren: (parentId) => provider.lastChildren(parentId || undefined),
    reveal: async (id, options = { select: true, focus: false, expand: false }) => revealPath(tree, await provider.path(id), options),
    filter: () => provider.filter,
    setFilter: tree.applyFilter,
    message: () => view.message,
    description: () => view.description,
    copyQuotes: async (id) => copyQuotes(server, provider, (await provider.path(id))?.at(-1) as TreeNode),
    createStarterProject,
    writeExampleProject,
  };
}
