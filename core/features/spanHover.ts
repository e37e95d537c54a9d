/**
 * Hover on coded text (not only on a tag): which codes the spans around the
 * cursor carry, by whom, with their memos. The reading view hides the markup,
 * so this is how a reader asks "what is this passage coded with?".
 */
import type { Project } from '../project/types';
import { upperBoundBy } from '../text/search';
import { blockCoder } from '../transcript/coder';
import type { Span, Transcript } from '../transcript/types';
import { escapeMd, excerpt } from './markdownText';

/** Spans listed at most: the innermost ones, which say most about the cursor. */
const MAX_SPANS = 4;
/** Parent links followed at most: a hover on deeply nested markup stays cheap. */
const MAX_STEPS = 64;

/** The closed spans whose content holds `offset`, innermost first (nested spans, then the ones they sit in). */
export function spansAround(t: Transcript, offset: number): Span[] {
  const out: Span[] = [];
  // The last span opened at or before the offset, then its enclosing spans.
  let i = upperBoundBy(t.spans, offset, (s) => s.open.start) - 1;
  let steps = 0;
  while (i >= 0 && out.length < MAX_SPANS && steps++ < MAX_STEPS) {
    const s = t.spans[i];
    if (s.close && s.content.start <= offset && offset <= s.content.end) out.push(s);
    // A sibling that closed before the offset: look at the span it sat in, else the previous one.
    i = s.parent ?? (s.close && s.close.end <= offset ? i - 1 : -1);
  }
  return out;
}

/** Markdown for the spans around `offset` (undefined when it is in no coded span), and the range of the innermost. */
export function spanHover(project: Project, t: Transcript, offset: number): { markdown: string; range: { start: number; end: number } } | undefined {
  const spans = spansAround(t, offset).filter((s) => s.blocks.length > 0);
  if (spans.length === 0) return undefined;
  const lines: string[] = [];
  for (const s of spans) {
    if (lines.length > 0) lines.push('', '---', '');
    lines.push(`**Coded** “${escapeMd(excerpt(s.quote, 100))}”`, '');
    for (const b of s.blocks) {
      const coder = blockCoder(t, b);
      const codes = b.codes.map((r) => {
        const code = project.codebook.codes.get(r.id);
        return code && code.name !== code.id ? `\`${r.id}\` ${escapeMd(code.name)}` : `\`${r.id}\``;
      });
      const name = coder ? project.codebook.coders?.get(coder)?.name : undefined;
      const who = coder ? ` — @${coder}${name && name !== coder ? ` (${escapeMd(name)})` : ''}` : '';
      lines.push(`- ${codes.join(', ') || '*(no code)*'}${who}${b.memo ? `: *“${escapeMd(b.memo.text)}”*` : ''}`);
    }
  }
  const inner = spans[0];
  return { markdown: lines.join('\n'), range: { start: inner.open.start, end: inner.close!.end } };
}
