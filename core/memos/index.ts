/** Memo files (`memos/*.md`): the one reader of their front matter and of the code mentions in their body. */
export { parseMemo, type MemoFile, type MemoRef } from './parse';
export { isMemoPath } from './path';
export { scanMentions, type MemoMention } from './mentions';
