import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { printable } from '../text/printable';
import { readableQuote } from '../transcript/quoteLimit';
import type { Span } from '../transcript/types';
import type { CodeUse, Project } from './types';

/**
 * Warns about codebook examples that occur in no quote coded with their code.
 * Matching ignores case and folds runs of whitespace, so an example copied from a
 * transcript still matches after re-wrapping lines.
 *
 * Only the outermost of the spans coded with a code are read: a span inside another
 * quotes part of the other's quote, so it holds no example the other lacks. With
 * thousands of nested spans this keeps the check linear, and each quote is read as
 * far as quoteLimit.ts allows.
 */
export function checkExamples(project: Project): AxialDiagnostic[] {
  const out: AxialDiagnostic[] = [];
  for (const code of project.codebook.codes.values()) {
    if (code.examples.length === 0) continue;
    const needles = code.examples.map((ex) => fold(ex.value));
    const found = needles.map((n) => n === '');
    let left = found.filter((f) => !f).length;
    for (const [uri, uses] of project.usage.get(code.id) ?? []) {
      if (left === 0) break;
      const t = project.transcripts.get(uri)?.transcript;
      if (!t) continue;
      for (const span of outermost(uses)) {
        const quote = fold(readableQuote(t, span));
        for (let k = 0; k < needles.length; k++) {
          if (!found[k] && quote.includes(needles[k])) {
            found[k] = true;
            left--;
          }
        }
        if (left === 0) break;
      }
    }
    code.examples.forEach((ex, k) => {
      if (found[k]) return;
      out.push({
        code: DiagnosticCodes.exampleNotFound,
        severity: 'warning',
        message: `Example not found: no quote coded with '${printable(code.id)}' contains "${printable(ex.value)}".`,
        range: ex.range,
        data: { id: code.id, example: ex.value },
      });
    });
  }
  return out;
}

/** The spans of these uses whose quote range lies inside no other's, in file order. */
function outermost(uses: CodeUse[]): Span[] {
  const spans = [...new Set(uses.map((u) => u.span))];
  spans.sort((a, b) => a.quoteRange.start - b.quoteRange.start || b.quoteRange.end - a.quoteRange.end);
  const out: Span[] = [];
  let reach = -1;
  for (const s of spans) {
    if (s.quoteRange.end <= reach) continue;
    reach = s.quoteRange.end;
    out.push(s);
  }
  return out;
}

/** Lower-cases and folds whitespace runs to one space. */
export function fold(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}
