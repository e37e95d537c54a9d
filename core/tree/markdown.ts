import type { ProjectIndex } from '../project/index';
import { treeChildren, treeNode } from './nodes';
import type { TreeFilter, TreeNodeData } from './types';

/** Markdown of the quotes under a node, and how many there are. */
export interface QuotesMarkdown {
  markdown: string;
  quotes: number;
}

/**
 * The quotes under a node as Markdown, one `> quote — case, path:line` line each,
 * under a heading per code (the node's code and every code below it, in tree order,
 * that has quotes after the filter). Undefined when the node is not shown.
 */
export function treeQuotesMarkdown(index: ProjectIndex, nodeId: string, filter?: TreeFilter): QuotesMarkdown | undefined {
  const node = treeNode(index, nodeId, filter);
  if (!node) return undefined;
  if (node.kind === 'quote') return { markdown: quoteLine(node) + '\n', quotes: 1 };
  const sections: string[] = [];
  let quotes = 0;
  const visit = (n: TreeNodeData) => {
    const children = treeChildren(index, n.id, filter);
    const own = children.filter((c) => c.kind === 'quote');
    if (own.length && (n.kind === 'code' || n.kind === 'category' || n.kind === 'unknownCode')) {
      const title = n.kind === 'unknownCode' ? `${n.label} (not in the codebook)` : `${n.label} (\`${n.codeId}\`)`;
      sections.push(`## ${title}\n\n${own.map(quoteLine).join('\n\n')}\n`);
      quotes += own.length;
    }
    for (const c of children) if (c.kind !== 'quote') visit(c);
  };
  visit(node);
  return { markdown: sections.join('\n'), quotes };
}

function quoteLine(n: TreeNodeData): string {
  const q = n.quote!;
  return `> ${q.text.replace(/\s+/g, ' ')} — ${q.case}, ${q.path}:${q.line}`;
}
