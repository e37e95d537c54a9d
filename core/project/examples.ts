import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { printable } from '../text/printable';
import type { Project } from './types';

/**
 * Warns about codebook examples that occur in no quote coded with their code.
 * Matching ignores case and folds runs of whitespace, so an example copied from a
 * transcript still matches after re-wrapping lines.
 */
export function checkExamples(project: Project): AxialDiagnostic[] {
  const out: AxialDiagnostic[] = [];
  for (const code of project.codebook.codes.values()) {
    if (code.examples.length === 0) continue;
    const quotes: string[] = [];
    for (const uses of project.usage.get(code.id)?.values() ?? []) {
      for (const use of uses) quotes.push(fold(use.span.quote));
    }
    for (const ex of code.examples) {
      const needle = fold(ex.value);
      if (needle === '' || quotes.some((q) => q.includes(needle))) continue;
      out.push({
        code: DiagnosticCodes.exampleNotFound,
        severity: 'warning',
        message: `Example not found: no quote coded with '${printable(code.id)}' contains "${printable(ex.value)}".`,
        range: ex.range,
        data: { id: code.id, example: ex.value },
      });
    }
  }
  return out;
}

/** Lower-cases and folds whitespace runs to one space. */
export function fold(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}
