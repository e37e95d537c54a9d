/**
 * What REFI-QDA has no place for in a code: Axial's id (the `#tag`) and its
 * aliases. The export writes them into one Note, named `Axial code ids`, as
 * YAML by code GUID, for the codes whose id the importer could not read back
 * from the name; the importer reads it, so a project that goes out and comes
 * back keeps its ids (and every tag in its transcripts). A tool that drops the
 * note loses only that: ids are then read from names.
 */
import { parse, stringify } from 'yaml';
import type { Codebook } from '../codebook/types';
import { codeGuid } from './codes';
import { stableGuid } from './guid';
import { slug } from './importIds';

/** The note's name. */
export const AXIAL_IDS_NOTE = 'Axial code ids';

/** The note's GUID (derived, so exports stay byte-identical). */
export const AXIAL_IDS_NOTE_GUID = stableGuid('note', AXIAL_IDS_NOTE);

/** The note's text, or undefined when every id reads back from its name and no code has aliases. */
export function axialIdsNoteText(codebook: Codebook): string | undefined {
  const codes: Record<string, { id: string; aliases?: string[] }> = {};
  for (const c of codebook.codes.values()) {
    const aliases = c.aliases.filter((a) => a.trim() !== '');
    if (slug(c.name || c.id) === c.id && aliases.length === 0) continue;
    codes[codeGuid(c).toLowerCase().replace(/^\{|\}$/g, '')] = aliases.length ? { id: c.id, aliases } : { id: c.id };
  }
  if (Object.keys(codes).length === 0) return undefined;
  return `# Axial: each code's id and aliases, by code GUID, which REFI-QDA has no place for.\n${stringify({ codes }, { lineWidth: 0 })}`;
}

/** The ids and aliases the note gives, by lower-case GUID; empty when the text does not parse. */
export function readAxialIdsNote(text: string): Map<string, { id: string; aliases: string[] }> {
  const out = new Map<string, { id: string; aliases: string[] }>();
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return out;
  }
  const codes = (data as { codes?: unknown } | null)?.codes;
  if (typeof codes !== 'object' || codes === null) return out;
  for (const [guid, v] of Object.entries(codes)) {
    const e = v as { id?: unknown; aliases?: unknown } | null;
    if (!e || typeof e.id !== 'string') continue;
    const aliases = Array.isArray(e.aliases) ? e.aliases.filter((a): a is string => typeof a === 'string') : [];
    out.set(guid.toLowerCase().replace(/^\{|\}$/g, ''), { id: e.id, aliases });
  }
  return out;
}
