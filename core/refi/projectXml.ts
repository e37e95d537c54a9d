/**
 * A whole project as REFI-QDA project XML (`project.qde`) and its source texts:
 * coders as Users, the codebook as Codes, each transcript as a TextSource whose
 * text is the stripped text with LF, one PlainTextSelection per coded range and
 * coder with a Coding per code, memos as Notes, cases and front matter
 * attributes as Cases and Variables. Every GUID is derived from what the element
 * is and no timestamp is written, so an unchanged project exports the same bytes.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Codebook } from '../codebook/types';
import { codeGuid, appendCodes } from './codes';
import { ORIGIN } from './codebookXml';
import { stableGuid } from './guid';
import { codePointOffsets, refiText } from './positions';
import type { RefiExport, RefiProject, RefiSource, RefiSourceFile } from './types';
import { xmlText } from './xmlText';

/** The namespace of a REFI-QDA project file. */
export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** A Note to write under `Notes`. */
interface Note {
  guid: string;
  name: string;
  text: string;
  creatingUser?: string;
}

/** One PlainTextSelection: a stripped range with one coder's codes and memos on it. */
interface Selection {
  start: number;
  end: number;
  coder: string;
  codes: string[];
  memos: string[];
}

type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float';

/** The GUID of a coder's User. */
export function userGuid(coder: string): string {
  return stableGuid('user', coder);
}

/** The GUID of a transcript's TextSource (and the name of its text file). */
export function sourceGuid(path: string): string {
  return stableGuid('source', path);
}

/** The project XML and the source texts of a project. */
export function buildProject(project: RefiProject): RefiExport {
  const { codebook } = project;
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const root = doc.ele(PROJECT_NAMESPACE, 'Project', { name: xmlText(project.name), origin: ORIGIN });
  const notes: Note[] = [];
  const memoRefs = memoFileRefs(project);

  const coders = codersOf(project);
  if (coders.length) {
    const users = root.ele('Users');
    for (const c of coders) users.ele('User', { guid: userGuid(c.id), name: xmlText(c.name), id: xmlText(c.id) });
  }

  if (codebook.codes.size) {
    const codeNotes = appendCodes(root.ele('CodeBook').ele('Codes'), codebook, true, memoRefs.byCode);
    for (const n of codeNotes) notes.push({ guid: n.guid, name: `Memo on ${n.codeId}`, text: n.text });
  }

  const variables = variablesOf(project.sources);
  if (variables.size) {
    const el = root.ele('Variables');
    for (const [name, type] of variables) el.ele('Variable', { guid: stableGuid('variable', name), name: xmlText(name), typeOfVariable: type });
  }

  const cases = casesOf(project.sources);
  if (cases.size) {
    const el = root.ele('Cases');
    for (const [name, paths] of cases) {
      const c = el.ele('Case', { guid: stableGuid('case', name), name: xmlText(name) });
      for (const p of paths) c.ele('SourceRef', { targetGUID: sourceGuid(p) });
    }
  }

  const files: RefiSourceFile[] = [];
  if (project.sources.length) {
    const el = root.ele('Sources');
    for (const source of project.sources) files.push(appendSource(el, source, codebook, variables, notes, memoRefs.bySource.get(source.path) ?? []));
  }

  for (const m of project.memos ?? []) notes.push({ guid: memoFileGuid(m.path), name: m.path, text: m.text });
  if (notes.length) {
    const el = root.ele('Notes');
    for (const n of notes) {
      const attrs: Record<string, string> = { guid: n.guid, name: xmlText(n.name) };
      if (n.creatingUser) attrs.creatingUser = n.creatingUser;
      el.ele('Note', attrs).ele('PlainTextContent').txt(xmlText(n.text));
    }
  }
  for (const guid of memoRefs.unattached) root.ele('NoteRef', { targetGUID: guid });
  return { xml: doc.end({ prettyPrint: true }) + '\n', sources: files };
}

/** The GUID of the Note holding a memo file. */
export function memoFileGuid(path: string): string {
  return stableGuid('memo-file', path);
}

/**
 * Where each memo file's Note is referenced: by the codes and sources its front
 * matter names (those that exist), else by the project as a whole.
 */
function memoFileRefs(project: RefiProject): { byCode: Map<string, string[]>; bySource: Map<string, string[]>; unattached: string[] } {
  const byCode = new Map<string, string[]>();
  const bySource = new Map<string, string[]>();
  const unattached: string[] = [];
  const paths = new Set(project.sources.map((s) => s.path));
  const push = (map: Map<string, string[]>, key: string, guid: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(guid)) list.push(guid);
    map.set(key, list);
  };
  for (const m of project.memos ?? []) {
    const guid = memoFileGuid(m.path);
    const codes = m.codes.filter((id) => project.codebook.codes.has(id));
    const sources = m.transcripts.filter((p) => paths.has(p));
    for (const id of codes) push(byCode, id, guid);
    for (const p of sources) push(bySource, p, guid);
    if (codes.length === 0 && sources.length === 0) unattached.push(guid);
  }
  return { byCode, bySource, unattached };
}

/** Appends one TextSource with its selections and returns its text file. */
function appendSource(
  parent: XMLBuilder,
  source: RefiSource,
  codebook: Codebook,
  variables: Map<string, VariableType>,
  notes: Note[],
  memoNotes: string[],
): RefiSourceFile {
  const guid = sourceGuid(source.path);
  const { stripped } = source.codings;
  const toCp = codePointOffsets(stripped);
  const text = refiText(stripped);
  const codePoints = [...text];
  const el = parent.ele('TextSource', { guid, name: xmlText(source.path), plainTextPath: `internal://${guid}.txt` });
  for (const s of selectionsOf(source, codebook)) {
    const key = `${source.path}\u0000${s.start}\u0000${s.end}\u0000${s.coder}`;
    const start = toCp(s.start);
    const end = toCp(s.end);
    const attrs: Record<string, string> = {
      guid: stableGuid('selection', key),
      name: xmlText(codePoints.slice(start, end).join('')),
      startPosition: String(start),
      endPosition: String(end),
    };
    if (s.coder) attrs.creatingUser = userGuid(s.coder);
    const sel = el.ele('PlainTextSelection', attrs);
    for (const id of s.codes) {
      const coding: Record<string, string> = { guid: stableGuid('coding', `${key}\u0000${id}`) };
      if (s.coder) coding.creatingUser = userGuid(s.coder);
      sel.ele('Coding', coding).ele('CodeRef', { targetGUID: codeGuid(codebook.codes.get(id)!) });
    }
    s.memos.forEach((memo, i) => {
      const note: Note = { guid: stableGuid('memo', `${key}\u0000${i}`), name: `Memo in ${source.path}`, text: memo };
      if (s.coder) note.creatingUser = userGuid(s.coder);
      notes.push(note);
      sel.ele('NoteRef', { targetGUID: note.guid });
    });
  }
  for (const guid of memoNotes) el.ele('NoteRef', { targetGUID: guid });
  const values = valuesOf(source);
  for (const [name, value] of values) {
    const type = variables.get(name);
    if (!type) continue;
    const v = el.ele('VariableValue');
    v.ele('VariableRef', { targetGUID: stableGuid('variable', name) });
    v.ele(`${type}Value`).txt(xmlText(String(value)));
  }
  return { path: `Sources/${guid}.txt`, text };
}

/**
 * The selections of a source in stripped order: codings and memos grouped by
 * range and coder. Codings of codes the codebook does not define are left out
 * (a REFI-QDA CodeRef must point at a Code).
 */
function selectionsOf(source: RefiSource, codebook: Codebook): Selection[] {
  const byKey = new Map<string, Selection>();
  const at = (start: number, end: number, coder: string): Selection => {
    const key = `${start}:${end}:${coder}`;
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { start, end, coder, codes: [], memos: [] }));
    return s;
  };
  for (const c of source.codings.codings) if (codebook.codes.has(c.code)) at(c.start, c.end, c.coder).codes.push(c.code);
  for (const m of source.codings.memos) at(m.start, m.end, m.coder).memos.push(m.memo);
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end || (a.coder < b.coder ? -1 : a.coder > b.coder ? 1 : 0));
}

/** The coders: those the codebook declares, in its order, then any other coder a transcript names, sorted. */
function codersOf(project: RefiProject): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const c of project.codebook.coders?.values() ?? []) out.set(c.id, c.name || c.id);
  const extra = new Set<string>();
  for (const s of project.sources) {
    for (const c of s.codings.codings) if (c.coder && !out.has(c.coder)) extra.add(c.coder);
    for (const m of s.codings.memos) if (m.coder && !out.has(m.coder)) extra.add(m.coder);
  }
  for (const id of [...extra].sort()) out.set(id, id);
  return [...out].map(([id, name]) => ({ id, name }));
}

/** Cases by name with the paths of their transcripts; a transcript without a case is a case of its own, named by its path. */
function casesOf(sources: RefiSource[]): Map<string, string[]> {
  const cases = new Map<string, string[]>();
  for (const s of sources) {
    const name = s.case ?? s.path;
    const list = cases.get(name) ?? [];
    list.push(s.path);
    cases.set(name, list);
  }
  return cases;
}

/** A source's variable values: `participant` and each front matter attribute that has a value. */
function valuesOf(source: RefiSource): [string, string | number | boolean][] {
  const out: [string, string | number | boolean][] = [];
  if (source.participant !== undefined) out.push(['participant', source.participant]);
  for (const [k, v] of Object.entries(source.attributes ?? {})) if (v !== null && v !== undefined && k !== 'participant') out.push([k, v]);
  return out;
}

/** Every variable with the narrowest type all its values fit, sorted by name. */
function variablesOf(sources: RefiSource[]): Map<string, VariableType> {
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
