/**
 * The front matter an imported transcript gets, shared by the importer (which
 * writes it) and the export (which predicts it, to know whether a transcript
 * would come back as it is): the keys in one order, written by the yaml
 * package, and the typed values of REFI-QDA variables.
 */
import { stringify } from 'yaml';
import type { FrontMatter } from '../transcript/types';

/** Front matter keys an import writes, in the order it writes them. */
export const FRONT_KEYS = ['case', 'participant', 'title', 'date', 'language', 'coder', 'speakers', 'attributes'] as const;

/** An imported transcript's front matter, key by key (absent keys are left out). */
export type ImportedFront = Partial<Record<(typeof FRONT_KEYS)[number], unknown>>;

/** The text before an imported transcript's body: the front matter block, or '' (a bare `---\n---\n` when the body would otherwise read as front matter). */
export function frontMatterText(front: ImportedFront, body: string): string {
  const ordered: Record<string, unknown> = {};
  for (const k of FRONT_KEYS) if (front[k] !== undefined) ordered[k] = front[k];
  if (Object.keys(ordered).length) return `---\n${stringify(ordered, { lineWidth: 0 })}---\n`;
  return body.startsWith('---') ? '---\n---\n' : '';
}

/** A REFI-QDA variable value as Axial keeps it: `Integer` and `Float` as numbers, `Boolean` as true/false, else the text. */
export function typedValue(elementName: string, text: string): string | number | boolean {
  if (elementName === 'BooleanValue') return text === 'true' || text === '1';
  if ((elementName === 'IntegerValue' || elementName === 'FloatValue') && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** The keys of a parsed front matter that an import can tell, as `ImportedFront`. */
export function frontOf(fm: FrontMatter | undefined): ImportedFront {
  const out: ImportedFront = {};
  if (!fm) return out;
  for (const k of FRONT_KEYS) if (fm[k] !== undefined) out[k] = fm[k];
  // Case and participant are read trimmed everywhere in Axial (core/project/caseOf.ts); a blank one is none.
  for (const k of ['case', 'participant'] as const) {
    const v = typeof out[k] === 'string' ? (out[k] as string).trim() : undefined;
    if (v) out[k] = v;
    else delete out[k];
  }
  return out;
}

/** True when two fronts hold the same keys and values (key order aside). */
export function sameFront(a: ImportedFront, b: ImportedFront): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}
