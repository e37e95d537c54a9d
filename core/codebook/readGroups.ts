/**
 * Reading the top-level `groups:` (FORMAT.md section 2): non-hierarchical sets of
 * codes, for a code that belongs to several themes and for REFI-QDA `Sets`.
 * `groups: {early-trust: {name: Early trust, description: "...", codes: [a, b]}}`.
 */
import { isMap } from 'yaml';
import { DiagnosticCodes } from '../diagnostics';
import { isValidId, normalizeId } from './ids';
import { nearest } from './nearest';
import type { Codebook, CodeGroup } from './types';
import { reportUnknownKey } from './unknownKey';
import type { Entry, YamlReader } from './yamlReader';

/** The fields of one group. */
export const GROUP_FIELDS = ['name', 'description', 'codes'] as const;

/** The groups in file order; a `groups` that is not a map, or a group that is not a map, is a `codebook.bad-value` error. */
export function readGroups(r: YamlReader, entry: Entry): Map<string, CodeGroup> {
  const groups = new Map<string, CodeGroup>();
  const value = r.deref(entry.value);
  if (value === null || r.isEmpty(value)) return groups;
  if (!isMap(value)) {
    r.error(
      DiagnosticCodes.codebookBadValue,
      `'groups' must map each group id to its name, description and codes, not be ${r.describe(value)}.`,
      r.rangeOf(entry.value, entry.keyRange),
      { key: 'groups', expected: 'map' },
    );
    return groups;
  }
  for (const item of r.idEntries(value, DiagnosticCodes.codebookYaml, 'group')) {
    if (!item.complexKey && !isValidId(item.key)) {
      r.error(
        DiagnosticCodes.badCodeId,
        `'${item.key}' is not a valid group id. An id starts with a letter or digit and continues with letters, digits, '_', '.' or '-', without spaces.`,
        item.keyRange,
        { id: item.key, group: true },
      );
    }
    groups.set(item.key, readGroup(r, item));
  }
  return groups;
}

function readGroup(r: YamlReader, item: Entry): CodeGroup {
  const group: CodeGroup = { id: item.key, keyRange: item.keyRange, name: item.key, codes: [] };
  const value = r.deref(item.value);
  if (value === null || r.isEmpty(value)) return group;
  if (!isMap(value)) {
    r.error(
      DiagnosticCodes.codebookBadValue,
      `Group '${item.key}' must be a map with name, description and codes, not ${r.describe(value)}.`,
      r.rangeOf(item.value, item.keyRange),
      { key: item.key, expected: 'map' },
    );
    return group;
  }
  for (const f of r.entries(value, () => undefined)) {
    switch (f.key) {
      case 'name': {
        const name = r.textValue(f.value, `the name of group '${item.key}'`, f.keyRange);
        if (name && name.value.trim() !== '') group.name = name.value;
        break;
      }
      case 'description': {
        const d = r.textValue(f.value, `the description of group '${item.key}'`, f.keyRange);
        if (d && d.value.trim() !== '') group.description = d.value;
        break;
      }
      case 'codes':
        group.codes = r.textList(f.value, `the codes of group '${item.key}'`, f.keyRange).map((c) => ({ value: normalizeId(c.value), range: c.range }));
        break;
      default:
        reportUnknownKey(r, f, GROUP_FIELDS, 'field', `in group '${item.key}'`, { group: item.key });
    }
  }
  return group;
}

/** Every code a group names must exist: an unknown one is a `codebook.unknown-group-code` error. */
export function validateGroups(r: YamlReader, codebook: Codebook): void {
  for (const g of codebook.groups.values()) {
    for (const c of g.codes) {
      if (codebook.codes.has(c.value)) continue;
      const near = nearest(c.value, [...codebook.codes.keys()].filter(isValidId));
      r.error(
        DiagnosticCodes.unknownGroupCode,
        `Unknown code '${c.value}' in group '${g.id}'. No code or category has this id.${near ? ` Did you mean '${near}'?` : ''}`,
        c.range,
        { group: g.id, id: c.value, ...(near ? { suggestion: near } : {}) },
      );
    }
  }
}
