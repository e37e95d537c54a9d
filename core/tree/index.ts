/** The axial tree: nodes, counts, filters and search over a ProjectIndex, as plain data. */
export * from './types';
export { formatTreeId, parseTreeId, type TreeId } from './ids';
export { compileFilter, normalizeFilter, fold, foldedMatches } from './filter';
export { treeChildren, treeNode, treePath, quoteSourceRange, QUOTE_LABEL_LENGTH } from './nodes';
export { treeFacets } from './facets';
export { treeQuotesMarkdown, type QuotesMarkdown } from './markdown';
export { treeNodeIdAt } from './nodeAtOffset';
