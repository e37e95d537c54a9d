/**
 * A whole project as REFI-QDA project XML (`project.qde`) and its source texts:
 * coders as Users, the codebook as Codes, each transcript as a TextSource whose
 * text is the stripped text with LF, one PlainTextSelection per coded range and
 * coder with a Coding per code, memos as Notes, cases and front matter
 * attributes as Cases and Variables, codebook `groups` as Sets. Every GUID is derived from what the element
 * is and no timestamp is written, so an unchanged project exports the same bytes.
 */
import type { Codebook } from '../codebook/types';
import { AXIAL_NOTE, AXIAL_NOTE_GUID, axialNoteText } from './axialNote';
import { codeGuid, writeCodes } from './codes';
import { ORIGIN } from './codebookXml';
import { guidMaker, stableGuid, type GuidMaker, type GuidOptions } from './guid';
import { codeGroups } from './groups';
import { noteLayouts } from './exportLayout';
import { codePointOffsets, refiText } from './positions';
import type { RefiExport, RefiProject, RefiSource, RefiSourceFile } from './types';
import { valuesOf, variablesOf, type VariableType } from './variables';
import { xmlText } from './xmlText';
import { XmlWriter } from './xmlWriter';

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

/** The GUID of a coder's User (`guid`: the export's maker). */
export function userGuid(coder: string, guid: GuidMaker = stableGuid): string {
  return guid('user', coder);
}

/** The GUID of a codebook group's Set. */
export function setGuid(id: string, guid: GuidMaker = stableGuid): string {
  return guid('set', id);
}

/** The GUID of a transcript's TextSource (and the name of its text file). */
export function sourceGuid(path: string, guid: GuidMaker = stableGuid): string {
  return guid('source', path);
}

/**
 * The project XML and the source texts of a project. `options.sha1` (the host's
 * SHA-1) makes the many GUIDs of a large project faster; the bytes are the same.
 */
export function buildProject(project: RefiProject, options: GuidOptions = {}): RefiExport {
  const { codebook } = project;
  const w = new XmlWriter().open('Project', { xmlns: PROJECT_NAMESPACE, name: xmlText(project.name), origin: ORIGIN });
  const guid = guidMaker(options);
  const notes: Note[] = [];
  const memoRefs = memoFileRefs(project, guid);
  const guids = guidCache(codebook, guid);
  const sourceGuidOf = (path: string) => sourceGuid(path, guid);
  const setGuidOf = (id: string) => setGuid(id, guid);

  const coders = codersOf(project);
  if (coders.length) {
    w.open('Users');
    for (const c of coders) w.empty('User', { guid: guids.user(c.id), name: xmlText(c.name), id: xmlText(c.id) });
    w.close();
  }

  if (codebook.codes.size) {
    w.open('CodeBook').open('Codes');
    const codeNotes = writeCodes(w, codebook, true, memoRefs.byCode, guid);
    w.close().close();
    for (const n of codeNotes) notes.push({ guid: n.guid, name: `Memo on ${n.codeId}`, text: n.text });
  }

  const variables = variablesOf(project.sources);
  if (variables.size) {
    w.open('Variables');
    for (const [name, type] of variables) w.empty('Variable', { guid: guid('variable', name), name: xmlText(name), typeOfVariable: type });
    w.close();
  }

  const cases = casesOf(project.sources);
  if (cases.size) {
    w.open('Cases');
    for (const [name, paths] of cases) {
      w.open('Case', { guid: guid('case', name), name: xmlText(name) });
      for (const p of paths) w.empty('SourceRef', { targetGUID: sourceGuidOf(p) });
      w.close();
    }
    w.close();
  }

  const files: RefiSourceFile[] = [];
  if (project.sources.length) {
    w.open('Sources');
    for (const source of project.sources) files.push(writeSource(w, source, guids, variables, notes, memoRefs.bySource.get(source.path) ?? []));
    w.close();
  }

  for (const m of project.memos ?? []) notes.push({ guid: memoFileGuid(m.path, guid), name: m.path, text: m.text });
  const layouts = noteLayouts(codebook, project.sources, variables, sourceGuidOf);
  for (const m of project.memos ?? []) if (m.layout) (layouts.memos ??= new Map()).set(memoFileGuid(m.path, guid), m.layout);
  const axial = axialNoteText(codebook, project.sources, setGuidOf, sourceGuidOf, layouts, (c) => guids.code(c.id));
  if (axial !== undefined) notes.push({ guid: AXIAL_NOTE_GUID, name: AXIAL_NOTE, text: xmlText(axial) });
  if (notes.length) {
    w.open('Notes');
    for (const n of notes) w.open('Note', { guid: n.guid, name: xmlText(n.name), creatingUser: n.creatingUser }).text('PlainTextContent', xmlText(n.text)).close();
    w.close();
  }
  const groups = codeGroups(codebook);
  if (groups.length) {
    w.open('Sets');
    for (const g of groups) {
      w.open('Set', { guid: setGuidOf(g.id), name: xmlText(g.name) });
      if (g.description) w.text('Description', xmlText(g.description));
      for (const id of g.codes) w.empty('MemberCode', { targetGUID: guids.code(id) });
      w.close();
    }
    w.close();
  }
  for (const guid of memoRefs.unattached) w.empty('NoteRef', { targetGUID: guid });
  return { xml: w.end(), sources: files };
}

/** The export's GUID maker, and the GUIDs asked for again and again (a coder's, a code's), computed once per export. */
interface GuidCache {
  codebook: Codebook;
  make: GuidMaker;
  user(coder: string): string;
  code(id: string): string;
}

function guidCache(codebook: Codebook, make: GuidMaker): GuidCache {
  const users = new Map<string, string>();
  const codes = new Map<string, string>();
  return {
    codebook,
    make,
    user: (coder) => users.get(coder) ?? users.set(coder, userGuid(coder, make)).get(coder)!,
    code: (id) => codes.get(id) ?? codes.set(id, codeGuid(codebook.codes.get(id)!, make)).get(id)!,
  };
}

/** The GUID of the Note holding a memo file. */
export function memoFileGuid(path: string, guid: GuidMaker = stableGuid): string {
  return guid('memo-file', path);
}

/**
 * Where each memo file's Note is referenced: by the codes and sources its front
 * matter names (those that exist), else by the project as a whole.
 */
function memoFileRefs(project: RefiProject, make: GuidMaker): { byCode: Map<string, string[]>; bySource: Map<string, string[]>; unattached: string[] } {
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
    const guid = memoFileGuid(m.path, make);
    const codes = m.codes.filter((id) => project.codebook.codes.has(id));
    const sources = m.transcripts.filter((p) => paths.has(p));
    for (const id of codes) push(byCode, id, guid);
    for (const p of sources) push(bySource, p, guid);
    if (codes.length === 0 && sources.length === 0) unattached.push(guid);
  }
  return { byCode, bySource, unattached };
}

/** Writes one TextSource with its selections and returns its text file. */
function writeSource(w: XmlWriter, source: RefiSource, guids: GuidCache, variables: Map<string, VariableType>, notes: Note[], memoNotes: string[]): RefiSourceFile {
  const guid = sourceGuid(source.path, guids.make);
  const { stripped } = source.codings;
  const toCp = codePointOffsets(stripped);
  const text = refiText(stripped);
  w.open('TextSource', { guid, name: xmlText(source.path), plainTextPath: `internal://${guid}.txt` });
  for (const s of selectionsOf(source, guids.codebook)) {
    const key = `${source.path}\u0000${s.start}\u0000${s.end}\u0000${s.coder}`;
    const start = toCp(s.start);
    const end = toCp(s.end);
    const user = s.coder ? guids.user(s.coder) : undefined;
    w.open('PlainTextSelection', {
      guid: guids.make('selection', key),
      name: xmlText(stripped.slice(s.start, s.end)),
      startPosition: String(start),
      endPosition: String(end),
      creatingUser: user,
    });
    for (const id of s.codes) {
      w.open('Coding', { guid: guids.make('coding', `${key}\u0000${id}`), creatingUser: user });
      w.empty('CodeRef', { targetGUID: guids.code(id) });
      w.close();
    }
    s.memos.forEach((memo, i) => {
      const note: Note = { guid: guids.make('memo', `${key}\u0000${i}`), name: `Memo in ${source.path}`, text: memo, creatingUser: user };
      notes.push(note);
      w.empty('NoteRef', { targetGUID: note.guid });
    });
    w.close();
  }
  for (const g of memoNotes) w.empty('NoteRef', { targetGUID: g });
  for (const [name, value] of valuesOf(source)) {
    const type = variables.get(name);
    if (!type) continue;
    w.open('VariableValue');
    w.empty('VariableRef', { targetGUID: guids.make('variable', name) });
    w.text(`${type}Value`, xmlText(String(value)));
    w.close();
  }
  w.close();
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
