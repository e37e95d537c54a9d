/** Codings as stripped ranges (FORMAT.md section 6): markup → sets and sets → markup. */
export * from './types';
export { extractCodings, codingKey, memoKey } from './extract';
export { renderCodings, escapeText, memoItem, type RenderOptions } from './render';
