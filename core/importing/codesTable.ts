/**
 * A codebook kept in a spreadsheet (CSV or the first sheet of an .xlsx) into
 * codebook.yaml. Columns are found by their header, in any order and case:
 * - the code: `code`, `path` or `hierarchy` (a path `Category > Code`, `a/b` or
 *   `a::b` puts the code under categories), else `name` or `id`;
 * - `name` (display name), `id`;
 * - `definition` or `description` (else `memo` is the definition); `memo`,
 *   `comment` or `notes` when there is a definition column too;
 * - `parent` or `category` (a name or an id of another row, or a path);
 * - `kind` or `type` (`category` or `code`), `color`, `include`, `exclude`, `examples`.
 * A code with codes under it becomes a category unless its row says `code`.
 * Ids are derived from names, valid and unique; the name is kept as `name`.
 */
import { Document, isMap, parseDocument, type YAMLMap } from 'yaml';
import { slug, uniqueId } from './codeIds';

/** The codebook written or merged, or the reason there is none. */
export type CodebookImport =
  | { ok: true; text: string; added: number; updated: number; categories: number }
  | { ok: false; error: string };

type Field = 'code' | 'name' | 'id' | 'definition' | 'memo' | 'parent' | 'kind' | 'color' | 'include' | 'exclude' | 'examples';

const HEADERS: [Field, RegExp][] = [
  ['code', /^(code|codes|code ?path|path|hierarchy|code ?name)$/],
  ['name', /^(name|label|title|display ?name)$/],
  ['id', /^(id|code ?id|key)$/],
  ['definition', /^(definition|description|desc|meaning)$/],
  ['memo', /^(memo|memos|comment|comments|notes?)$/],
  ['parent', /^(parent|parent ?code|category|group|theme)$/],
  ['kind', /^(kind|type)$/],
  ['color', /^(colou?r)$/],
  ['include', /^(include|inclusion|inclusion ?criteria)$/],
  ['exclude', /^(exclude|exclusion|exclusion ?criteria)$/],
  ['examples', /^(examples?|example ?quotes?)$/],
];

interface Entry {
  names: string[];
  id?: string;
  ownId?: string;
  fromRow: boolean;
  kind?: 'code' | 'category';
  fields: Partial<Record<Field, string>>;
  children: number;
}

/**
 * Reads a table (first row the header) into codebook.yaml text: a new codebook,
 * or, when `existing` is given, that codebook with the new codes added and the
 * empty fields of codes it already has filled in. Never throws.
 */
export function codebookFromTable(rows: unknown[][], existing?: string): CodebookImport {
  const table = rows.map((r) => r.map(cell)).filter((r) => r.some((c) => c !== ''));
  if (table.length === 0) return { ok: false, error: 'the sheet is empty' };
  const header = table[0].map((h) => h.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim());
  const cols = new Map<Field, number>();
  header.forEach((h, i) => {
    const f = HEADERS.find(([, re]) => re.test(h))?.[0];
    if (f && !cols.has(f)) cols.set(f, i);
  });
  if (!cols.has('definition') && cols.has('memo')) {
    cols.set('definition', cols.get('memo')!);
    cols.delete('memo');
  }
  const keyCol = cols.get('code') ?? cols.get('name') ?? cols.get('id');
  if (keyCol === undefined) return { ok: false, error: `no code column: the first row needs a header "code", "path", "name" or "id" (found ${table[0].filter((c) => c).map((c) => `"${c}"`).join(', ') || 'none'})` };

  const items = table.slice(1).flatMap((row) => {
    const fields: Partial<Record<Field, string>> = {};
    for (const [f, i] of cols) if ((row[i] ?? '') !== '') fields[f] = row[i];
    const path = splitPath(row[keyCol] ?? '');
    return path.length ? [{ path, fields }] : [];
  });
  if (items.length === 0) return { ok: false, error: 'the sheet has a header but no codes' };

  // Entries by their path of names (case-insensitive), parents before children.
  const entries = new Map<string, Entry>();
  const keyOf = (names: string[]) => names.map((n) => n.toLocaleLowerCase()).join('\u0001');
  const ensure = (names: string[]): Entry => {
    let e = entries.get(keyOf(names));
    if (!e) {
      if (names.length > 1) ensure(names.slice(0, -1)).children++;
      e = { names, fromRow: false, fields: {}, children: 0 };
      entries.set(keyOf(names), e);
    }
    return e;
  };
  const byRef = (ref: string) => items.find((it) => [it.fields.id, it.path[it.path.length - 1], it.fields.name].some((v) => v !== undefined && v.toLocaleLowerCase() === ref.toLocaleLowerCase()));
  const fullPath = (it: (typeof items)[number], depth = 0): string[] => {
    const parent = it.fields.parent;
    if (parent === undefined || it.path.length > 1 || depth > 50) return it.path;
    const p = byRef(parent);
    return [...(p && p !== it ? fullPath(p, depth + 1) : splitPath(parent)), ...it.path];
  };
  for (const it of items) {
    const e = ensure(fullPath(it));
    e.fromRow = true;
    for (const [f, v] of Object.entries(it.fields) as [Field, string][]) if (e.fields[f] === undefined) e.fields[f] = v;
    const kind = it.fields.kind?.toLowerCase();
    if (kind === 'category' || kind === 'code') e.kind = kind;
  }

  let doc: Document;
  if (existing !== undefined) {
    doc = parseDocument(existing);
    if (doc.errors.length) return { ok: false, error: `codebook.yaml does not parse (${doc.errors[0].message.split('\n')[0]}); fix it first` };
    if (!isMap(doc.contents)) return { ok: false, error: 'codebook.yaml is not a map of keys; fix it first' };
    if (!isMap(doc.get('codes'))) doc.set('codes', doc.createNode({}));
  } else {
    doc = new Document({ version: 1, codes: {} });
  }
  const codes = doc.get('codes') as YAMLMap;
  const existingIds = new Set(codes.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)));
  const taken = new Set(existingIds);
  let added = 0;
  let updated = 0;
  let categories = 0;
  for (const e of entries.values()) {
    const name = e.fields.name ?? e.names[e.names.length - 1];
    const wanted = e.fields.id?.trim();
    // A code the codebook already has (same id) is filled in, not duplicated.
    if (wanted && existingIds.has(wanted)) e.id = wanted;
    else if (!wanted && existingIds.has(slug(name))) e.id = slug(name);
    else e.id = uniqueId(wanted || name, taken);
    const parent = e.names.length > 1 ? entries.get(keyOf(e.names.slice(0, -1)))!.id : undefined;
    const kind = e.kind ?? (e.children > 0 || !e.fromRow ? 'category' : 'code');
    if (kind === 'category') categories++;
    const fields: Record<string, unknown> = {};
    if (kind === 'category') fields.kind = 'category';
    if (parent) fields.parent = parent;
    if (name !== e.id) fields.name = name;
    for (const f of ['definition', 'include', 'exclude', 'examples', 'memo'] as const) if (e.fields[f]) fields[f] = e.fields[f];
    if (e.fields.color && /^#[0-9a-f]{6}$/i.test(e.fields.color)) fields.color = e.fields.color;
    const have = codes.get(e.id);
    if (existingIds.has(e.id)) {
      if (!isMap(have)) codes.set(e.id, doc.createNode(fields));
      // Only empty fields are filled: a code's kind or place the researcher chose stays.
      else for (const [k, v] of Object.entries(fields)) if (k !== 'kind' && k !== 'parent' && !have.has(k)) have.set(k, v);
      updated++;
    } else {
      codes.set(e.id, doc.createNode(fields));
      added++;
    }
  }
  return { ok: true, text: doc.toString({ lineWidth: 0 }), added, updated, categories };
}

/** `Category > Code`, `a/b`, `a::b` or `a\b` as names; a single name as one. */
export function splitPath(text: string): string[] {
  return text
    .split(/\s+>\s+|>|::|\/|\\/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A cell as text: numbers and dates as written, empty for null. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'text' in (value as object)) return String((value as { text: unknown }).text).trim();
  return String(value).trim();
}
