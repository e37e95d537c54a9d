/**
 * What REFI-QDA has no place for: a code's Axial id (the `#tag`) and aliases, a
 * group's id, a transcript's `title`, `date`, `language`, `coder` and
 * `speakers`, and, for a transcript or codebook the import would not write back
 * byte for byte, how it was written (its front matter text and markup,
 * markupLayout.ts; the codebook.yaml text). The export writes them into one Note named `Axial`, as JSON keyed
 * by the GUIDs of the code, set and source they belong to (only what the
 * importer could not read back otherwise); the importer reads it, so a project
 * that goes out and comes back keeps its ids, every tag, and its front matter.
 * Keys are GUIDs, which other tools keep, so the note stays right when a code
 * or source is renamed there. A tool that drops the note loses only this: ids
 * are then read from names, and those front matter keys are gone.
 */
import { parse } from 'yaml';
import type { Code, Codebook } from '../codebook/types';
import { codeGuid } from './codes';
import { stableGuid } from './guid';
import { slug } from './importIds';
import type { FileLayout, RefiSource, SourceExtras } from './types';

export type { FileLayout } from './types';

const ABOUT = 'Axial: what REFI-QDA has no place for (code ids and aliases, group ids, transcript front matter, how files were written), by GUID.';

/** The note's name. */
export const AXIAL_NOTE = 'Axial';

/** The note's GUID (derived, so exports stay byte-identical). */
export const AXIAL_NOTE_GUID = stableGuid('note', AXIAL_NOTE);

/** What the note holds, by lower-case GUID. */
export interface AxialNote {
  codes: Map<string, { id: string; aliases: string[] }>;
  groups: Map<string, string>;
  sources: Map<string, SourceExtras>;
  /** How transcripts were written, by source GUID. */
  files: Map<string, FileLayout>;
  /** How memo files were written, by the GUID of their Note (memoLayout.ts). */
  memos: Map<string, FileLayout>;
  /** The codebook.yaml text, when the import would not write it so. */
  codebook?: string;
}

/** What the note keeps besides ids and front matter: file layouts by source GUID, memo layouts by Note GUID, and the codebook text. */
export interface NoteLayouts {
  files: Map<string, FileLayout>;
  memos?: Map<string, FileLayout>;
  codebook?: string;
}

const lower = (guid: string) => guid.trim().toLowerCase().replace(/^\{|\}$/g, '');

/** The note's text, or undefined when there is nothing to keep. `setGuid`, `sourceGuid` and `codeGuidOf` give the GUIDs the export wrote. */
export function axialNoteText(
  codebook: Codebook,
  sources: RefiSource[],
  setGuid: (id: string) => string,
  sourceGuid: (path: string) => string,
  layouts: NoteLayouts = { files: new Map() },
  codeGuidOf: (code: Code) => string = codeGuid,
): string | undefined {
  const codes: Record<string, { id: string; aliases?: string[] }> = {};
  for (const c of codebook.codes.values()) {
    const aliases = c.aliases.filter((a) => a.trim() !== '');
    if (slug(c.name || c.id) === c.id && aliases.length === 0) continue;
    codes[lower(codeGuidOf(c))] = aliases.length ? { id: c.id, aliases } : { id: c.id };
  }
  const groups: Record<string, string> = {};
  for (const g of codebook.groups.values()) if (slug(g.name.trim() || g.id) !== g.id) groups[setGuid(g.id)] = g.id;
  const extras: Record<string, SourceExtras> = {};
  for (const s of sources) if (s.extras) extras[sourceGuid(s.path)] = s.extras;
  const doc: Record<string, unknown> = {};
  if (Object.keys(codes).length) doc.codes = codes;
  if (Object.keys(groups).length) doc.groups = groups;
  if (Object.keys(extras).length) doc.sources = extras;
  if (layouts.codebook !== undefined) doc.codebook = layouts.codebook;
  const memos = layouts.memos ?? new Map<string, FileLayout>();
  if (Object.keys(doc).length === 0 && layouts.files.size === 0 && memos.size === 0) return undefined;
  // JSON, not YAML: a project of a thousand transcripts has a large note, and JSON.parse reads it much faster than the yaml package.
  const text = JSON.stringify({ about: ABOUT, ...doc }, null, 1);
  const maps = (
    [
      ['files', layouts.files],
      ['memos', memos],
    ] as const
  ).filter(([, m]) => m.size > 0);
  if (maps.length === 0) return text + '\n';
  // One line per file: a layout's markup is a long list that would take a line per item.
  const blocks = maps.map(([key, m]) => ` "${key}": {\n${[...m].map(([guid, f]) => `  ${JSON.stringify(guid)}: {${layoutJson(f)}}`).join(',\n')}\n }`);
  return `${text.slice(0, -2)},\n${blocks.join(',\n')}\n}\n`;
}

/** A layout's members as JSON, the markup as the export already holds it. */
function layoutJson(f: FileLayout): string {
  const parts = [`"head":${JSON.stringify(f.head)}`];
  if (f.markupJson !== undefined) parts.push(`"markup":${f.markupJson}`);
  if (f.crlf) parts.push('"crlf":true');
  if (f.check !== undefined) parts.push(`"check":${JSON.stringify(f.check)}`);
  return parts.join(',');
}

/** Reads the note; anything that does not parse or has the wrong shape is left out. */
export function readAxialNote(text: string): AxialNote {
  const out: AxialNote = { codes: new Map(), groups: new Map(), sources: new Map(), files: new Map(), memos: new Map() };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // A tool may have rewrapped the note; YAML reads JSON and more.
    try {
      data = parse(text);
    } catch {
      return out;
    }
  }
  if (!isMap(data)) return out;
  for (const [guid, v] of Object.entries(isMap(data.codes) ? data.codes : {})) {
    if (!isMap(v) || typeof v.id !== 'string') continue;
    const aliases = Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === 'string') : [];
    out.codes.set(lower(guid), { id: v.id, aliases });
  }
  for (const [guid, v] of Object.entries(isMap(data.groups) ? data.groups : {})) if (typeof v === 'string') out.groups.set(lower(guid), v);
  for (const [guid, v] of Object.entries(isMap(data.sources) ? data.sources : {})) {
    if (!isMap(v)) continue;
    const e: SourceExtras = {};
    for (const k of ['title', 'date', 'language', 'coder'] as const) if (typeof v[k] === 'string') e[k] = v[k] as string;
    if (isMap(v.speakers)) e.speakers = Object.fromEntries(Object.entries(v.speakers).filter(([, x]) => typeof x === 'string')) as Record<string, string>;
    out.sources.set(lower(guid), e);
  }
  for (const [key, into] of [['files', out.files], ['memos', out.memos]] as const) {
    const layouts = data[key];
    for (const [guid, v] of Object.entries(isMap(layouts) ? layouts : {})) {
      if (!isMap(v) || typeof v.head !== 'string') continue;
      const f: FileLayout = { head: v.head };
      if (Array.isArray(v.markup) && typeof v.check === 'string') {
        f.markup = v.markup;
        f.check = v.check;
        if (v.crlf === true) f.crlf = true;
      }
      into.set(lower(guid), f);
    }
  }
  if (typeof data.codebook === 'string') out.codebook = data.codebook;
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
