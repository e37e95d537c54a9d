import * as vscode from 'vscode';
import { TREE_QUOTE_PAGE, TreeChildrenRequest, TreePathRequest, type TreeFilter, type TreeNode } from '../../common/protocol';
import type { TreeServer } from './server';

/** The command a quote node runs when clicked: open the transcript with the quote selected. */
export const OPEN_QUOTE_COMMAND = 'axial.tree.openQuote';

/** The command a `… N more` node runs when clicked: list the next page of its parent's quotes. */
export const LOAD_MORE_COMMAND = 'axial.tree.loadMore';

/** The key of the top level in the fetch records. */
const TOP = '';

/**
 * The axial tree's data provider: every level is fetched from the server when the
 * view asks for it (lazily), with the current filter. Node ids are the server's,
 * stable across refreshes, so VS Code keeps expanded what the user expanded; a
 * refresh fires for the root and VS Code re-asks for the top level and for every
 * expanded node.
 */
export class AxialTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The latest node seen for each id, and the generation it was seen in. */
  private readonly nodes = new Map<string, TreeNode>();
  private readonly seen = new Map<string, number>();
  /** The latest children fetched for each parent id (TOP for the top level). */
  private readonly children = new Map<string, TreeNode[]>();
  /** Parent id → the generation in which its children were last fetched. */
  private readonly fetched = new Map<string, number>();
  /** Ids of the nodes the user (or a reveal) expanded and has not collapsed. */
  readonly expanded = new Set<string>();
  /** Parent id → how many of its quotes the user asked to list (more than the first page). */
  private readonly wanted = new Map<string, number>();
  /** Bumped by every refresh. */
  generation = 0;
  filter: TreeFilter = {};

  constructor(private readonly server: TreeServer) {}

  /** Re-reads the whole tree (VS Code keeps expanded nodes expanded: their ids do not change). */
  refresh(): void {
    this.generation++;
    // Forget nodes the view has not been given since the refresh before this one (it
    // re-asks for the top and every expanded node). The others stay: VS Code matches a
    // revealed node to the object it was given, so getParent must hand those back.
    for (const [id, g] of this.seen) {
      if (g < this.generation - 1) {
        this.seen.delete(id);
        this.nodes.delete(id);
      }
    }
    for (const [id, g] of this.fetched) {
      if (g < this.generation - 1) {
        this.fetched.delete(id);
        this.children.delete(id);
      }
    }
    this.emitter.fire();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const label: vscode.TreeItemLabel = { label: node.label, ...(node.highlights?.length ? { highlights: node.highlights } : {}) };
    const item = new vscode.TreeItem(label, collapsibleState(node, this.expanded.has(node.id)));
    item.id = node.id;
    item.description = node.description;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    else if (node.quote) item.tooltip = quoteTooltip(node);
    item.iconPath = iconOf(node);
    item.contextValue = `axial.${node.kind}${node.empty ? '.empty' : ''}`;
    if (node.kind === 'more') item.command = { command: LOAD_MORE_COMMAND, title: 'List More Quotes', arguments: [node] };
    if (node.quote) {
      item.command = { command: OPEN_QUOTE_COMMAND, title: 'Open Quote', arguments: [node] };
      item.accessibilityInformation = { label: `${node.quote.text} — ${node.description ?? ''}` };
    }
    if (node.memo) item.command = { command: 'vscode.open', title: 'Open Memo', arguments: [vscode.Uri.parse(node.memo.uri)] };
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const key = node?.id ?? TOP;
    const result = await this.fetch(node?.id);
    this.children.set(key, result);
    this.fetched.set(key, this.generation);
    return result;
  }

  /**
   * The children of a node from the server (the top level when undefined), without
   * recording a view fetch. Quotes come a page at a time: as many pages as the user
   * asked for with `… N more` (loadMore), the `more` node of each page but the last dropped.
   */
  async fetch(parentId?: string): Promise<TreeNode[]> {
    let result: TreeNode[] = [];
    const wanted = parentId === undefined ? 0 : (this.wanted.get(parentId) ?? 0);
    try {
      result = (await this.server.request(TreeChildrenRequest.type, { parentId, filter: this.filter })) ?? [];
      for (let last = result[result.length - 1]; last?.more && last.more.offset < wanted; last = result[result.length - 1]) {
        const page = (await this.server.request(TreeChildrenRequest.type, { parentId, filter: this.filter, offset: last.more.offset })) ?? [];
        // Sub-codes come with every page; only the quotes (and the new `more` node) are new.
        result = [...result.slice(0, -1), ...page.filter((n) => n.kind === 'quote' || n.kind === 'more')];
        if (!page.some((n) => n.kind === 'quote')) break;
      }
    } catch (err) {
      this.server.log(`tree: ${TreeChildrenRequest} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const n of result) this.keep(n, true);
    return result;
  }

  /** Lists the next page of quotes where a `… N more` node stands (its parent's children are fetched again). */
  loadMore(node: TreeNode | undefined): void {
    if (node?.kind !== 'more' || !node.more || node.parentId === undefined) return;
    this.wanted.set(node.parentId, node.more.offset + TREE_QUOTE_PAGE);
    const parent = this.nodes.get(node.parentId);
    this.emitter.fire(parent ?? undefined);
  }

  async getParent(node: TreeNode): Promise<TreeNode | undefined> {
    if (node.parentId === undefined) return undefined;
    const known = this.nodes.get(node.parentId);
    if (known) return known;
    const path = await this.path(node.id);
    return path?.find((n) => n.id === node.parentId);
  }

  /** A node and its ancestors from the server (top level first), remembered; undefined when the filter hides it. */
  async path(id: string): Promise<TreeNode[] | undefined> {
    const path = await this.server.request(TreePathRequest.type, { id, filter: this.filter });
    if (!path) return undefined;
    for (const n of path) this.keep(n, false);
    return path;
  }

  /** Remembers nodes the server answered outside getChildren (a located path). */
  remember(nodes: TreeNode[]): void {
    for (const n of nodes) this.keep(n, false);
  }

  /** Records a node; one already known is replaced only by a fresh answer to getChildren (what the view now holds). */
  private keep(node: TreeNode, replace: boolean): void {
    if (replace || !this.nodes.has(node.id)) this.nodes.set(node.id, node);
    this.seen.set(node.id, this.generation);
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** The children last fetched for a parent (the top level when undefined). */
  lastChildren(parentId?: string): TreeNode[] | undefined {
    return this.children.get(parentId ?? TOP);
  }

  /**
   * Resolves once the view has fetched the top level since the last refresh (or after
   * `timeoutMs`): a reveal sent while VS Code is still re-reading the tree can miss.
   */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.fetched.get(TOP) !== this.generation && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  }

  /** Parents (TOP = '' for the top level) whose children were fetched since the last refresh. */
  fetchedThisGeneration(): string[] {
    return [...this.fetched].filter(([, g]) => g === this.generation).map(([id]) => id);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** A quote's tooltip: the whole quote, where it is, who coded it, the memos. */
function quoteTooltip(node: TreeNode): vscode.MarkdownString {
  const q = node.quote!;
  const md = new vscode.MarkdownString();
  md.appendMarkdown('> ').appendText(q.text.replace(/\s+/g, ' ')).appendMarkdown('\n\n');
  md.appendText([q.speaker, `case ${q.case}`, `${q.path}:${q.line}`].filter(Boolean).join(' · '));
  if (q.coders.length) md.appendMarkdown('\n\n').appendText(`Coded ${node.codeId ?? ''} by ${q.coders.join(', ')}`);
  for (const memo of q.memos) md.appendMarkdown('\n\n*').appendText(memo).appendMarkdown('*');
  return md;
}

function collapsibleState(node: TreeNode, expanded: boolean): vscode.TreeItemCollapsibleState {
  if (!node.hasChildren) return vscode.TreeItemCollapsibleState.None;
  // Projects and the top level open by default: the core category is what one comes to see.
  if (expanded || node.kind === 'project' || (node.parentId === undefined && node.kind === 'category')) {
    return vscode.TreeItemCollapsibleState.Expanded;
  }
  return vscode.TreeItemCollapsibleState.Collapsed;
}

const dim = new vscode.ThemeColor('disabledForeground');
const warning = new vscode.ThemeColor('problemsWarningIcon.foreground');

function iconOf(node: TreeNode): vscode.ThemeIcon {
  switch (node.kind) {
    case 'project':
      return new vscode.ThemeIcon('book');
    case 'category':
      return node.empty ? new vscode.ThemeIcon('type-hierarchy-sub', dim) : new vscode.ThemeIcon('type-hierarchy-sub');
    case 'code':
      if (node.empty) return new vscode.ThemeIcon('circle-outline', dim);
      return node.deprecated ? new vscode.ThemeIcon('tag', dim) : new vscode.ThemeIcon('tag');
    case 'unknownGroup':
      return new vscode.ThemeIcon('warning', warning);
    case 'unknownCode':
      return new vscode.ThemeIcon('question', warning);
    case 'quote':
      return new vscode.ThemeIcon('quote');
    case 'memo':
      return new vscode.ThemeIcon('note');
    case 'more':
      return new vscode.ThemeIcon('ellipsis');
  }
}
