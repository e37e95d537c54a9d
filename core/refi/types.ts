/**
 * What a REFI-QDA export is made from: the codebook and, per transcript, its
 * codings as stripped ranges (FORMAT.md section 6) with the front matter facts
 * that become cases and variables. Built by the host from a loaded project.
 */
import type { Codebook } from '../codebook/types';
import type { TranscriptCodings } from '../codings/types';
import type { MarkupLayout } from './markupLayout';

/** One transcript as the export sees it. */
export interface RefiSource {
  /** Project-relative path with `/`: the source's name and the seed of its GUID. */
  path: string;
  codings: TranscriptCodings;
  /** The declared case (front matter `case`, trimmed), if any. */
  case?: string;
  participant?: string;
  /** Front matter `attributes`: each becomes a Variable and a VariableValue. */
  attributes?: Record<string, string | number | boolean | null>;
  /** Front matter REFI-QDA has no place for (kept in the `Axial` note, see axialNote.ts). */
  extras?: SourceExtras;
  /** How the file is written (front matter text, markup), so the export can keep what the import would not write back. */
  layout?: MarkupLayout;
}

/** A transcript's front matter keys that REFI-QDA has no element for. */
export interface SourceExtras {
  title?: string;
  date?: string;
  language?: string;
  coder?: string;
  speakers?: Record<string, string>;
}

/** A memo file of `memos/`: its text without front matter and what it is about. */
export interface RefiMemo {
  /** Project-relative path with `/`. */
  path: string;
  text: string;
  /** Code ids from the front matter's `codes`. */
  codes: string[];
  /** Project-relative transcript paths from the front matter's `transcripts`. */
  transcripts: string[];
  /** How the file is written, when the import would not write it back so (memoLayout.ts). */
  layout?: FileLayout;
}

/** A whole project to export. */
export interface RefiProject {
  /** The project's name (the codebook `title`, else the folder name). */
  name: string;
  codebook: Codebook;
  sources: RefiSource[];
  /** The memo files; each becomes a Note referenced by the codes and sources it names (else by the project). */
  memos?: RefiMemo[];
}

/** A source's plain text as it goes into the archive, beside the project XML. */
export interface RefiSourceFile {
  /** Path inside the archive: `Sources/<guid>.txt`. */
  path: string;
  text: string;
}

/** The project XML and the source texts it points at. */
export interface RefiExport {
  xml: string;
  sources: RefiSourceFile[];
}

/**
 * How a transcript (or a memo file, memoLayout.ts) was written, for one the
 * import would not write back as it is, as the `Axial` note keeps it
 * (axialNote.ts): its head (front matter text), its markup (markupLayout.ts),
 * CRLF flag and the fingerprint of the text and codings the markup belongs to
 * (codingsCheck.ts).
 */
export interface FileLayout {
  head: string;
  /** The markup: read from the note as a list; written by the export as JSON text (markupLayout.ts). */
  markup?: unknown[];
  markupJson?: string;
  crlf?: boolean;
  check?: string;
}
