/**
 * What the export keeps of how a project's files are written, for the `Axial`
 * note: per transcript that the import would not write back byte for byte, its
 * front matter text and (unless its body is what the import renders anyway) its
 * markup with the fingerprint of the text and codings it belongs to; and the
 * codebook.yaml text. A transcript already in the form the import writes (the
 * canonical rendering, with the front matter the import writes) costs nothing.
 *
 * To know that form, this predicts the import of the transcript's REFI-QDA
 * elements with the importer's own pieces (importFront.ts, the rendering
 * function); a transcript whose front matter text differs from the prediction
 * is kept without rendering its body at all.
 */
import type { Codebook } from '../codebook/types';
import { renderCodings } from '../codings/render';
import type { Coding, MemoCoding } from '../codings/types';
import type { FileLayout, NoteLayouts } from './axialNote';
import { codingsCheck } from './codingsCheck';
import { frontMatterText, typedValue, type ImportedFront } from './importFront';
import { restoreBody } from './markupLayout';
import type { RefiSource } from './types';
import { valuesOf, type VariableType } from './variables';
import { xmlText } from './xmlText';

/** The layouts to keep, by source GUID, and the codebook text. */
export function noteLayouts(codebook: Codebook, sources: readonly RefiSource[], variables: ReadonlyMap<string, VariableType>, sourceGuid: (path: string) => string): NoteLayouts {
  const files = new Map<string, FileLayout>();
  for (const s of sources) {
    const f = fileLayout(s, codebook, variables);
    if (f) files.set(sourceGuid(s.path), f);
  }
  const out: NoteLayouts = { files };
  // The importer gives this text back only when it reads as the codebook it imported; a codebook with errors never would.
  if (codebook.codes.size && !codebook.diagnostics.some((d) => d.severity === 'error')) out.codebook = codebook.text;
  return out;
}

/** What to keep of one transcript; undefined when the import writes it back as it is. */
function fileLayout(s: RefiSource, codebook: Codebook, variables: ReadonlyMap<string, VariableType>): FileLayout | undefined {
  const layout = s.layout;
  if (!layout) return undefined;
  const { stripped } = s.codings;
  const known = s.codings.codings.filter((c) => codebook.codes.has(c.code));
  const coder = s.extras?.coder || mostCodings(known);
  const front = predictedFront(s, variables);
  if (coder) front.coder = coder;
  // Cheapest first: a block naming the default coder (never in the canonical form) or CRLF settle it without writing anything.
  const mayBeCanonical = !stripped.includes('\r\n') && !(coder && namesCoder(layout.markupJson, coder));
  const body = mayBeCanonical ? restoreBody(stripped, JSON.parse(layout.markupJson) as unknown[], layout.crlf) : undefined;
  if (body !== undefined && layout.head === frontMatterText(front, body)) {
    const memos = importedMemos(s.codings.memos, known);
    if (renderCodings({ stripped, codings: known, memos }, { defaultCoder: coder }) === body) return undefined;
  }
  // The markup goes with the head even when the body has none: a lone brace the renderer would escape is written as it was.
  // Codings of codes the codebook lacks are in the fingerprint too, so such a body (never exported whole) is rendered on import.
  const crlf = stripped.includes('\r\n');
  const lf = crlf ? lfOffsets(stripped) : (i: number) => i;
  const exported = crlf ? stripped.replace(/\r\n/g, '\n') : stripped;
  // Offsets move only where a CR was dropped: most transcripts pass their codings as they are.
  const codings = crlf ? s.codings.codings.map((c): Coding => ({ ...c, start: lf(c.start), end: lf(c.end) })) : s.codings.codings;
  const memos = s.codings.memos.map((m): MemoCoding => ({ ...m, start: lf(m.start), end: lf(m.end), memo: xmlText(m.memo) }));
  const out: FileLayout = { head: layout.head, markupJson: layout.markupJson };
  if (layout.crlf) out.crlf = true;
  out.check = codingsCheck(exported, codings, memos);
  return out;
}

/**
 * True when the markup (as JSON) names `coder` with `@`. The canonical form
 * writes the default coder's blocks without it, so such markup is not
 * canonical; a memo that mentions `@coder` makes this say so wrongly, which only
 * costs keeping a layout that was not needed.
 */
function namesCoder(markupJson: string, coder: string): boolean {
  const at = '@' + coder;
  for (let i = markupJson.indexOf(at); i >= 0; i = markupJson.indexOf(at, i + 1)) if (!ID_CHAR.test(markupJson.charAt(i + at.length))) return true;
  return false;
}

const ID_CHAR = /^[\p{L}\p{N}_.-]$/u;

/** The front matter the import writes for a source (without `coder`), from what the export writes of it. */
function predictedFront(s: RefiSource, variables: ReadonlyMap<string, VariableType>): ImportedFront {
  const front: ImportedFront = {};
  const caseName = s.case !== undefined ? xmlText(s.case).trim() : undefined;
  if (caseName && caseName !== s.path) front.case = caseName;
  const values = new Map<string, string | number | boolean>();
  for (const [name, value] of valuesOf(s)) {
    const type = variables.get(name);
    const text = xmlText(String(value)).trim();
    if (type && text !== '') values.set(name, typedValue(`${type}Value`, text));
  }
  const participant = values.get('participant');
  if (participant !== undefined) {
    front.participant = String(participant);
    values.delete('participant');
  }
  for (const k of ['title', 'date', 'language'] as const) if (s.extras?.[k] !== undefined) front[k] = s.extras[k];
  if (s.extras?.speakers) front.speakers = s.extras.speakers;
  if (values.size) front.attributes = Object.fromEntries(values);
  return front;
}

/** The coder with the most codings (ties to the smaller id), as the import picks a transcript's default coder. */
function mostCodings(codings: readonly Coding[]): string | undefined {
  const count = new Map<string, number>();
  for (const c of codings) if (c.coder !== '') count.set(c.coder, (count.get(c.coder) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** The memos as the import reads them back: only on ranges a coder coded, their text as the note carries it, trimmed. */
function importedMemos(memos: readonly MemoCoding[], codings: readonly Coding[]): MemoCoding[] {
  if (memos.length === 0) return [];
  const coded = new Set(codings.map((c) => `${c.start}:${c.end}:${c.coder}`));
  return memos.filter((m) => coded.has(`${m.start}:${m.end}:${m.coder}`)).map((m) => ({ ...m, memo: xmlText(m.memo).trim() }));
}

/** Stripped offsets → offsets in the exported text (each CRLF one LF). */
function lfOffsets(stripped: string): (i: number) => number {
  const crs: number[] = [];
  for (let i = stripped.indexOf('\r\n'); i >= 0; i = stripped.indexOf('\r\n', i + 2)) crs.push(i);
  return (i) => {
    // The number of CRs of CRLF pairs before i (a CR at i itself is not before it).
    let lo = 0;
    let hi = crs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (crs[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    return i - lo;
  };
}
