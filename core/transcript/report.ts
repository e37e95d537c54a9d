import type { AxialDiagnostic, DiagnosticCode, Severity } from '../diagnostics';
import { printable } from '../text/printable';

/**
 * Builds a diagnostic; `data` is only attached when given, to keep diagnostics small.
 * The message goes through `printable`: it quotes transcript text (keys, labels),
 * and a quoted line break must not become a second line in a terminal or a CI log.
 */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  start: number,
  end: number,
  data?: Record<string, unknown>,
): AxialDiagnostic {
  const d: AxialDiagnostic = { code, severity, message: printable(message), range: { start, end } };
  if (data) d.data = data;
  return d;
}
