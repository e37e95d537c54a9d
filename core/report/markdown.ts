/**
 * The md report: the codebook with each code's definition, criteria, examples
 * and quotes (case, speaker, file:line), for a wiki or an appendix.
 */
import type { ReportCode, ReportCoding, ReportData } from './types';

/**
 * Text made literal in Markdown: inline markup characters escaped, and a line
 * that would start a heading, list, quote or numbered item escaped at its start;
 * line breaks kept as hard breaks. Parentheses and hyphens inside a line stay
 * as they are, so the text reads naturally in the source too.
 */
export function mdText(s: string): string {
  return s
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/^(\s*)([#>+-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('  \n');
}

/** The whole report as Markdown. */
export function reportMarkdown(data: ReportData): string {
  const out: string[] = [`# ${mdText(data.title)}`, ''];
  out.push(...summary(data), '');
  for (const code of data.codes) out.push(...codeSection(code), '');
  if (data.memos.length > 0) {
    out.push('## Memos', '');
    for (const m of data.memos) out.push(`- ${mdText(m.memo)} — ${where(m)}${m.coder ? `, ${mdText(m.coder)}` : ''}`);
    out.push('');
  }
  if (data.memoFiles.length > 0) {
    out.push('## Memo files', '');
    for (const m of data.memoFiles) {
      const on = [m.codes.length ? `codes ${m.codes.map((c) => `\`${c}\``).join(', ')}` : '', m.transcripts.length ? `transcripts ${m.transcripts.map(mdText).join(', ')}` : ''].filter(Boolean).join('; ');
      // The memo is the researcher's Markdown: quoted whole, so its headings stay inside it.
      out.push(`### ${mdText(m.path)}`, '', ...(on ? [`On ${on}.`, ''] : []), ...m.text.trimEnd().split(/\r\n|\n|\r/).map((l) => `> ${l}`.trimEnd()), '');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n*$/, '\n');
}

function summary(data: ReportData): string[] {
  const lines = [`- Coders: ${data.coders.length > 0 ? data.coders.map((c) => mdText(c.name ? `${c.name} (${c.id})` : c.id)).join(', ') : 'none'}`];
  lines.push(`- Transcripts: ${data.transcripts}; codings: ${data.codings.length}`);
  const f = data.filters;
  const parts = [f.coders.length ? `coders ${f.coders.join(', ')}` : '', f.cases.length ? `cases ${f.cases.join(', ')}` : '', f.codes.length ? `codes ${f.codes.join(', ')}` : ''].filter(Boolean);
  if (parts.length > 0) lines.push(`- Filtered to ${mdText(parts.join('; '))}`);
  for (const s of data.skipped) lines.push(`- Skipped ${mdText(s.file)}: ${mdText(s.reason)}`);
  return lines;
}

function codeSection(code: ReportCode): string[] {
  const level = '#'.repeat(Math.min(6, code.depth + 2));
  const out = [`${level} ${mdText(code.name)} (\`${code.id}\`)`, ''];
  const counts = `${code.kind === 'category' ? 'Category' : 'Code'}${code.status === 'deprecated' ? ' (deprecated)' : ''}; ${code.quotes} quote${code.quotes === 1 ? '' : 's'} in ${code.cases} case${code.cases === 1 ? '' : 's'}. Path: ${mdText(code.codePath)}`;
  out.push(counts, '');
  if (code.definition) out.push(`**Definition.** ${mdText(code.definition)}`, '');
  if (code.include.length > 0) out.push('**Apply when:**', '', ...code.include.map((s) => `- ${mdText(s)}`), '');
  if (code.exclude.length > 0) out.push('**Do not apply when:**', '', ...code.exclude.map((s) => `- ${mdText(s)}`), '');
  if (code.examples.length > 0) out.push('**Examples:**', '', ...code.examples.map((s) => `- ${mdText(s)}`), '');
  if (code.memoFiles.length > 0) out.push(`**Memos:** ${code.memoFiles.map((m) => mdText(m)).join(', ')}`, '');
  if (code.codings.length > 0) {
    out.push('**Quotes:**', '');
    for (const c of code.codings) out.push(`> ${mdText(c.quote).replace(/\n/g, '\n> ')}  `, `> — ${where(c)}${c.speaker ? `, ${mdText(c.speaker)}` : ''}${c.coder ? `, coded by ${mdText(c.coder)}` : ''}`, '');
  }
  return out;
}

function where(c: Pick<ReportCoding, 'case' | 'file' | 'line'>): string {
  return `case ${mdText(c.case)}, ${mdText(c.file)}:${c.line}`;
}
