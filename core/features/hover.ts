import { parentChain } from '../codebook/hierarchy';
import type { Code } from '../codebook/types';
import type { ProjectIndex } from '../project/index';
import type { Project } from '../project/types';
import type { OffsetRange } from '../text/lineIndex';
import { plural } from '../text/plural';
import { normalizeUri } from '../project/uris';
import { codebookTargetAt, transcriptTargetAt } from './locate';
import { codeUsage } from './usage';

/** Hover content as Markdown, with the range it describes. */
export interface HoverResult {
  markdown: string;
  range: OffsetRange;
}

const MAX_QUOTES = 3;

/** Hover on a code tag or coder in a transcript, or on a code in codebook.yaml. */
export function hover(index: ProjectIndex, uri: string, offset: number): HoverResult | undefined {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) return undefined;
  if (uri === project.codebookUri) {
    const target = codebookTargetAt(project.codebook, offset);
    if (!target) return undefined;
    const code = project.codebook.codes.get(target.id);
    return code ? { markdown: describeCode(project, code, true), range: target.range } : undefined;
  }
  const entry = project.transcripts.get(uri);
  if (!entry) return undefined;
  const target = transcriptTargetAt(entry.transcript, offset);
  if (target?.kind === 'code') {
    const code = project.codebook.codes.get(target.ref.id);
    const markdown = code ? describeCode(project, code, false) : `**Unknown code** \`${target.ref.id}\` — not in codebook.yaml.`;
    return { markdown, range: target.ref.range };
  }
  if (target?.kind === 'coder') {
    const name = project.codebook.coders?.get(target.id)?.name;
    return { markdown: name ? `**Coder** ${target.id} — ${name}` : `**Coder** ${target.id} — not declared in \`coders\``, range: target.range };
  }
  return undefined;
}

/** Markdown describing a code: name, definition, criteria, examples, parents, usage. */
export function describeCode(project: Project, code: Code, withQuotes: boolean): string {
  const lines: string[] = [];
  const kind = code.kind === 'category' ? 'category' : 'code';
  const deprecated = code.status === 'deprecated' ? ` — *deprecated*${code.replacedBy ? `, use \`${code.replacedBy.value}\`` : ''}` : '';
  lines.push(`**${escapeMd(code.name)}** \`${code.id}\` (${kind})${deprecated}`);
  const chain = parentChain(project.codebook, code.id);
  if (chain.length) lines.push('', `In: ${chain.map((c) => escapeMd(c.name)).reverse().join(' › ')}`);
  if (code.definition) lines.push('', escapeMd(code.definition));
  if (code.include.length) lines.push('', '**Include**', ...code.include.map((s) => `- ${escapeMd(s)}`));
  if (code.exclude.length) lines.push('', '**Exclude**', ...code.exclude.map((s) => `- ${escapeMd(s)}`));
  if (code.examples.length) lines.push('', '**Examples**', ...code.examples.map((e) => `- “${escapeMd(e.value)}”`));
  if (code.aliases.length) lines.push('', `Aliases: ${code.aliases.map((a) => `\`${a}\``).join(', ')}`);
  const usage = codeUsage(project, code.id);
  lines.push('', `${plural(usage.quotes, 'quote')} in ${plural(usage.cases, 'case')} of this project`);
  if (withQuotes && usage.uses.length) {
    const seen = new Set<string>();
    for (const use of usage.uses) {
      const key = `${use.uri}#${use.span.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > MAX_QUOTES) break;
      const entry = project.transcripts.get(use.uri);
      const line = entry ? entry.transcript.lines.positionAt(use.span.open.start).line + 1 : 0;
      lines.push(`> ${escapeMd(excerpt(use.span.quote))} — ${entry?.path ?? use.uri}:${line}`, '');
    }
  }
  return lines.join('\n');
}

/**
 * The quote cut to a readable length on a word boundary, whitespace runs read as one
 * space. Only the quote's head is read (about twice `max`), so an outline of thousands
 * of nested spans, each quoting most of the file, costs no more than short quotes;
 * a head that is mostly whitespace then ends early, with `…`.
 */
export function excerpt(quote: string, max = 160): string {
  const limit = Math.min(quote.length, 2 * max + 16);
  const truncated = quote.length > 2 * max + 16;
  // One pass over the head that stops once past `max` characters of output: the same
  // result as replacing /\s+/g in the whole head, at a fraction of the cost (the
  // pictures cut 100,000 quotes; the regex was most of their time).
  let q = '';
  let from = 0;
  let i = 0;
  while (i < limit && q.length + (i - from) <= max) {
    if (!isSpace(quote.charCodeAt(i))) {
      i++;
      continue;
    }
    q += quote.slice(from, i) + ' ';
    while (i < limit && isSpace(quote.charCodeAt(i))) i++;
    from = i;
  }
  q += quote.slice(from, i);
  if (i >= limit && q.length <= max) return truncated ? q.trimEnd() + '…' : q;
  const cut = q.lastIndexOf(' ', max);
  return q.slice(0, cut > max / 2 ? cut : max) + '…';
}

/** A character that /\s/ matches (white space and line terminators). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Escapes Markdown so codebook text shows literally in hovers. */
export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
