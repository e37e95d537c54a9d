import type { ProjectIndex } from '../project/index';
import { plural } from '../text/plural';
import { treeChildren, treeNode } from './nodes';
import type { TreeFilter, TreeNodeData } from './types';

/** At most this many quotes go into one Markdown answer (the rest are counted). */
export const MARKDOWN_QUOTE_LIMIT = 2000;

/** Markdown of the quotes under a node, and how many there are. */
export interface QuotesMarkdown {
  markdown: string;
  /** Every quote under the node (after the filter), listed or not. */
  quotes: number;
  /** Set when the Markdown lists only the first `listed` of them (MARKDOWN_QUOTE_LIMIT). */
  truncated?: true;
  listed?: number;
}

/**
 * The quotes under a node as Markdown, one `> quote — case, path:line` line each,
 * under a heading per code (the node's code and every code below it, in tree order,
 * that has quotes after the filter). Undefined when the node is not shown. Past
 * `limit` quotes the rest are only counted, and a last line says how many were left
 * out, so the answer stays a few megabytes on any project.
 */
export function treeQuotesMarkdown(index: ProjectIndex, nodeId: string, filter?: TreeFilter, limit = MARKDOWN_QUOTE_LIMIT): QuotesMarkdown | undefined {
  const node = treeNode(index, nodeId, filter);
  if (!node) return undefined;
  if (node.kind === 'quote') return { markdown: quoteLine(node) + '\n', quotes: 1 };
  const sections: string[] = [];
  let quotes = 0;
  let listed = 0;
  const visit = (n: TreeNodeData) => {
    // Only the quotes still within the limit are built; a `more` node counts the others.
    const children = treeChildren(index, n.id, filter, undefined, { offset: 0, limit: Math.max(0, limit - listed) });
    const own = children.filter((c) => c.kind === 'quote');
    const left = children.find((c) => c.kind === 'more')?.more?.remaining ?? 0;
    if (own.length && (n.kind === 'code' || n.kind === 'category' || n.kind === 'unknownCode')) {
      const title = n.kind === 'unknownCode' ? `${n.label} (not in the codebook)` : `${n.label} (\`${n.codeId}\`)`;
      sections.push(`## ${title}\n\n${own.map(quoteLine).join('\n\n')}\n`);
    }
    quotes += own.length + left;
    listed += own.length;
    for (const c of children) if (c.kind !== 'quote' && c.kind !== 'more') visit(c);
  };
  visit(node);
  if (listed < quotes) {
    sections.push(`*… ${plural(quotes - listed, 'more quote')} not listed (the first ${listed.toLocaleString('en-US')} of ${quotes.toLocaleString('en-US')} are).*\n`);
    return { markdown: sections.join('\n'), quotes, truncated: true, listed };
  }
  return { markdown: sections.join('\n'), quotes };
}

function quoteLine(n: TreeNodeData): string {
  const q = n.quote!;
  return `> ${q.text.replace(/\s+/g, ' ')} — ${q.case}, ${q.path}:${q.line}`;
}
