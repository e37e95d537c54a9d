/**
 * The Axial view: the axial tree in its own activity bar container, with filters,
 * search, context actions on codes and quotes, "Reveal in Axial Tree" from the
 * editor, and a welcome view with a starter project when the workspace has none.
 */
import * as vscode from 'vscode';
import { TreeChangedNotification, TreeLocateRequest, type StatusParams, type TreeFilter, type TreeMarkdownResult, type TreeNode } from '../../common/protocol';
import { copyQuotes, goToCodebookEntry, mergeCode, moveCode, openQuote, renameCode } from './actions';
import { changedSpans } from '../../core/diff';
import { FILTER_CHANGED_SINCE_COMMAND } from '../changes/panel';
import { fetchChanges, pickRevision, repositoryFolder } from '../changes/revisions';
import { askSearch, describeFilter, isActive, pickFilter } from './filters';
import { AxialTreeProvider, LOAD_MORE_COMMAND, OPEN_QUOTE_COMMAND } from './provider';
import type { TreeServer } from './server';
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
  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);

  view.onDidExpandElement((e) => provider.expanded.add(e.element.id));
  view.onDidCollapseElement((e) => provider.expanded.delete(e.element.id));

  const applyFilter = async (filter: TreeFilter) => {
    provider.filter = filter;
    const active = isActive(filter);
    const summary = describeFilter(filter);
    view.description = active ? summary : undefined;
    view.message = active ? `Only quotes matching: ${summary}` : undefined;
    setContext('axial.tree.filtered', active);
    await context.workspaceState.update(FILTER_STATE_KEY, active ? filter : undefined);
    provider.refresh();
  };
  void applyFilter(context.workspaceState.get<TreeFilter>(FILTER_STATE_KEY) ?? {});

  /**
   * "Changed since…": the spans coded or recoded since a revision, as the server's
   * git diff finds them (against the files on disk). Undefined when cancelled or git failed (said).
   */
  let changedFolder: string | undefined;
  const filterChangedSince = async (arg?: { revision?: string; folder?: string }): Promise<TreeFilter | undefined> => {
    const folder = arg?.folder ?? repositoryFolder();
    if (!folder) {
      void vscode.window.showErrorMessage('Axial: open a folder (a git repository) to filter by what changed.');
      return undefined;
    }
    const revision = arg?.revision ?? (await pickRevision((t, q) => server.request(t, q), folder, 'Filter the Axial tree: changed since…'));
    if (!revision) return undefined;
    const result = await fetchChanges((t, q) => server.request(t, q), folder, revision);
    if (!result) return undefined;
    changedFolder = folder;
    const next = { ...provider.filter, changedSince: { revision, spans: changedSpans(result.files) } };
    await applyFilter(next);
    return next;
  };
  // Saved files change what changed since the revision: the filter asks again.
  let resave: ReturnType<typeof setTimeout> | undefined;
  const onSave = () => {
    const since = provider.filter.changedSince;
    if (!since) return;
    if (resave) clearTimeout(resave);
    resave = setTimeout(() => {
      resave = undefined;
      const folder = changedFolder ?? repositoryFolder();
      if (!folder || provider.filter.changedSince !== since) return;
      void fetchChanges((t, q) => server.request(t, q), folder, since.revision).then((result) => {
        if (result && provider.filter.changedSince === since) void applyFilter({ ...provider.filter, changedSince: { revision: since.revision, spans: changedSpans(result.files) } });
      });
    }, 500);
  };

  // The welcome view shows when the server has read the workspace and found no codebook.
  let shape = '';
  setContext('axial.tree.state', 'loading');
  const onStatus = (status: StatusParams) => {
    const state = status.indexing ? 'loading' : status.projects.length ? 'ready' : 'noProject';
    setContext('axial.tree.state', state);
    const next = `${state}\u0000${status.projects.map((p) => p.root).join('\u0001')}`;
    if (next !== shape) {
      shape = next;
      provider.refresh();
    }
  };
  server.onNotification(TreeChangedNotification.type, () => provider.refresh());

  /** A node argument, else the view's selection (commands run from the palette or a keybinding). */
  const target = (node?: TreeNode) => node ?? view.selection[0];

  /** Whether the view shows a revealed node as asked (selected; expanded: its children fetched), polling up to `ms`. */
  const revealed = async (node: TreeNode, options: { select?: boolean; expand?: boolean | number }, ms: number) => {
    const ok = () =>
      (options.select === false || view.selection.some((n) => n.id === node.id)) &&
      (!options.expand || !node.hasChildren || provider.expanded.has(node.id) || provider.fetchedThisGeneration().includes(node.id));
    for (const deadline = Date.now() + ms; !ok(); ) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  };

  const reveal = async (path: TreeNode[] | undefined, options: { select?: boolean; focus?: boolean; expand?: boolean | number }) => {
    if (!path?.length) return false;
    provider.remember(path);
    const last = path[path.length - 1];
    // VS Code drops a reveal that races a (re)load of the tree (it logs "No tree item
    // with id … found"): wait for a shown view's refresh, and when the node is not
    // selected or expanded as asked, try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (view.visible) await provider.settled(2000);
      await view.reveal(provider.node(last.id) ?? last, options);
      if (await revealed(last, options, 1000)) return true;
    }
    return false;
  };

  const revealAtCursor = async () => {
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
        await applyFilter({});
        void vscode.window.setStatusBarMessage('Axial: cleared the tree filters to reveal it', 4000);
      }
    }
    if (!path) {
      void vscode.window.showInformationMessage('Axial: put the cursor on a code tag, inside a coded span, or on a code in codebook.yaml.');
      return;
    }
    const last = path[path.length - 1];
    await reveal(path, { select: true, focus: true, expand: last.kind !== 'quote' });
  };

  context.subscriptions.push(
    provider,
    view,
    server.onDidReceiveStatus(onStatus),
    vscode.commands.registerCommand(OPEN_QUOTE_COMMAND, (node?: TreeNode) => openQuote(target(node))),
    vscode.commands.registerCommand(LOAD_MORE_COMMAND, (node?: TreeNode) => provider.loadMore(node)),
    vscode.commands.registerCommand('axial.tree.goToCodebookEntry', (node?: TreeNode) => goToCodebookEntry(target(node))),
    vscode.commands.registerCommand('axial.tree.renameCode', (node?: TreeNode) => renameCode(target(node))),
    vscode.commands.registerCommand('axial.tree.mergeCode', (node?: TreeNode) => mergeCode(target(node))),
    vscode.commands.registerCommand('axial.tree.moveCode', (node?: TreeNode) => moveCode(target(node))),
    vscode.commands.registerCommand('axial.tree.copyQuotes', (node?: TreeNode) => copyQuotes(server, provider, target(node))),
    vscode.commands.registerCommand('axial.tree.filter', async () => {
      const next = await pickFilter(server, provider.filter);
      if (next) await applyFilter(next);
    }),
    vscode.commands.registerCommand('axial.tree.search', async () => {
      const text = await askSearch(provider.filter.text);
      if (text !== undefined) await applyFilter({ ...provider.filter, text: text || undefined });
    }),
    vscode.commands.registerCommand('axial.tree.clearFilters', () => applyFilter({})),
    vscode.commands.registerCommand(FILTER_CHANGED_SINCE_COMMAND, filterChangedSince),
    vscode.workspace.onDidSaveTextDocument(onSave),
    { dispose: () => resave && clearTimeout(resave) },
    vscode.commands.registerCommand('axial.tree.refresh', () => provider.refresh()),
    vscode.commands.registerCommand(REVEAL_IN_TREE_COMMAND, revealAtCursor),
    ...registerWelcomeCommands(context),
  );

  return {
    children: (parentId) => provider.fetch(parentId),
    treeItem: (node) => provider.getTreeItem(node),
    expandedIds: () => [...provider.expanded],
    selectedIds: () => view.selection.map((n) => n.id),
    generation: () => provider.generation,
    fetchedIds: () => provider.fetchedThisGeneration(),
    lastChildren: (parentId) => provider.lastChildren(parentId || undefined),
    reveal: async (id, options = { select: true, focus: false, expand: false }) => reveal(await provider.path(id), options),
    filter: () => provider.filter,
    setFilter: applyFilter,
    message: () => view.message,
    description: () => view.description,
    copyQuotes: async (id) => copyQuotes(server, provider, (await provider.path(id))?.at(-1) as TreeNode),
    createStarterProject,
    writeExampleProject,
  };
}
