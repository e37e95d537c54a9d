/** Reading one entry of `codes:` (FORMAT section 2) into a Code. */
import { isMap } from 'yaml';
import { DiagnosticCodes } from '../diagnostics';
import type { OffsetRange } from '../text/lineIndex';
import type { Code, CodeKind, CodeStatus, Located } from './types';
import type { Entry, YamlReader } from './yamlReader';
import { reportUnknownKey } from './unknownKey';

/** The fields a code may have, in the order FORMAT.md lists them. */
export const CODE_FIELDS = [
  'kind',
  'parent',
  'name',
  'definition',
  'include',
  'exclude',
  'examples',
  'aliases',
  'color',
  'status',
  'replaced_by',
  'memo',
  'guid',
] as const;

const KINDS: readonly CodeKind[] = ['code', 'category'];
const STATUSES: readonly CodeStatus[] = ['active', 'deprecated'];
const COLOR = /^#[0-9a-fA-F]{6}$/;
const UUID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;
/** An unquoted colour after `color:` is a YAML comment: `color: #4e79a7` reads as empty. */
const COMMENTED_COLOR = /^[ \t]*:[ \t]+(#[0-9a-fA-F]{3,8})(?=[ \t]*(?:[\r\n]|$))/;

/** A code with every field at its default. */
export function defaultCode(id: string, keyRange: OffsetRange, range: OffsetRange, order: number): Code {
  return {
    id,
    keyRange,
    range,
    kind: 'code',
    name: id,
    include: [],
    exclude: [],
    examples: [],
    aliases: [],
    status: 'active',
    order,
  };
}

/** Read the entry `id: value` of `codes:`; the value may be a map of fields or empty. */
export function readCode(r: YamlReader, entry: Entry, order: number): Code {
  const id = entry.key;
  const code = defaultCode(id, entry.keyRange, entry.range, order);
  const value = r.deref(entry.value);
  if (value === null || r.isEmpty(value)) return code;
  if (!isMap(value)) {
    r.error(
      DiagnosticCodes.codebookBadValue,
      `The code '${id}' must be followed by its fields (name, definition, parent, ...) or by nothing, not by ${r.describe(value)}.`,
      r.rangeOf(entry.value, entry.keyRange),
      { id, expected: 'map' },
    );
    return code;
  }

  const fields = r.entries(value, (second, first) => {
    r.error(
      DiagnosticCodes.codebookYaml,
      `Duplicate field '${second.key}' in code '${id}'. The first '${second.key}' (line ${r.lineNumber(first.keyRange.start)}) is used; this one is ignored.`,
      second.keyRange,
      { id, key: second.key },
    );
  });

  for (const f of fields) readField(r, code, f);
  return code;
}

function readField(r: YamlReader, code: Code, f: Entry): void {
  const of = `of code '${code.id}'`;
  switch (f.key) {
    case 'kind': {
      const kind = readEnum(r, f, KINDS, `the kind ${of}`);
      if (kind) code.kind = kind;
      return;
    }
    case 'status': {
      const status = readEnum(r, f, STATUSES, `the status ${of}`);
      if (status) code.status = status;
      return;
    }
    case 'parent':
      setIf(code, 'parent', r.idValue(f.value, `the parent ${of}`, f.keyRange));
      return;
    case 'replaced_by':
      setIf(code, 'replacedBy', r.idValue(f.value, `the replaced_by ${of}`, f.keyRange));
      return;
    case 'name': {
      const name = r.textValue(f.value, `the name ${of}`, f.keyRange);
      if (name && name.value.trim() !== '') code.name = name.value;
      return;
    }
    case 'definition':
      setIf(code, 'definition', r.textValue(f.value, `the definition ${of}`, f.keyRange)?.value);
      return;
    case 'memo':
      setIf(code, 'memo', r.textValue(f.value, `the memo ${of}`, f.keyRange)?.value);
      return;
    case 'include':
      code.include = values(r.textList(f.value, `the include list ${of}`, f.keyRange));
      return;
    case 'exclude':
      code.exclude = values(r.textList(f.value, `the exclude list ${of}`, f.keyRange));
      return;
    case 'aliases':
      code.aliases = values(r.textList(f.value, `the aliases ${of}`, f.keyRange));
      return;
    case 'examples':
      code.examples = r.textList(f.value, `the examples ${of}`, f.keyRange);
      return;
    case 'color':
      readColor(r, code, f);
      return;
    case 'guid': {
      const guid = r.textValue(f.value, `the guid ${of}`, f.keyRange);
      if (!guid) return;
      if (UUID.test(guid.value)) code.guid = guid.value;
      else
        r.error(
          DiagnosticCodes.codebookBadValue,
          `'${guid.value}' is not a UUID. A guid looks like 3f2504e0-4f89-41d3-9a0c-0305e82c3301; remove it and exports will derive a stable one.`,
          guid.range,
          { id: code.id, key: 'guid', value: guid.value },
        );
      return;
    }
    default:
      reportUnknownKey(r, f, CODE_FIELDS, 'field', `in code '${code.id}'`, { id: code.id });
  }
}

function readColor(r: YamlReader, code: Code, f: Entry): void {
  if (r.isEmpty(f.value)) {
    // `color: #4e79a7` without quotes: YAML reads the colour as a comment.
    const after = r.text.slice(f.keyRange.end, f.keyRange.end + 200);
    const m = COMMENTED_COLOR.exec(after);
    if (m) {
      const start = f.keyRange.end + m[0].length - m[1].length;
      r.error(
        DiagnosticCodes.badColor,
        `Put the color in quotes: color: "${m[1]}". Without quotes, YAML reads '#' as the start of a comment and the color is empty.`,
        { start, end: start + m[1].length },
        { id: code.id, value: m[1], quote: true },
      );
    }
    return;
  }
  const color = r.textValue(f.value, `the color of code '${code.id}'`, f.keyRange);
  if (!color) return;
  if (COLOR.test(color.value)) code.color = color.value;
  else
    r.error(
      DiagnosticCodes.badColor,
      `'${color.value}' is not a color Axial can read. Write it as "#rrggbb" in quotes, for example "#4e79a7".`,
      color.range,
      { id: code.id, value: color.value },
    );
}

function readEnum<T extends string>(r: YamlReader, f: Entry, allowed: readonly T[], what: string): T | undefined {
  const v = r.textValue(f.value, what, f.keyRange);
  if (!v) return undefined;
  if ((allowed as readonly string[]).includes(v.value)) return v.value as T;
  const options = allowed.map((a) => `'${a}'`).join(' or ');
  r.error(DiagnosticCodes.codebookBadValue, `'${v.value}' is not a valid ${f.key}. Use ${options}.`, v.range, {
    key: f.key,
    value: v.value,
    allowed: [...allowed],
  });
  return undefined;
}

function values(list: Located[]): string[] {
  return list.map((l) => l.value);
}

function setIf<K extends keyof Code>(code: Code, key: K, value: Code[K] | undefined): void {
  if (value !== undefined) code[key] = value;
}
