/** The `codebook.unknown-key` warning, shared by the top level and code entries. */
import { DiagnosticCodes } from '../diagnostics';
import { nearest } from './nearest';
import type { Entry, YamlReader } from './yamlReader';

/** Keys starting with `x-` are the researcher's own extensions and never warned about. */
export function isExtensionKey(key: string): boolean {
  return key.startsWith('x-');
}

/**
 * Warn about a key Axial does not know (a typo, most likely), unless it is an `x-`
 * key. `data` carries the key and the known keys so a quick fix can offer the nearest.
 */
export function reportUnknownKey(
  r: YamlReader,
  entry: Entry,
  known: readonly string[],
  noun: 'key' | 'field',
  where: string,
  extra: Record<string, unknown> = {},
): void {
  // A list or map as key is reported once, as codebook.collection-key.
  if (entry.complexKey || isExtensionKey(entry.key)) return;
  const suggestion = entry.key === '' ? undefined : nearest(entry.key, known);
  const hint = suggestion
    ? ` Did you mean '${suggestion}'?`
    : ` Known ${noun}s: ${known.join(', ')}. Start your own ${noun}s with 'x-'.`;
  const what = entry.key === '' ? `A value with no ${noun} before its ':'` : `Unknown ${noun} '${entry.key}'`;
  r.warning(DiagnosticCodes.codebookUnknownKey, `${what} ${where}.${hint}`, entry.keyRange, {
    ...extra,
    key: entry.key,
    known: [...known],
    ...(suggestion ? { suggestion } : {}),
  });
}
