/**
 * The codebook as REFI-QDA `Code` elements, shared by the `.qdc` codebook and
 * the project XML: nesting from `parent`, categories as `isCodable="false"`,
 * definition, criteria and examples in `Description`, the memo as a Note.
 */
import { childrenOf } from '../codebook/hierarchy';
import type { Code, Codebook } from '../codebook/types';
import { isRefiGuid, stableGuid, type GuidMaker } from './guid';
import type { XmlWriter } from './xmlWriter';
import { xmlText } from './xmlText';

/** A code memo as a REFI-QDA Note, written where the project keeps its notes. */
export interface CodeNote {
  guid: string;
  codeId: string;
  text: string;
}

/** The GUID of a code: its `guid` from the codebook when valid, else one derived from its id (by `guid`, the export's maker). */
export function codeGuid(code: Pick<Code, 'id' | 'guid'>, guid: GuidMaker = stableGuid): string {
  return code.guid && isRefiGuid(code.guid.trim()) ? code.guid.trim() : guid('code', code.id);
}

/** The GUID of the note holding a code's memo. */
export function codeNoteGuid(id: string, guid: GuidMaker = stableGuid): string {
  return guid('code-memo', id);
}

/**
 * The `Description` text of a code: its definition, then its include and exclude
 * criteria and examples as labelled lists, so an importing tool shows them all.
 */
export function codeDescription(code: Code): string | undefined {
  const parts: string[] = [];
  if (code.definition?.trim()) parts.push(code.definition.trim());
  const list = (title: string, items: string[]) => {
    const kept = items.map((s) => s.trim()).filter((s) => s !== '');
    if (kept.length) parts.push(`${title}:\n${kept.map((s) => `- ${s}`).join('\n')}`);
  };
  list('Include', code.include);
  list('Exclude', code.exclude);
  list('Examples', code.examples.map((e) => e.value));
  if (code.status === 'deprecated') parts.push(`Deprecated${code.replacedBy ? `: use ${code.replacedBy.value}` : ''}.`);
  return parts.length ? parts.join('\n\n') : undefined;
}

const RGB = /^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/;

/**
 * Writes `<Code>` elements for the whole tree (inside an open `Codes` element)
 * in file order, and returns the code memos to write as Notes (their
 * `NoteRef`s are already in place when `withNotes` is set). `extraNotes` gives,
 * by code id, the GUIDs of other notes about the code (memo files); `guid` makes
 * the derived GUIDs (the export's maker).
 */
export function writeCodes(w: XmlWriter, codebook: Codebook, withNotes: boolean, extraNotes: ReadonlyMap<string, string[]> = new Map(), guid: GuidMaker = stableGuid): CodeNote[] {
  const notes: CodeNote[] = [];
  const add = (code: Code) => {
    const attrs: Record<string, string> = { guid: codeGuid(code, guid), name: xmlText(code.name || code.id), isCodable: code.kind === 'category' ? 'false' : 'true' };
    if (code.color && RGB.test(code.color.trim())) attrs.color = code.color.trim();
    w.open('Code', attrs);
    const description = codeDescription(code);
    if (description !== undefined) w.text('Description', xmlText(description));
    if (withNotes && code.memo?.trim()) {
      const note: CodeNote = { guid: codeNoteGuid(code.id, guid), codeId: code.id, text: xmlText(code.memo.trim()) };
      notes.push(note);
      w.empty('NoteRef', { targetGUID: note.guid });
    }
    if (withNotes) for (const g of extraNotes.get(code.id) ?? []) w.empty('NoteRef', { targetGUID: g });
    for (const child of childrenOf(codebook, code.id)) add(child);
    w.close();
  };
  for (const root of childrenOf(codebook, undefined)) add(root);
  return notes;
}
