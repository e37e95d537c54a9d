/**
 * REFI-QDA import (pure): a `.qdpx` project, a bare `.qde` or a `.qdc`
 * codebook into the files of an Axial project: `codebook.yaml`, a transcript
 * per text source with its selections written inline by the same rendering
 * function as the merge driver (core/codings/render.ts), and `memos/`. Real
 * tools' quirks are handled here: positions in UTF-16 code units (chosen per
 * source, see importPositions.ts), a BOM, CRLF, source files anywhere in the
 * archive with or without `internal://`, inline `PlainTextContent`, a source
 * with only its `.docx`, and sources missing from the archive (left out and
 * named). Bad input fails with one reason and no files.
 */
import { renderCodings } from '../codings/render';
import { parseTranscript } from '../transcript/parse';
import { AXIAL_NOTE, readAxialNote, type AxialNote, type FileLayout } from './axialNote';
import { codingsCheck } from './codingsCheck';
import { frontMatterText, frontOf, sameFront, typedValue, type ImportedFront } from './importFront';
import { restoreBody } from './markupLayout';
import { importedMemoText, type MemoAbout } from './memoLayout';
import { sameCodebook } from './sameCodebook';
import type { Coding, MemoCoding } from '../codings/types';
import { codebookYaml, normGuid, readCodebook, type ImportedCodebook } from './importCodebook';
import { fileSlug, PathAllocator } from './importIds';
import { chooseConvention, CONVENTIONS, describeConvention, importedText, type RawSelection } from './importPositions';
import type { ImportedFile, RefiImportInput, RefiImportResult } from './importTypes';
import { childNamed, childrenNamed, parseXml, type XmlElement } from './xmlTree';

/** A Note of the project. */
interface Note {
  guid: string;
  name: string;
  text: string;
  creatingUser: string;
}

/** Thrown inside the importer for bad input; turned into `{ ok: false }` at the top. */
class ImportFailure extends Error {}

/** Imports a REFI-QDA file; never throws. */
export function importRefi(input: RefiImportInput): RefiImportResult {
  try {
    return run(input);
  } catch (e) {
    if (e instanceof ImportFailure) return { ok: false, error: e.message };
    return { ok: false, error: `cannot import ${input.xmlName} (internal error: ${e instanceof Error ? e.message : String(e)})` };
  }
}

function run(input: RefiImportInput): RefiImportResult {
  const parsed = parseXml(input.xml);
  if (!parsed.ok) throw new ImportFailure(`${input.xmlName} is not well-formed XML (${parsed.error})`);
  const root = parsed.root;
  const expected = input.kind === 'qdc' ? 'CodeBook' : 'Project';
  if (root.name !== expected) {
    throw new ImportFailure(`${input.xmlName} is not a REFI-QDA ${input.kind === 'qdc' ? 'codebook' : 'project'}: its root element is <${root.name}>, not <${expected}>`);
  }
  const notes = new Map<string, Note>();
  let axial: AxialNote = readAxialNote('');
  let fromAxial = false;
  for (const n of childrenNamed(childNamed(root, 'Notes'), 'Note')) {
    const guid = normGuid(n.attrs.guid);
    if ((n.attrs.name ?? '').trim() === AXIAL_NOTE) {
      axial = readAxialNote(childNamed(n, 'PlainTextContent')?.text ?? '');
      fromAxial = true;
      continue;
    }
    notes.set(guid, { guid, name: (n.attrs.name ?? '').trim(), text: (childNamed(n, 'PlainTextContent')?.text ?? '').replace(/\r\n?/g, '\n'), creatingUser: normGuid(n.attrs.creatingUser) });
  }
  const cb = readCodebook(root, axial.codes, axial.groups);
  const used = new Set<string>();
  const files: ImportedFile[] = [];
  const report: string[] = [];
  const leftOut: string[] = [];
  const codable = new Set<string>();

  const sourcesEl = childNamed(root, 'Sources');
  const textSources = childrenNamed(sourcesEl, 'TextSource');
  for (const other of sourcesEl?.children.filter((c) => c.name !== 'TextSource') ?? []) {
    leftOut.push(`${other.attrs.name || other.attrs.guid || other.name}: a ${other.name.replace(/Source$/, '').toLowerCase()} source (Axial imports text sources only)`);
  }
  const sourcePaths = new Map<string, string>();
  const paths = new PathAllocator();
  paths.claim('codebook.yaml');
  const cases = casesOf(root);
  const variables = variablesOf(root);
  const sourceRefs = new Map<string, string[]>();
  let imported = 0;
  let restored = 0;
  const index = { entries: indexEntries(input.entries?.keys() ?? []), docx: indexEntries(input.docxText?.keys() ?? []) };
  for (const ts of textSources) {
    const guid = normGuid(ts.attrs.guid);
    const name = (ts.attrs.name ?? '').trim() || guid;
    const raw = sourceText(ts, input, index);
    if (raw === undefined) {
      leftOut.push(`${name}: its text is not in the ${input.kind === 'qdpx' ? 'archive' : 'file'}${ts.attrs.plainTextPath ? ` (${ts.attrs.plainTextPath})` : ''}`);
      continue;
    }
    if (raw.fromDocx) report.push(`${name}: text taken from ${raw.fromDocx}`);
    const path = paths.claim(transcriptPath(name));
    sourcePaths.set(guid, path);
    const whole = childrenNamed(ts, 'Coding').length;
    if (whole) leftOut.push(`${name}: ${whole} coding${whole === 1 ? '' : 's'} of the whole source (Axial codes passages, not whole files)`);
    const extras = axial.sources.get(guid) ?? {};
    const read = readSelections(ts, name, raw.text, cb, notes, used, codable, report);
    const front: ImportedFront = {};
    const caseName = cases.get(guid);
    if (caseName !== undefined && caseName !== name && caseName !== path) front.case = caseName;
    const values = new Map([...(caseName !== undefined ? (variables.byCase.get(caseName) ?? []) : []), ...valuesOf(ts, variables.byGuid)]);
    const participant = values.get('participant');
    if (participant !== undefined) {
      front.participant = String(participant);
      values.delete('participant');
    }
    for (const k of ['title', 'date', 'language'] as const) if (extras[k] !== undefined) front[k] = extras[k];
    if (extras.speakers) front.speakers = extras.speakers;
    if (values.size) front.attributes = Object.fromEntries(values);
    const { head, body, exact } = writeTranscript(read, front, extras.coder, axial.files.get(guid));
    if (exact) restored++;
    const uncodedNotes = read.uncodedNotes;
    files.push({ path, text: head + body });
    for (const n of childrenNamed(ts, 'NoteRef')) push(sourceRefs, normGuid(n.attrs.targetGUID), path);
    if (uncodedNotes.length) files.push(memoFile(paths.claim(`memos/${fileSlug(name.replace(/^.*[\\/]/, '')) || 'source'}-notes.md`), { transcripts: [path] }, uncodedNotes.join('\n\n')));
    imported++;
  }

  // Notes: a code's (not a memo file's) becomes its memo; the others become memo files.
  const codeRefs = new Map<string, string[]>();
  for (const c of cb.codes) {
    for (const ref of c.noteRefs) {
      const n = notes.get(ref);
      if (!n || used.has(ref)) continue;
      if (isMemoPath(n.name)) push(codeRefs, ref, c.id);
      else {
        c.memos.push(n.text.trim());
        used.add(ref);
      }
    }
  }
  for (const n of notes.values()) {
    if (used.has(n.guid)) continue;
    const path = paths.claim(isMemoPath(n.name) ? n.name : `memos/${fileSlug(n.name.replace(/^.*[\\/]/, '')) || 'memo'}.md`);
    // The memo as its author wrote it, when the Axial note keeps that and it still fits (memoLayout.ts).
    files.push(memoFile(path, { codes: codeRefs.get(n.guid) ?? [], transcripts: sourceRefs.get(n.guid) ?? [] }, n.text, axial.memos.get(n.guid)));
  }

  for (const c of cb.codes) if (c.kind === 'category' && codable.has(c.id)) report.push(`${c.name}: not codable in the file, but applied to text; imported as a code`);
  if (input.kind !== 'qdc' || cb.codes.length) {
    const text = codebookYaml(cb, codable);
    // The codebook as its author wrote it (comments, layout, language), when it says what the imported codes say.
    files.unshift({ path: 'codebook.yaml', text: axial.codebook !== undefined && sameCodebook(axial.codebook, text) ? axial.codebook : text });
  }
  return { ok: true, files, notes: report, leftOut, sources: imported, restored, fromAxial, codes: cb.codes.length };
}

/** One source's selections read onto its text: its codings and memos, how many codings each coder made, and notes on selections with no code. */
interface SourceSelections {
  text: string;
  codings: Coding[];
  memos: MemoCoding[];
  count: Map<string, number>;
  uncodedNotes: string[];
}

function readSelections(
  ts: XmlElement,
  name: string,
  raw: string,
  cb: ImportedCodebook,
  notes: Map<string, Note>,
  used: Set<string>,
  codable: Set<string>,
  report: string[],
): SourceSelections {
  const selections = childrenNamed(ts, 'PlainTextSelection');
  const rawSelections: RawSelection[] = selections.map((s) => ({ start: toInt(s.attrs.startPosition), end: toInt(s.attrs.endPosition), name: s.attrs.name }));
  const choice = chooseConvention(raw, rawSelections);
  if (!choice) {
    const text = importedText(raw);
    const bad = rawSelections.find((s) => !(s.start >= 0 && s.end >= s.start && s.end <= [...text].length)) ?? rawSelections[0];
    throw new ImportFailure(`selection ${JSON.stringify(bad.name ?? '')} in source ${JSON.stringify(name)} (positions ${show(bad.start)}–${show(bad.end)}) is out of range of its text (${[...text].length} characters)`);
  }
  if (choice.convention !== CONVENTIONS[0]) report.push(`${name}: positions read as ${describeConvention(choice.convention)}`);
  const text = importedText(raw);
  const codings: Coding[] = [];
  const memos: MemoCoding[] = [];
  const uncodedNotes: string[] = [];
  const count = new Map<string, number>();
  selections.forEach((s, i) => {
    const { start, end } = choice.ranges[i];
    const selectionCoder = cb.coderByGuid.get(normGuid(s.attrs.creatingUser)) ?? '';
    let coded = false;
    for (const coding of childrenNamed(s, 'Coding')) {
      const target = normGuid(childNamed(coding, 'CodeRef')?.attrs.targetGUID);
      const code = cb.codeByGuid.get(target);
      if (!code) throw new ImportFailure(`a coding in source ${JSON.stringify(name)} refers to code ${target || '(none)'}, which the codebook does not have`);
      // The coding's own user wins: tools record who applied the code there, and who marked the passage on the selection.
      const coder = cb.coderByGuid.get(normGuid(coding.attrs.creatingUser)) ?? selectionCoder;
      codings.push({ start, end, coder, code: code.id });
      codable.add(code.id);
      count.set(coder, (count.get(coder) ?? 0) + 1);
      coded = true;
    }
    for (const ref of childrenNamed(s, 'NoteRef')) {
      const n = notes.get(normGuid(ref.attrs.targetGUID));
      if (!n) continue;
      used.add(n.guid);
      if (coded) memos.push({ start, end, coder: cb.coderByGuid.get(n.creatingUser) ?? selectionCoder, memo: n.text.trim() });
      else uncodedNotes.push(`> ${text.slice(start, end).trim().replace(/\n/g, '\n> ')}\n\n${n.text.trim()}`);
    }
  });
  return { text, codings, memos, count, uncodedNotes };
}

/**
 * A transcript's head (front matter) and body. Where the `Axial` note keeps how
 * the file was written (an Axial export of a transcript not in the canonical
 * form), the kept front matter text is used when it reads as `front` with the
 * note's coder, and the kept markup when the text and codings are those it was
 * taken from (codingsCheck.ts): the file comes back byte for byte. Otherwise
 * (no note, or the project was recoded in another tool) the codings are rendered
 * by the merge driver's function, with the front matter the import writes.
 */
function writeTranscript(
  read: SourceSelections,
  front: ImportedFront,
  /** The transcript's default coder when the file says it (the Axial note). */
  declaredCoder: string | undefined,
  layout: FileLayout | undefined,
): { head: string; body: string; coder?: string; exact: boolean } {
  const { text, codings, memos } = read;
  let body: string | undefined;
  if (layout?.markup && layout.check === codingsCheck(text, codings, memos)) body = restoreBody(text, layout.markup, layout.crlf === true);
  let head: string | undefined;
  if (layout && sameFront(frontOf(parseTranscript(layout.head).frontMatter), declaredCoder ? { ...front, coder: declaredCoder } : front)) head = layout.head;
  // Kept markup or front matter was written for the note's coder (or none): rendering for another would change whose codings they are.
  const coder = body !== undefined || head !== undefined ? declaredCoder : declaredCoder || [...read.count].filter(([c]) => c !== '').sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const exact = head !== undefined && (body !== undefined || !layout?.markup);
  body ??= renderCodings({ stripped: text, codings, memos }, { defaultCoder: coder });
  head ??= frontMatterText(coder ? { ...front, coder } : front, body);
  return { head, body, coder, exact };
}

/** The source's text: inline, from its plain-text file, or from its .docx; undefined when none is there. */
function sourceText(ts: XmlElement, input: RefiImportInput, index: { entries: EntryIndex; docx: EntryIndex }): { text: string; fromDocx?: string } | undefined {
  const inline = childNamed(ts, 'PlainTextContent');
  if (inline) return { text: inline.text.replace(/^\uFEFF/, '') };
  const plain = findEntry(index.entries, ts.attrs.plainTextPath);
  if (plain !== undefined) return { text: decodeText(input.entries!.get(plain)!) };
  const rich = findEntry(index.docx, ts.attrs.richTextPath);
  if (rich !== undefined) return { text: input.docxText!.get(rich)!, fromDocx: rich };
  return undefined;
}

/** Archive entries by lower-case path and by lower-case file name, built once for all look-ups. */
interface EntryIndex {
  byPath: Map<string, string>;
  byName: Map<string, string>;
}

function indexEntries(keys: Iterable<string>): EntryIndex {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const key of keys) {
    const k = key.toLowerCase();
    if (!byPath.has(k)) byPath.set(k, key);
    const name = k.slice(k.lastIndexOf('/') + 1);
    if (!byName.has(name)) byName.set(name, key);
  }
  return { byPath, byName };
}

/**
 * The archive entry a path attribute names: `internal://x.txt`, `relative://x.txt`
 * or a bare path, found in `Sources/`, `sources/`, at the top, or anywhere (case
 * and folder aside).
 */
function findEntry(index: EntryIndex, ref: string | undefined): string | undefined {
  if (!ref || !ref.trim()) return undefined;
  const p = decodeURIComponentSafe(ref.trim().replace(/^[a-z]+:\/\//i, '')).replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
  return index.byPath.get(p) ?? index.byPath.get(`sources/${p}`) ?? index.byName.get(p.slice(p.lastIndexOf('/') + 1));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Text from bytes: UTF-8 (a BOM dropped), or UTF-16 when a UTF-16 BOM says so. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/** Source GUID → case name (a source in several cases takes the first). */
function casesOf(root: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of childrenNamed(childNamed(root, 'Cases'), 'Case')) {
    const name = (c.attrs.name ?? '').trim();
    if (!name) continue;
    for (const ref of childrenNamed(c, 'SourceRef')) {
      const g = normGuid(ref.attrs.targetGUID);
      if (!out.has(g)) out.set(g, name);
    }
  }
  return out;
}

type Value = string | number | boolean;

/** Variables by GUID (name and type), and each case's values by case name. */
function variablesOf(root: XmlElement): { byGuid: Map<string, { name: string; type: string }>; byCase: Map<string, [string, Value][]> } {
  const byGuid = new Map<string, { name: string; type: string }>();
  for (const v of childrenNamed(childNamed(root, 'Variables'), 'Variable')) byGuid.set(normGuid(v.attrs.guid), { name: (v.attrs.name ?? '').trim(), type: v.attrs.typeOfVariable ?? 'Text' });
  const byCase = new Map<string, [string, Value][]>();
  for (const c of childrenNamed(childNamed(root, 'Cases'), 'Case')) byCase.set((c.attrs.name ?? '').trim(), valuesOf(c, byGuid));
  return { byGuid, byCase };
}

/** The `VariableValue`s of an element, typed as the file says. */
function valuesOf(el: XmlElement, byGuid: Map<string, { name: string; type: string }>): [string, Value][] {
  const out: [string, Value][] = [];
  for (const vv of childrenNamed(el, 'VariableValue')) {
    const v = byGuid.get(normGuid(childNamed(vv, 'VariableRef')?.attrs.targetGUID));
    const valueEl = vv.children.find((c) => c.name.endsWith('Value'));
    if (!v || !v.name || !valueEl) continue;
    const text = valueEl.text.trim();
    if (text === '') continue;
    out.push([v.name, typedValue(valueEl.name, text)]);
  }
  return out;
}

const SAFE_TRANSCRIPT = /^transcripts\/(?:[\p{L}\p{N}_. -]+\/)*[\p{L}\p{N}_. -]+\.(?:md|txt)$/u;

/** Where a source's transcript goes: its name when that is a safe transcripts/… path (an Axial export), else transcripts/<slug>.md. */
function transcriptPath(name: string): string {
  if (SAFE_TRANSCRIPT.test(name) && !name.split('/').some((s) => s === '.' || s === '..' || s.startsWith('.') || s.trim() !== s)) return name;
  return `transcripts/${fileSlug(name.replace(/^.*[\\/]/, '')) || 'source'}.md`;
}

const MEMO_PATH = /^memos\/(?:[\p{L}\p{N}_. -]+\/)*[\p{L}\p{N}_. -]+\.md$/u;

/** A note named like a memo file of an Axial project (`memos/…md`): written back to that path. */
function isMemoPath(name: string): boolean {
  return MEMO_PATH.test(name) && !name.split('/').some((s) => s === '.' || s === '..' || s.startsWith('.') || s.trim() !== s);
}

/** A memo file: front matter naming its codes and transcripts (when any), then the text; as kept in `layout` when that fits. */
function memoFile(path: string, about: MemoAbout, text: string, layout?: FileLayout): ImportedFile {
  return { path, text: importedMemoText(about, text, layout).text };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function toInt(s: string | undefined): number {
  return s !== undefined && /^\s*-?\d+\s*$/.test(s) ? Number(s) : NaN;
}

function show(n: number): string {
  return Number.isNaN(n) ? '?' : String(n);
}
