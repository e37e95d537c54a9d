/**
 * Which coder a block belongs to, the one rule extraction, diff, merge, the tree,
 * the filters and the coding edits use: the block's `@XX`, else the front
 * matter's `coder` (FORMAT.md section 6).
 */
import type { Block, Transcript } from './types';

/** The transcript's default coder: its front matter `coder`, the coder of blocks with no `@`. */
export function defaultCoder(t: Pick<Transcript, 'frontMatter'>): string | undefined {
  return t.frontMatter?.coder;
}

/** The coder a block's codes are attributed to: its `@coder`, else the front matter's `coder`. */
export function blockCoder(t: Pick<Transcript, 'frontMatter'>, b: Block): string | undefined {
  return b.coder?.id ?? defaultCoder(t);
}
