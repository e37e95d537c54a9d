import { memosOfCode } from '../project/memos';
import { parentChain } from '../codebook/hierarchy';
import type { Code } from '../codebook/types';
import type { ProjectIndex } from '../project/index';
import type { Project } from '../project/types';
import type { OffsetRange } from '../text/lineIndex';
import { plural } from '../text/plural';
import { normalizeUri } from '../project/uris';
import { codebookTargetAt, memoAt, memoTargetAt, transcriptTargetAt } from './targetAt';
import { escapeMd, excerpt, memoHeadline } from './markdownText';
import { spanHover } from './spanHover';
import { codeUsage } from './usage';

/** Hover content as Markdown, with the range it describes. */
export interface HoverResult {
  markdown: string;
  range: OffsetRange;
}

const MAX_QUOTES = 3;

/** Hover on a code tag or coder in a transcript, on a code in codebook.yaml, or on a code a memo names. */
export function hover(index: ProjectIndex, uri: string, offset: number): HoverResult | undefined {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) return memoHover(index, uri, offset);
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
  // Anywhere else in a coded span: what the spans around the cursor carry.
  return spanHover(project, entry.transcript, offset);
}

/** Hover on a code a memo names: the code as a transcript's tag shows it, or that the codebook lacks it. */
function memoHover(index: ProjectIndex, uri: string, offset: number): HoverResult | undefined {
  const memo = memoAt(index, uri);
  const ref = memo && memoTargetAt(memo.project, memo.entry, offset);
  if (!ref) return undefined;
  const code = memo.project.codebook.codes.get(ref.id);
  const markdown = code ? describeCode(memo.project, code, false) : `**Unknown code** \`${ref.id}\` — not in codebook.yaml.`;
  return { markdown, range: ref.range };
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
  // The analyst's memos right after the definition: what the team thinks the code means in this study.
  const memos = memosOfCode(project, code.id);
  if (memos.length) {
    lines.push('', '**Memos**', ...memos.slice(0, MAX_QUOTES).map((m) => `- [${escapeMd(m.path)}](${m.uri})${memoHeadline(m.memo.body) ? ` — ${escapeMd(memoHeadline(m.memo.body))}` : ''}`));
    if (memos.length > MAX_QUOTES) lines.push(`- and ${plural(memos.length - MAX_QUOTES, 'more memo')}`);
  }
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

export { escapeMd, excerpt, memoHeadline } from './markdownText';
