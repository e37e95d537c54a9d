import type { Connection } from 'vscode-languageserver/node';
import {
  TreeChangedNotification,
  TreeChildrenRequest,
  TreeFacetsRequest,
  TreeLocateRequest,
  TreeMarkdownRequest,
  TreePathRequest,
  TREE_QUOTE_PAGE,
  type TreeChangedParams,
  type TreeChildrenParams,
  type TreeFacets,
  type TreeLocateParams,
  type TreeMarkdownParams,
  type TreeMarkdownResult,
  type TreeNode,
  type TreePathParams,
} from '../common/protocol';
import {
  dirnameUri,
  isCodebookUri,
  normalizeUri,
  projectFor,
  treeChildren,
  treeFacets,
  treeNodeIdAt,
  treePath,
  treeQuotesMarkdown,
  type ProjectIndex,
  type TreeNodeData,
} from '../core';
import { linesOfIndex } from './convert';
import type { Health } from './health';

/** How long the tree waits after a change before telling the client, and at most. */
export const TREE_DEBOUNCE_MS = 300;
const TREE_MAX_WAIT_MS = 1500;

/** Tells the client, debounced, that the tree changed. */
export interface TreeNotifier {
  /** Files whose content or membership changed (as the index's setFile/deleteFile return them). */
  changed(uris: string[]): void;
}

/**
 * The axial tree's requests (common/protocol.ts): each is one core/tree call plus
 * the conversion of offsets to positions; and the debounced `axial/treeChanged`.
 */
export function registerTree(connection: Connection, index: ProjectIndex, health: Health): TreeNotifier {
  const linesOf = linesOfIndex(index);
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const toNode = (n: TreeNodeData): TreeNode => {
    const { source, quote, ...rest } = n;
    const node: TreeNode = { ...rest };
    if (source) node.source = { uri: source.uri, range: linesOf(source.uri)?.range(source.range) ?? zero };
    if (quote) node.quote = { ...quote, range: linesOf(quote.uri)?.range(quote.range) ?? zero };
    return node;
  };

  connection.onRequest(TreeChildrenRequest.type, (p: TreeChildrenParams): TreeNode[] =>
    health.guard('tree', [], () => {
      // One page of quotes at most, whatever the client asks: answers stay small.
      const limit = typeof p?.limit === 'number' ? Math.min(p.limit, TREE_QUOTE_PAGE) : TREE_QUOTE_PAGE;
      const offset = typeof p?.offset === 'number' ? p.offset : 0;
      return treeChildren(index, p?.parentId, p?.filter, p?.root, { offset, limit }).map(toNode);
    }),
  );
  connection.onRequest(TreePathRequest.type, (p: TreePathParams): TreeNode[] | null =>
    health.guard('tree path', null, () => treePath(index, p.id, p.filter)?.map(toNode) ?? null),
  );
  connection.onRequest(TreeLocateRequest.type, (p: TreeLocateParams): TreeNode[] | null =>
    health.guard('tree locate', null, () => {
      const lines = linesOf(p.uri);
      const id = lines ? treeNodeIdAt(index, p.uri, lines.offsetAt(p.position)) : undefined;
      return id === undefined ? null : (treePath(index, id, p.filter)?.map(toNode) ?? null);
    }),
  );
  connection.onRequest(TreeFacetsRequest.type, (): TreeFacets =>
    health.guard('tree facets', { cases: [], speakers: [], participants: [], coders: [], attributes: [] }, () => treeFacets(index)),
  );
  connection.onRequest(TreeMarkdownRequest.type, (p: TreeMarkdownParams): TreeMarkdownResult | null =>
    health.guard('tree markdown', null, () => treeQuotesMarkdown(index, p.id, p.filter) ?? null),
  );

  // Trailing debounce, but never later than TREE_MAX_WAIT_MS after the first change,
  // so the view follows steady typing too.
  let timer: NodeJS.Timeout | undefined;
  let first = 0;
  let roots = new Set<string>();
  const send = () => {
    timer = undefined;
    const params: TreeChangedParams = { roots: [...roots] };
    roots = new Set();
    void connection.sendNotification(TreeChangedNotification.type, params).catch(() => undefined);
  };
  return {
    changed(uris) {
      let any = false;
      for (const uri of uris) {
        // Files of no project (a README beside the projects) do not touch the tree; a
        // deleted codebook.yaml does, though its project is gone.
        const project = projectFor(index, uri);
        if (!project && !isCodebookUri(uri)) continue;
        roots.add(project?.root ?? dirnameUri(normalizeUri(uri)));
        any = true;
      }
      if (!any) return;
      const now = Date.now();
      if (timer) clearTimeout(timer);
      else first = now;
      timer = setTimeout(send, Math.max(0, Math.min(TREE_DEBOUNCE_MS, first + TREE_MAX_WAIT_MS - now)));
    },
  };
}
