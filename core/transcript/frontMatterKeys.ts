import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { diagnostic } from './report';

/** Front matter keys whose value is a single scalar, stored as a string. */
export const FRONT_MATTER_SCALAR_KEYS = ['case', 'participant', 'title', 'date', 'language', 'coder'] as const;

/** The warning for a top-level front matter key Axial does not know (and that has no `x-` prefix). */
export function unknownKeyWarning(key: string, start: number, end: number): AxialDiagnostic {
  return diagnostic(
    DiagnosticCodes.frontMatterUnknownKey,
    'warning',
    `Unknown front matter key \`${key}\`. Known keys: ${[...FRONT_MATTER_SCALAR_KEYS, 'speakers', 'attributes'].join(', ')} (prefix your own with \`x-\`).`,
    start,
    end,
    { key },
  );
}
