/**
 * Minimal text edits to codebook.yaml: add a code or a coder, set or remove a
 * field of a code, remove a code, replace an id. The file is never re-serialised:
 * each edit touches the few characters that change, so comments, order, quoting
 * and blank lines stay as the researcher wrote them, and inserted lines use the
 * file's own line end (CRLF or LF).
 *
 * Where things are comes from the codebook model (exact key and value ranges),
 * plus, for the fields of one code, a parse of that code's few lines with the
 * `yaml` package. The whole file is never parsed again, so these edits cost the
 * same in a 10-code and a 2,000-code codebook.
 *
 * Every function returns undefined when the file is laid out in a way it cannot
 * edit safely (for example a code written as a flow map spanning lines); callers
 * then offer no fix or report that the change must be made by hand.
 */
import { withoutErrorStacks } from '../text/withoutErrorStacks';
import { isMap, isScalar, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { CODE_FIELDS } from '../codebook/readCode';
import type { Code, Codebook } from '../codebook/types';
import type { TextEdit } from '../edits/types';
import type { OffsetRange } from '../text/lineIndex';
import {
  afterLineBreak,
  blockEnd,
  eolOf,
  lineContentEndAt,
  lineStartAt,
  scalarInner,
  yamlId,
} from './text';

/** A new code for `addCodeEdit`. Only `id` is required. */
export interface NewCode {
  id: string;
  kind?: 'code' | 'category';
  parent?: string;
  name?: string;
  definition?: string;
}

/** Replaces the id written at `range` (a key or a value), keeping its quotes if it has any. */
export function replaceIdEdit(text: string, range: OffsetRange, newId: string): TextEdit {
  const inner = scalarInner(text, range);
  return { range: inner, newText: inner === range ? yamlId(newId) : newId };
}

/**
 * Appends a code at the end of `codes:` (after the last entry, at its indentation),
 * creating `codes:` when the file has none. The entry is written as `id:` followed
 * by the given fields, in the order FORMAT.md lists them.
 */
export function addCodeEdit(codebook: Codebook, code: NewCode): TextEdit | undefined {
  const text = codebook.text;
  const eol = eolOf(text);
  const fields = orderedFields([
    ['kind', code.kind && code.kind !== 'code' ? code.kind : undefined],
    ['parent', code.parent !== undefined ? yamlId(code.parent) : undefined],
    ['name', code.name !== undefined ? yamlText(code.name) : undefined],
    ['definition', code.definition !== undefined ? yamlText(code.definition) : undefined],
  ]);
  const last = lastCode(codebook);
  if (last) {
    const lineStart = lineStartAt(text, last.keyRange.start);
    const column = last.keyRange.start - lineStart;
    if (!isBlank(text.slice(lineStart, last.keyRange.start))) {
      // `codes: {a: …, b: …}`: add `, id: {…}` before the closing brace.
      const close = closingBrace(text, last.range.end);
      if (close === undefined) return undefined;
      const flow = `{${fields.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
      return insertBeforeBrace(text, close, `${yamlId(code.id)}: ${flow}`);
    }
    const end = blockEnd(text, last.keyRange.start, column);
    return { range: { start: end, end }, newText: eol + entryLines(code.id, fields, column, eol) };
  }
  // No code yet: find a top-level `codes:` line, or add one at the end of the file.
  const m = /^(?:\uFEFF)?(?:codes|"codes"|'codes')[ \t]*:/m.exec(text);
  if (!m) {
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    const at = text.length;
    return { range: { start: at, end: at }, newText: `${sep}codes:${eol}${entryLines(code.id, fields, 2, eol)}${eol}` };
  }
  const colonEnd = m.index + m[0].length;
  const lineEnd = lineContentEndAt(text, colonEnd);
  const rest = text.slice(colonEnd, lineEnd);
  const empty = /^[ \t]*(?:(?:\{[ \t]*\}|~|null|Null|NULL)[ \t]*)?(#.*)?$/.exec(rest);
  if (!empty) return undefined; // `codes:` holds something else (a list, text): reported elsewhere
  const comment = empty[1] ? ` ${empty[1]}` : '';
  const keepRest = /^[ \t]*(#.*)?$/.test(rest);
  const entry = entryLines(code.id, fields, 2, eol);
  return keepRest
    ? { range: { start: lineEnd, end: lineEnd }, newText: eol + entry }
    : { range: { start: colonEnd, end: lineEnd }, newText: comment + eol + entry };
}

/**
 * Adds coder initials to `coders:` (which must already be a non-empty map: with no
 * coders declared, every coder is accepted and nothing needs adding). The name is
 * the initials, which is also what a coder with no name means.
 */
export function addCoderEdit(codebook: Codebook, id: string, name = id): TextEdit | undefined {
  const coders = codebook.coders;
  if (!coders || coders.size === 0) return undefined;
  const text = codebook.text;
  let last = undefined as undefined | { keyRange: OffsetRange };
  for (const c of coders.values()) if (!last || c.keyRange.start > last.keyRange.start) last = c;
  const keyStart = last!.keyRange.start;
  const lineStart = lineStartAt(text, keyStart);
  const column = keyStart - lineStart;
  const value = yamlText(name);
  if (!isBlank(text.slice(lineStart, keyStart))) {
    const close = closingBrace(text, last!.keyRange.end);
    return close === undefined ? undefined : insertBeforeBrace(text, close, `${yamlId(id)}: ${value}`);
  }
  const end = blockEnd(text, keyStart, column);
  return { range: { start: end, end }, newText: `${eolOf(text)}${' '.repeat(column)}${yamlId(id)}: ${value}` };
}

/** Removes a code's entry: its key line and every line of its value (nested fields, comments). */
export function removeCodeEdit(codebook: Codebook, code: Code): TextEdit | undefined {
  const text = codebook.text;
  const lineStart = lineStartAt(text, code.keyRange.start);
  if (!isBlank(text.slice(lineStart, code.keyRange.start))) return undefined; // a flow map of codes
  const end = blockEnd(text, code.keyRange.start, code.keyRange.start - lineStart);
  return { range: removeLines(text, lineStart, end), newText: '' };
}

/**
 * Sets fields of a code: replaces the value of a field that exists, adds the
 * others at the place FORMAT.md's field order gives them (`parent` after `kind`,
 * `replaced_by` after `status`, …), at the indentation of the code's other fields.
 * Values are written as given (callers pass ids or YAML-ready text).
 */
export function setFieldsEdits(codebook: Codebook, code: Code, fields: [string, string][]): TextEdit[] | undefined {
  const entry = readEntry(codebook, code);
  if (!entry) return undefined;
  const text = codebook.text;
  const eol = eolOf(text);
  const edits: TextEdit[] = [];
  const missing: [string, string][] = [];
  for (const [key, value] of fields) {
    const f = entry.fields.find((x) => x.key === key);
    if (!f) {
      missing.push([key, value]);
    } else if (f.value) {
      edits.push({ range: f.valueScalar ? scalarInner(text, f.value) : f.value, newText: value });
    } else {
      edits.push({ range: { start: f.colonEnd, end: f.colonEnd }, newText: ` ${value}` });
    }
  }
  if (missing.length === 0) return edits;
  const ordered = orderedFields(missing);
  switch (entry.kind) {
    case 'flow': {
      const inside = ordered.map(([k, v]) => `${k}: ${v}`).join(', ');
      if (entry.fields.length === 0) {
        edits.push({ range: { start: entry.open + 1, end: entry.open + 1 }, newText: inside });
      } else {
        const lastEnd = entry.fields[entry.fields.length - 1].end;
        edits.push({ range: { start: lastEnd, end: lastEnd }, newText: `, ${inside}` });
      }
      return edits;
    }
    case 'null-scalar':
      edits.push({ range: entry.nullRange, newText: `{${ordered.map(([k, v]) => `${k}: ${v}`).join(', ')}}` });
      return edits;
    case 'empty': {
      const indent = ' '.repeat(entry.column + (entry.column || 2));
      const at = lineContentEndAt(text, code.keyRange.start);
      edits.push({ range: { start: at, end: at }, newText: ordered.map(([k, v]) => `${eol}${indent}${k}: ${v}`).join('') });
      return edits;
    }
    case 'block': {
      // Group the new fields by the existing field they follow (or the first field they precede).
      const indent = ' '.repeat(entry.fieldColumn);
      const groups = new Map<number, { before: boolean; lines: string[] }>();
      for (const [k, v] of ordered) {
        const rank = fieldRank(k);
        let anchor: Field | undefined;
        for (const f of entry.fields) if (fieldRank(f.key) < rank && (!anchor || f.start > anchor.start)) anchor = f;
        const before = anchor === undefined;
        const at = anchor ? blockEnd(text, anchor.start, entry.fieldColumn) : lineStartAt(text, entry.fields[0].start);
        let g = groups.get(at);
        if (!g) groups.set(at, (g = { before, lines: [] }));
        g.lines.push(`${indent}${k}: ${v}`);
      }
      for (const [at, g] of groups) {
        const newText = g.before ? g.lines.map((l) => l + eol).join('') : g.lines.map((l) => eol + l).join('');
        edits.push({ range: { start: at, end: at }, newText });
      }
      return edits;
    }
  }
}

/** Removes one field of a code (its line and continuation lines, or its `key: value,` in a flow map). */
export function removeFieldEdit(codebook: Codebook, code: Code, key: string): TextEdit | undefined {
  const entry = readEntry(codebook, code);
  if (!entry || (entry.kind !== 'block' && entry.kind !== 'flow')) return undefined;
  const i = entry.fields.findIndex((f) => f.key === key);
  if (i < 0) return undefined;
  const f = entry.fields[i];
  const text = codebook.text;
  if (entry.kind === 'flow') {
    if (i + 1 < entry.fields.length) return { range: { start: f.start, end: entry.fields[i + 1].start }, newText: '' };
    if (i > 0) return { range: { start: entry.fields[i - 1].end, end: f.end }, newText: '' };
    return { range: { start: f.start, end: f.end }, newText: '' };
  }
  const lineStart = lineStartAt(text, f.start);
  return { range: removeLines(text, lineStart, blockEnd(text, f.start, entry.fieldColumn)), newText: '' };
}

// ---------------------------------------------------------------------------

/** One field of a code entry, with offsets into the whole codebook text. */
interface Field {
  key: string;
  /** Start of the key. */
  start: number;
  /** End of the value (or of the key when the value is empty). */
  end: number;
  /** Just after the `:`. */
  colonEnd: number;
  /** The value's range, when there is a value. */
  value?: OffsetRange;
  valueScalar: boolean;
}

type Entry =
  | { kind: 'block'; column: number; fieldColumn: number; fields: Field[] }
  | { kind: 'flow'; column: number; open: number; fields: Field[] }
  | { kind: 'empty'; column: number; fields: Field[] }
  | { kind: 'null-scalar'; column: number; nullRange: OffsetRange; fields: Field[] };

/**
 * The fields of one code, read by parsing only that code's lines (from its key
 * line to the end of its value) with the `yaml` package.
 */
function readEntry(codebook: Codebook, code: Code): Entry | undefined {
  const text = codebook.text;
  const lineStart = lineStartAt(text, code.keyRange.start);
  const inline = !isBlank(text.slice(lineStart, code.keyRange.start));
  const column = code.keyRange.start - lineStart;
  // A code inside a flow map of codes is parsed from its key alone, on its own.
  const base = inline ? code.keyRange.start : lineStart;
  const end = inline ? code.range.end : blockEnd(text, code.keyRange.start, column);
  let doc;
  try {
    doc = withoutErrorStacks(() => parseDocument(text.slice(base, end), { strict: false, uniqueKeys: false, keepSourceTokens: true }));
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.items.length !== 1) return undefined;
  const pair = doc.contents.items[0] as Pair<YamlNode | null, YamlNode | null>;
  const value = pair.value;
  if (value === null || value === undefined) return { kind: 'empty', column, fields: [] };
  if (isScalar(value)) {
    if (value.value !== null || !value.range) return undefined;
    if (value.range[1] === value.range[0]) return { kind: 'empty', column, fields: [] };
    return { kind: 'null-scalar', column, nullRange: { start: base + value.range[0], end: base + value.range[1] }, fields: [] };
  }
  if (!isMap(value)) return undefined;
  const map = value as YAMLMap<YamlNode | null, YamlNode | null>;
  const fields: Field[] = [];
  for (const p of map.items) {
    if (!isScalar(p.key) || !p.key.range) return undefined;
    const start = base + p.key.range[0];
    const keyEnd = base + p.key.range[1];
    const inner = scalarInner(text, { start, end: keyEnd });
    const key = text.slice(inner.start, inner.end);
    const v = p.value;
    const vr = v && v.range && v.range[1] > v.range[0] ? { start: base + v.range[0], end: base + v.range[1] } : undefined;
    const colon = text.indexOf(':', keyEnd);
    fields.push({ key, start, end: vr ? vr.end : keyEnd, colonEnd: colon < 0 ? keyEnd : colon + 1, value: vr, valueScalar: isScalar(v) });
  }
  if (map.flow) {
    const open = base + (map.range?.[0] ?? 0);
    if (text.charCodeAt(open) !== 123 /* { */) return undefined;
    return { kind: 'flow', column, open, fields };
  }
  if (fields.length === 0) return { kind: 'empty', column, fields };
  const first = fields[0].start;
  return { kind: 'block', column, fieldColumn: first - lineStartAt(text, first), fields };
}

/** A field's place in FORMAT.md's order; unknown keys go last. */
function fieldRank(key: string): number {
  const i = (CODE_FIELDS as readonly string[]).indexOf(key);
  return i < 0 ? CODE_FIELDS.length : i;
}

function orderedFields(fields: [string, string | undefined][]): [string, string][] {
  return fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => fieldRank(a.f[0]) - fieldRank(b.f[0]) || a.i - b.i)
    .map((x) => x.f);
}

/** `id:` and its fields as block lines at `column`, joined with `eol`, without a final line end. */
function entryLines(id: string, fields: [string, string][], column: number, eol: string): string {
  const indent = ' '.repeat(column);
  const fieldIndent = ' '.repeat(column + (column || 2));
  return [`${indent}${yamlId(id)}:`, ...fields.map(([k, v]) => `${fieldIndent}${k}: ${v}`)].join(eol);
}

/** The range that removes the lines from `lineStart` to `contentEnd` with their line break. */
function removeLines(text: string, lineStart: number, contentEnd: number): OffsetRange {
  const after = afterLineBreak(text, contentEnd);
  if (after === contentEnd && lineStart > 0) {
    // The last line of a file with no final line end: take the line break before it instead.
    const before = text.charCodeAt(lineStart - 2) === 13 && text.charCodeAt(lineStart - 1) === 10 ? lineStart - 2 : lineStart - 1;
    return { start: before, end: contentEnd };
  }
  return { start: lineStart, end: after };
}

function isBlank(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

/** Free text as a YAML scalar: plain when that reads back the same, else double-quoted. */
export function yamlText(s: string): string {
  const plain =
    /^[\p{L}\p{N}(][^\n\r\t]*$/u.test(s) &&
    !/[:#]\s|\s#|:$|\s$|^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|~|[-+]?(?:\.?\d[\d._]*(?:e[-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan))$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

/** The `}` closing the flow map that holds `from`, skipping quoted text; undefined if none. */
function closingBrace(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (c === '{' || c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl;
    }
  }
  return undefined;
}

/** Inserts `, item` after the last non-space character before the brace at `close`. */
function insertBeforeBrace(text: string, close: number, item: string): TextEdit {
  let at = close;
  while (at > 0 && /[ \t\r\n]/.test(text[at - 1])) at--;
  const empty = text[at - 1] === '{';
  return { range: { start: at, end: at }, newText: empty ? item : `, ${item}` };
}

/** The code written last in `codes:` (codes are kept in file order). */
function lastCode(codebook: Codebook): Code | undefined {
  let last: Code | undefined;
  for (const c of codebook.codes.values()) if (!last || c.keyRange.start > last.keyRange.start) last = c;
  return last;
}
