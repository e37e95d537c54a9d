/** Memo files (`memos/*.md`): the one reader of their front matter. */
export { parseMemo, type MemoFile, type MemoRef } from './parse';
export { isMemoPath } from './path';
