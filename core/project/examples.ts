import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { printable } from '../text/printable';
import { readableQuote } from '../transcript/quoteLimit';
import type { Codebook } from '../codebook/types';
import type { Span, Transcript } from '../transcript/types';
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
  const found = new Map<string, boolean[]>();
  for (const code of project.codebook.codes.values()) {
    if (code.examples.length === 0) continue;
    const needles = code.examples.map((ex) => fold(ex.value));
    const hits = needles.map((n) => n === '');
    found.set(code.id, hits);
    let left = hits.filter((f) => !f).length;
    for (const [uri, uses] of project.usage.get(code.id) ?? []) {
      if (left === 0) break;
      const t = project.transcripts.get(uri)?.transcript;
      if (!t) continue;
      left -= markFound(t, uses, needles, hits);
    }
  }
  return missingExamples(project.codebook, (id, k) => found.get(id)?.[k] === true);
}

/**
 * Which examples one transcript holds, for hosts that check transcripts one at a
 * time without keeping them (`axial check`): code id → indices of its examples
 * found in the quotes of `uses` (the transcript's code uses). An example is found
 * in a project when any of its transcripts holds it (or it is empty), which is
 * what `checkExamples` computes over the project at once.
 */
export function examplesFoundIn(codebook: Codebook, transcript: Transcript, uses: CodeUse[]): Map<string, number[]> {
  const byCode = new Map<string, CodeUse[]>();
  for (const u of uses) {
    if ((codebook.codes.get(u.ref.id)?.examples.length ?? 0) === 0) continue;
    const list = byCode.get(u.ref.id);
    if (list) list.push(u);
    else byCode.set(u.ref.id, [u]);
  }
  const out = new Map<string, number[]>();
  for (const [id, list] of byCode) {
    const needles = codebook.codes.get(id)!.examples.map((ex) => fold(ex.value));
    const hits = needles.map((n) => n === '');
    markFound(transcript, list, needles, hits);
    const ks = hits.flatMap((h, k) => (h ? [k] : []));
    if (ks.length > 0) out.set(id, ks);
  }
  return out;
}

/** The example-not-found warnings of a codebook, given which examples were found. */
export function missingExamples(codebook: Codebook, found: (id: string, k: number) => boolean): AxialDiagnostic[] {
  const out: AxialDiagnostic[] = [];
  for (const code of codebook.codes.values()) {
    code.examples.forEach((ex, k) => {
      if (found(code.id, k) || fold(ex.value) === '') return;
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

/** Marks the needles found in the quotes of `uses` (outermost spans only); returns how many it newly found. */
function markFound(t: Transcript, uses: CodeUse[], needles: string[], found: boolean[]): number {
  let left = found.filter((f) => !f).length;
  const before = left;
  for (const span of outermost(uses)) {
    if (left === 0) break;
    const quote = fold(readableQuote(t, span));
    for (let k = 0; k < needles.length; k++) {
      if (!found[k] && quote.includes(needles[k])) {
        found[k] = true;
        left--;
      }
    }
  }
  return before - left;
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
