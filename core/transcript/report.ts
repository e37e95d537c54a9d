import type { AxialDiagnostic, DiagnosticCode, Severity } from '../diagnostics';

/** Builds a diagnostic; `data` is only attached when given, to keep diagnostics small. */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  start: number,
  end: number,
  data?: Record<string, unknown>,
): AxialDiagnostic {
  const d: AxialDiagnostic = { code, severity, message, range: { start, end } };
  if (data) d.data = data;
  return d;
}
