/** Reading `coders:`: a map from initials (used in `@XX` attributions) to full names. */
import { isMap } from 'yaml';
import { DiagnosticCodes } from '../diagnostics';
import type { Coder } from './types';
import type { Entry, YamlReader } from './yamlReader';
import { isValidId } from './ids';

/**
 * The declared coders, or undefined when `coders:` is empty or not a map (then any
 * coder is accepted). `CA:` with no name declares CA with the initials as its name.
 */
export function readCoders(r: YamlReader, entry: Entry): Map<string, Coder> | undefined {
  const value = r.deref(entry.value);
  if (value === null || r.isEmpty(value)) return undefined;
  if (!isMap(value)) {
    r.error(
      DiagnosticCodes.codebookBadValue,
      `'coders' must map initials to full names (for example  CA: Carolina Altimir), not be ${r.describe(value)}.`,
      r.rangeOf(entry.value, entry.keyRange),
      { key: 'coders', expected: 'map' },
    );
    return undefined;
  }
  const coders = new Map<string, Coder>();
  const items = r.idEntries(value, DiagnosticCodes.duplicateCoder, 'coder');
  for (const item of items) {
    const id = item.key;
    // A list or map as key is reported as codebook.collection-key.
    if (!item.complexKey && !isValidId(id)) {
      r.error(
        DiagnosticCodes.badCodeId,
        `'${id}' cannot be used as coder initials. Initials start with a letter or digit and continue with letters, digits, '_', '.' or '-', without spaces.`,
        item.keyRange,
        { id, coder: true },
      );
    }
    const name = r.textValue(item.value, `the name of coder '${id}'`, item.keyRange);
    coders.set(id, { id, name: name && name.value.trim() !== '' ? name.value : id, keyRange: item.keyRange });
  }
  return coders;
}
