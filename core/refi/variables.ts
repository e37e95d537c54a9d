/**
 * Front matter `participant` and `attributes` as REFI-QDA Variables: each name
 * with the narrowest type all its values fit, and a source's values. The export
 * writes them; its layout check (exportLayout.ts) predicts how they read back.
 */
import type { RefiSource } from './types';

/** A REFI-QDA variable type. */
export type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float';

/** A source's variable values: `participant` and each front matter attribute that has a value. */
export function valuesOf(source: RefiSource): [string, string | number | boolean][] {
  const out: [string, string | number | boolean][] = [];
  if (source.participant !== undefined) out.push(['participant', source.participant]);
  for (const [k, v] of Object.entries(source.attributes ?? {})) if (v !== null && v !== undefined && k !== 'participant') out.push([k, v]);
  return out;
}

/** Every variable with the narrowest type all its values fit, sorted by name. */
export function variablesOf(sources: RefiSource[]): Map<string, VariableType> {
  const types = new Map<string, VariableType>();
  for (const s of sources) {
    for (const [name, value] of valuesOf(s)) {
      const t = typeOf(value);
      const prev = types.get(name);
      types.set(name, prev === undefined || prev === t ? t : prev === 'Integer' && t === 'Float' ? 'Float' : prev === 'Float' && t === 'Integer' ? 'Float' : 'Text');
    }
  }
  return new Map([...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function typeOf(value: string | number | boolean): VariableType {
  if (typeof value === 'boolean') return 'Boolean';
  // Only numbers whose plain writing is an xsd:integer or xsd:decimal (no exponent) keep a numeric type.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'Integer' : /^-?\d+\.\d+$/.test(String(value)) ? 'Float' : 'Text';
  return 'Text';
}
