import { isValidId } from '../codebook/ids';
import type { ProjectIndex } from '../project/index';
import type { OffsetRange } from '../text/lineIndex';
import { normalizeUri } from '../project/uris';

/** A completion proposal as plain data; the server turns it into an LSP item. */
export interface CompletionEntry {
  label: string;
  kind: 'code' | 'alias' | 'coder';
  /** Text that replaces `range` (the id, without the `#` or `@`). */
  insertText: string;
  range: OffsetRange;
  detail?: string;
  documentation?: string;
  filterText?: string;
  deprecated?: boolean;
  /** Sorts active codes first, then aliases, then deprecated ones; file order within. */
  sortText: string;
}

const ID_CHAR = /[\p{L}\p{N}_.-]/u;

/**
 * Completion after `#` (codes and their aliases) or `@` (coders) inside a block,
 * i.e. after a closer `}}` or a previous block on the same line.
 */
export function complete(index: ProjectIndex, uri: string, offset: number): CompletionEntry[] {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  const entry = project?.transcripts.get(uri);
  if (!project || !entry) return [];
  const text = entry.transcript.text;
  let start = offset;
  while (start > 0 && ID_CHAR.test(text[start - 1])) start--;
  const sigil = text[start - 1];
  if ((sigil !== '#' && sigil !== '@') || !inBlock(text, start - 1)) return [];
  const range = { start, end: offset };
  const codebook = project.codebook;
  if (sigil === '@') {
    return [...(codebook.coders?.values() ?? [])].filter((c) => isValidId(c.id)).map((c, i) => ({
      label: c.id,
      kind: 'coder' as const,
      insertText: c.id,
      range,
      detail: c.name,
      sortText: pad(i),
    }));
  }
  const out: CompletionEntry[] = [];
  for (const code of codebook.codes.values()) {
    // An id that cannot be written as a tag (the codebook reports it) is never offered.
    if (code.kind === 'category' || !isValidId(code.id)) continue;
    const deprecated = code.status === 'deprecated';
    const rank = deprecated ? 2 : 0;
    out.push({
      label: code.id,
      kind: 'code',
      insertText: code.id,
      range,
      detail: code.name + (deprecated ? ` (deprecated${code.replacedBy ? `, use ${code.replacedBy.value}` : ''})` : ''),
      documentation: code.definition,
      filterText: [code.id, code.name, ...code.aliases].join(' '),
      deprecated,
      sortText: `${rank}${pad(code.order)}`,
    });
    for (const alias of code.aliases) {
      out.push({
        label: `${alias} → ${code.id}`,
        kind: 'alias',
        insertText: code.id,
        range,
        detail: `Alias of ${code.name}`,
        documentation: code.definition,
        filterText: alias,
        deprecated,
        sortText: `1${pad(code.order)}`,
      });
    }
  }
  return out;
}

/**
 * True when the sigil at `at` sits inside a block: scanning back on its line we
 * meet a `{` (not an opener `{{`) before any `}` that would have closed it, and
 * that `{` directly follows `}}` or a previous block's `}`.
 */
function inBlock(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return false;
    if (c === '}') return false;
    if (c === '{') {
      if (text[i - 1] === '{' || text[i + 1] === '{') return false;
      return text[i - 1] === '}';
    }
  }
  return false;
}

function pad(n: number): string {
  return String(n).padStart(6, '0');
}
