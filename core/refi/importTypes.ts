/** What the REFI-QDA importer takes and gives (docs/interchange.md, "axial import"). */

/** A REFI-QDA file as the host read it. */
export interface RefiImportInput {
  /** `.qdpx` archive, bare `.qde` project XML, or `.qdc` codebook. */
  kind: 'qdpx' | 'qde' | 'qdc';
  /** The project or codebook XML (for a `.qdpx`, its `.qde` entry). */
  xml: string;
  /** The XML's name, for messages (`project.qde`, `study.qdc`). */
  xmlName: string;
  /** The archive's other entries by their path in the archive (none for `.qde` and `.qdc`). */
  entries?: ReadonlyMap<string, Uint8Array>;
  /** Text the host extracted from `.docx` entries, by path in the archive. */
  docxText?: ReadonlyMap<string, string>;
}

/** One file to write, relative to the target folder, with `/`. */
export interface ImportedFile {
  path: string;
  text: string;
}

/** The import's result: the files, or the one reason it failed (nothing is written then). */
export type RefiImportResult =
  | {
      ok: true;
      files: ImportedFile[];
      /** How things were read, for the user (a position convention other than the standard's, a text taken from a .docx). */
      notes: string[];
      /** Sources and other parts left out, each named with why. */
      leftOut: string[];
      sources: number;
      /** Of those, the transcripts given back exactly as an Axial export wrote them (from the `Axial` note); the others are rendered from their codings. */
      restored: number;
      /** True when the file carries the `Axial` note (an Axial export). */
      fromAxial: boolean;
      codes: number;
    }
  | { ok: false; error: string };
