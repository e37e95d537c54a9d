import { isValidId } from '../codebook/ids';
import type { Codebook } from '../codebook/types';
import type { ProjectIndex } from '../project/index';
import type { Project } from '../project/types';
import type { OffsetRange } from '../text/lineIndex';
import { normalizeUri } from '../project/uris';
import { memoCompletionRange } from './memoCompletion';
import { memoAt } from './targetAt';

/**
 * A completion proposal as plain data, the same wherever it is offered: what a
 * codebook offers after `#` or `@`, built once per codebook (see
 * `codebookCompletions`).
 */
export interface CompletionProposal {
  label: string;
  kind: 'code' | 'alias' | 'coder';
  /** Text that replaces the typed id (the id, without the `#` or `@`). */
  insertText: string;
  detail?: string;
  documentation?: string;
  filterText?: string;
  deprecated?: boolean;
  /** Sorts active codes first, then aliases, then deprecated ones; file order within. */
  sortText: string;
}

/** A proposal at one place of a transcript; the server turns it into an LSP item. */
export interface CompletionEntry extends CompletionProposal {
  /** What the proposal replaces: the id typed so far after the sigil. */
  range: OffsetRange;
}

/** Where completion applies: after which sigil, what it replaces, in which project. */
export interface CompletionSite {
  sigil: '#' | '@';
  range: OffsetRange;
  project: Project;
}

const ID_CHAR = /[\p{L}\p{N}_.-]/u;

/**
 * Completion after `#` (codes and their aliases) or `@` (coders) inside a block,
 * i.e. after a closer `}}` or a previous block on the same line.
 */
export function complete(index: ProjectIndex, uri: string, offset: number): CompletionEntry[] {
  const site = completionSite(index, uri, offset);
  if (!site) return [];
  return codebookCompletions(site.project.codebook, site.sigil).map((p) => ({ ...p, range: site.range }));
}

/**
 * Where completion applies at `offset` of a transcript: right after the id typed so
 * far behind a `#` or `@` inside a block; of a memo: where a code mention is typed
 * (memoCompletion.ts), offering codes as after `#`. Undefined anywhere else.
 */
export function completionSite(index: ProjectIndex, uri: string, offset: number): CompletionSite | undefined {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) return memoCompletionSite(index, uri, offset);
  const entry = project.transcripts.get(uri);
  if (!entry) return undefined;
  const text = entry.transcript.text;
  let start = offset;
  while (start > 0 && ID_CHAR.test(text[start - 1])) start--;
  const sigil = text[start - 1];
  if ((sigil !== '#' && sigil !== '@') || !inBlock(text, start - 1)) return undefined;
  return { sigil, range: { start, end: offset }, project };
}

/** Completion in a memo's text (not its front matter): codes, where a mention is being typed. */
function memoCompletionSite(index: ProjectIndex, uri: string, offset: number): CompletionSite | undefined {
  const memo = memoAt(index, uri);
  if (!memo) return undefined;
  const { memo: file, lines } = memo.entry;
  const range = memoCompletionRange(lines.text, file.frontMatter?.end ?? 0, offset);
  return range && { sigil: '#', range, project: memo.project };
}

/** Proposals by codebook (a new codebook object after every change of the file), for each sigil. */
const cache = new WeakMap<Codebook, { '#'?: readonly CompletionProposal[]; '@'?: readonly CompletionProposal[] }>();

/**
 * What a codebook offers after a sigil: codes and their aliases after `#`, coders
 * after `@`. Built once per codebook and shared (callers must not change it): a
 * codebook of 500 codes offers hundreds of proposals on every `#` typed.
 */
export function codebookCompletions(codebook: Codebook, sigil: '#' | '@'): readonly CompletionProposal[] {
  let forCodebook = cache.get(codebook);
  if (!forCodebook) cache.set(codebook, (forCodebook = {}));
  return (forCodebook[sigil] ??= sigil === '@' ? coderProposals(codebook) : codeProposals(codebook));
}

function coderProposals(codebook: Codebook): CompletionProposal[] {
  return [...(codebook.coders?.values() ?? [])].filter((c) => isValidId(c.id)).map((c, i) => ({
    label: c.id,
    kind: 'coder' as const,
    insertText: c.id,
    detail: c.name,
    sortText: pad(i),
  }));
}

function codeProposals(codebook: Codebook): CompletionProposal[] {
  const out: CompletionProposal[] = [];
  for (const code of codebook.codes.values()) {
    // An id that cannot be written as a tag (the codebook reports it) is never offered.
    if (code.kind === 'category' || !isValidId(code.id)) continue;
    const deprecated = code.status === 'deprecated';
    const rank = deprecated ? 2 : 0;
    out.push({
      label: code.id,
      kind: 'code',
      insertText: code.id,
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
