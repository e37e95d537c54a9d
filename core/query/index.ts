/** Code queries: AND, OR, NOT, NEAR/n and WITHIN over coded spans or turns (docs/queries.md). */
export { parseQuery, MAX_QUERY_LENGTH, DEFAULT_NEAR } from './parse';
export { evaluateQuery } from './evaluate';
export { runQuery, resolveNames } from './run';
export { queryCsv, QUERY_CSV_HEADER } from './csv';
export * from './types';
