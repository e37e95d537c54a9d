/**
 * The "Query" view under the Axial view: the passages of the last code query,
 * grouped by transcript, each opening its passage with the span (or turn)
 * selected. Nodes are plain data so the extension-host tests can read them.
 */
import * as vscode from 'vscode';
import type { QueryAnswer, QueryHitItem } from '../../common/protocol';

export const OPEN_HIT_COMMAND = 'axial.query.openHit';

/** A node of the view: a transcript with its passages, or one passage. */
export type QueryViewNode = { kind: 'file'; file: string; uri: string; hits: QueryHitItem[] } | { kind: 'hit'; hit: QueryHitItem };

/** Longest quote shown in a label; the tooltip has the whole passage. */
const LABEL_QUOTE = 80;

export class QueryResultsProvider implements vscode.TreeDataProvider<QueryViewNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private answer: Extract<QueryAnswer, { ok: true }> | undefined;

  /** Shows a new answer (or nothing). */
  show(answer: Extract<QueryAnswer, { ok: true }> | undefined): void {
    this.answer = answer;
    this.changed.fire();
  }

  /** The transcripts with passages, in file order. */
  files(): Extract<QueryViewNode, { kind: 'file' }>[] {
    const byFile = new Map<string, Extract<QueryViewNode, { kind: 'file' }>>();
    for (const hit of this.answer?.hits ?? []) {
      let node = byFile.get(hit.uri);
      if (!node) byFile.set(hit.uri, (node = { kind: 'file', file: hit.file, uri: hit.uri, hits: [] }));
      node.hits.push(hit);
    }
    return [...byFile.values()];
  }

  getChildren(node?: QueryViewNode): QueryViewNode[] {
    if (!node) return this.files();
    return node.kind === 'file' ? node.hits.map((hit) => ({ kind: 'hit', hit })) : [];
  }

  getTreeItem(node: QueryViewNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.file, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.hits.length}`;
      item.resourceUri = vscode.Uri.parse(node.uri);
      item.iconPath = vscode.ThemeIcon.File;
      item.id = `file:${node.uri}`;
      return item;
    }
    return hitItem(node.hit);
  }
}

/** A passage: case and line first (a narrow sidebar still tells them apart), then the quote. */
export function hitItem(hit: QueryHitItem): vscode.TreeItem {
  const quote = hit.quote.replace(/\s+/g, ' ');
  const short = quote.length > LABEL_QUOTE ? `${quote.slice(0, LABEL_QUOTE - 1)}…` : quote;
  const item = new vscode.TreeItem(short || '(empty)', vscode.TreeItemCollapsibleState.None);
  item.id = `hit:${hit.uri}:${hit.start}:${hit.end}`;
  item.description = [`${hit.case}:${hit.line}`, hit.speaker, hit.codes.map((c) => `#${c}`).join(' ')].filter((s) => s !== '').join(' · ');
  const tip = new vscode.MarkdownString();
  tip.appendText(`${hit.file}:${hit.line}${hit.speaker ? ` · ${hit.speaker}` : ''}\n\n`);
  tip.appendText(`${hit.codes.map((c) => `#${c}`).join(' ')} ${hit.coders.map((c) => `@${c}`).join(' ')}\n\n`);
  tip.appendText(hit.quote);
  item.tooltip = tip;
  item.iconPath = new vscode.ThemeIcon('quote');
  item.command = { command: OPEN_HIT_COMMAND, title: 'Open Passage', arguments: [hit] };
  return item;
}
