/**
 * The codebook part of a REFI-QDA import: Users → `coders`, Codes → `codes`
 * (nesting → `parent`, `isCodable="false"` → `kind: category`, `Description` →
 * `definition` and, when it has the labelled lists Axial's export writes,
 * `include`, `exclude`, `examples` and `status`), Sets → `groups`, and the
 * codebook.yaml text. GUIDs are kept, unless a GUID is the one Axial's export
 * derives from the id anyway.
 */
import { stringify } from 'yaml';
import { stableGuid } from './guid';
import { isValidId } from '../codebook/ids';
import { IdAllocator, initials } from './importIds';
import { childNamed, childrenNamed, type XmlElement } from './xmlTree';

/** One code as codebook.yaml will hold it. */
export interface ImportedCode {
  id: string;
  /** The GUID in lower case without braces (for look-ups). */
  guid: string;
  /** The GUID as the file wrote it (kept in codebook.yaml). */
  guidAsWritten: string;
  name: string;
  kind: 'code' | 'category';
  parent?: string;
  definition?: string;
  include: string[];
  exclude: string[];
  examples: string[];
  aliases: string[];
  color?: string;
  deprecated: boolean;
  /** The id after `Deprecated: use` in the description, as the exporting project wrote it. */
  replacedByRaw?: string;
  memos: string[];
  noteRefs: string[];
}

/** The codebook read from a project or codebook file. */
export interface ImportedCodebook {
  title?: string;
  /** Coder id by User GUID, and the coders in file order. */
  coderByGuid: Map<string, string>;
  coders: { id: string; name: string }[];
  /** Codes in file order (parents before children), by GUID too. */
  codes: ImportedCode[];
  codeByGuid: Map<string, ImportedCode>;
  groups: { id: string; name: string; description?: string; codes: string[] }[];
}

/**
 * Reads Users, Codes and Sets of a `Project` or `CodeBook` root. `known` gives
 * ids and aliases by code GUID (from an Axial export's note): those ids are
 * used when valid and free.
 */
export function readCodebook(root: XmlElement, known: ReadonlyMap<string, { id: string; aliases: string[] }> = new Map(), knownGroups: ReadonlyMap<string, string> = new Map()): ImportedCodebook {
  const coderByGuid = new Map<string, string>();
  const coders: { id: string; name: string }[] = [];
  const coderIds = new IdAllocator();
  childrenNamed(childNamed(root, 'Users'), 'User').forEach((u, i) => {
    const name = (u.attrs.name ?? '').trim();
    const id = coderIds.fromName(initials((u.attrs.id ?? '').trim() || name), `U${i + 1}`);
    coderByGuid.set(normGuid(u.attrs.guid), id);
    coders.push({ id, name: name || id });
  });

  const codesEl = root.name === 'CodeBook' ? childNamed(root, 'Codes') : childNamed(childNamed(root, 'CodeBook'), 'Codes');
  const codes: ImportedCode[] = [];
  const codeByGuid = new Map<string, ImportedCode>();
  const ids = new IdAllocator();
  const reserved = new Set<string>();
  for (const k of known.values()) if (isValidId(k.id) && !reserved.has(k.id)) (reserved.add(k.id), ids.reserve(k.id));
  const visit = (el: XmlElement, parent: string | undefined) => {
    const name = (el.attrs.name ?? '').trim();
    const mine = known.get(normGuid(el.attrs.guid));
    const id = mine && reserved.delete(mine.id) ? mine.id : ids.fromName(name, 'code');
    const code: ImportedCode = {
      id,
      guid: normGuid(el.attrs.guid) || stableGuid('code', id),
      guidAsWritten: (el.attrs.guid ?? '').trim() || stableGuid('code', id),
      name: name || id,
      kind: el.attrs.isCodable === 'false' ? 'category' : 'code',
      include: [],
      exclude: [],
      examples: [],
      aliases: mine?.aliases ?? [],
      deprecated: false,
      memos: [],
      noteRefs: childrenNamed(el, 'NoteRef').map((n) => normGuid(n.attrs.targetGUID)),
    };
    if (parent) code.parent = parent;
    if (/^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$/.test(el.attrs.color ?? '')) code.color = el.attrs.color;
    readDescription(code, childNamed(el, 'Description')?.text ?? '');
    codes.push(code);
    if (!codeByGuid.has(code.guid)) codeByGuid.set(code.guid, code);
    for (const child of childrenNamed(el, 'Code')) visit(child, id);
  };
  for (const el of childrenNamed(codesEl, 'Code')) visit(el, undefined);

  const groups: ImportedCodebook['groups'] = [];
  const groupIds = new IdAllocator();
  const reservedGroups = new Set<string>();
  for (const id of knownGroups.values()) if (isValidId(id) && !reservedGroups.has(id)) (reservedGroups.add(id), groupIds.reserve(id));
  for (const set of childrenNamed(childNamed(root, 'Sets'), 'Set')) {
    const name = (set.attrs.name ?? '').trim();
    const mine = knownGroups.get(normGuid(set.attrs.guid));
    const members = childrenNamed(set, 'MemberCode')
      .map((m) => codeByGuid.get(normGuid(m.attrs.targetGUID))?.id)
      .filter((id): id is string => id !== undefined);
    const g: ImportedCodebook['groups'][number] = { id: mine && reservedGroups.delete(mine) ? mine : groupIds.fromName(name, 'group'), name: name || 'group', codes: [...new Set(members)] };
    const description = childNamed(set, 'Description')?.text.trim();
    if (description) g.description = description;
    groups.push(g);
  }
  const title = root.name === 'Project' ? root.attrs.name?.trim() : undefined;
  return { title: title || undefined, coderByGuid, coders, codes, codeByGuid, groups };
}

const CANONICAL_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A GUID in one form: lower case, no braces. */
export function normGuid(guid: string | undefined): string {
  // Most GUIDs are already in this form; testing is cheaper than rewriting them.
  if (guid !== undefined && CANONICAL_GUID.test(guid)) return guid;
  return (guid ?? '').trim().replace(/^\{|\}$/g, '').toLowerCase();
}

const LIST = /^(Include|Exclude|Examples):\n((?:- .*(?:\n|$))+)$/;
const DEPRECATED = /^Deprecated(?:: use (\S+))?\.$/;

/**
 * Splits a description into a definition and, where a paragraph is one of the
 * labelled lists Axial's export writes (`Include:` then `- ` lines), the
 * criteria, examples and deprecation. Anything else stays in the definition.
 */
function readDescription(code: ImportedCode, description: string): void {
  const text = description.replace(/\r\n?/g, '\n').trim();
  if (text === '') return;
  const definition: string[] = [];
  for (const part of text.split(/\n\n/)) {
    const list = LIST.exec(part);
    const dep = DEPRECATED.exec(part);
    if (list) {
      const items = list[2].split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
      (list[1] === 'Include' ? code.include : list[1] === 'Exclude' ? code.exclude : code.examples).push(...items);
    } else if (dep) {
      code.deprecated = true;
      if (dep[1]) code.replacedByRaw = dep[1];
    } else {
      definition.push(part);
    }
  }
  if (definition.length) code.definition = definition.join('\n\n');
}

/**
 * The codebook.yaml text: version, title, coders, codes (fields in the order
 * FORMAT.md lists them), groups. `guid` is left out when it is the one Axial
 * derives from the id, so an Axial export comes back without GUIDs it never had.
 */
export function codebookYaml(cb: ImportedCodebook, codable: ReadonlySet<string>): string {
  const doc: Record<string, unknown> = { version: 1 };
  if (cb.title) doc.title = cb.title;
  if (cb.coders.length) doc.coders = Object.fromEntries(cb.coders.map((c) => [c.id, c.name]));
  const idOfRaw = (raw: string) => cb.codeByGuid.get(stableGuid('code', raw))?.id ?? cb.codes.find((c) => c.id === raw)?.id;
  const codes: Record<string, unknown> = {};
  for (const c of cb.codes) {
    const e: Record<string, unknown> = {};
    // A category that was applied to text comes in as a code: Axial never applies a category.
    if (c.kind === 'category' && !codable.has(c.id)) e.kind = 'category';
    if (c.parent) e.parent = c.parent;
    if (c.name !== c.id) e.name = c.name;
    if (c.definition) e.definition = c.definition;
    if (c.include.length) e.include = c.include;
    if (c.exclude.length) e.exclude = c.exclude;
    if (c.examples.length) e.examples = c.examples;
    if (c.aliases.length) e.aliases = c.aliases;
    if (c.color) e.color = c.color;
    if (c.deprecated) e.status = 'deprecated';
    const rb = c.replacedByRaw && idOfRaw(c.replacedByRaw);
    if (c.deprecated && rb && rb !== c.id) e.replaced_by = rb;
    if (c.memos.length) e.memo = c.memos.join('\n\n');
    if (c.guid !== stableGuid('code', c.id)) e.guid = c.guidAsWritten;
    codes[c.id] = Object.keys(e).length ? e : null;
  }
  if (cb.codes.length) doc.codes = codes;
  if (cb.groups.length) {
    doc.groups = Object.fromEntries(
      cb.groups.map((g) => {
        const e: Record<string, unknown> = {};
        if (g.name !== g.id) e.name = g.name;
        if (g.description) e.description = g.description;
        e.codes = g.codes;
        return [g.id, e];
      }),
    );
  }
  return stringify(doc, { lineWidth: 0, nullStr: '' });
}
