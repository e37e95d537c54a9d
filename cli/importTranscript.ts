/**
 * `axial import <file> [project]`: an interview (.docx, .vtt, .srt, .txt) into
 * a transcript, or a spreadsheet codebook (.csv, .xlsx) into codebook.yaml. The
 * conversion is core/importing's, the reading and writing host/importInto's;
 * this file parses the command line and reports.
 */
import * as path from 'node:path';
import { CODES_EXTENSIONS, importCodebook, importInterview, INTERVIEW_EXTENSIONS, type ImportOptions } from '../host/importInto';
import { printable } from '../core';

/** Help text for `axial import` about interviews and codes sheets. */
export const TRANSCRIPT_IMPORT_HELP = `
Interviews (.docx, .vtt, .srt, .txt) become transcripts in the project's
transcripts folder, named after the input (interview.docx → transcripts/
interview.md), or in --out. Speakers become turn labels (I, P or initials) with
a speakers map in the front matter; a cue's or turn's start time is kept as a
leading [hh:mm:ss]; the words are otherwise untouched. Plain text is read as an
Otter.ai, Rev/Temi, Descript/Zoom ("[00:00:02] Name: text") or "Name: text"
export, whichever fits; the shape found is printed.

Codes sheets (.csv, .xlsx) become codebook.yaml: columns by header (code or
path "Category > Code", name, id, definition/description/memo, parent, kind,
color, include, exclude, examples). An existing codebook.yaml is only changed
with --force, which adds the new codes and fills empty fields of existing ones.

The project is the folder given, else the one with codebook.yaml in or above
the current folder. Files are written atomically; nothing is written on failure.

Exit codes for interviews and codes sheets:
  0  imported
  1  the input cannot be converted (not a Word document, empty, binary, no cues, no code column)
  2  usage error: unknown file type, no such file, no project, the output exists without --force, cannot write
`;

/** Every extension `axial import` handles here, for the dispatch in main.ts. */
export const TRANSCRIPT_IMPORT_EXTENSIONS = [...Object.keys(INTERVIEW_EXTENSIONS), ...CODES_EXTENSIONS];

/** Imports one file (an interview or a codes sheet) and prints one line; returns the exit code. */
export async function importTranscriptCommand(file: string, project: string | undefined, opts: ImportOptions): Promise<number> {
  const ext = path.extname(file).toLowerCase();
  const rel = (p: string) => printable(path.relative(opts.cwd ?? process.cwd(), p) || p);
  if (CODES_EXTENSIONS.includes(ext)) {
    const r = await importCodebook(file, { ...opts, project });
    if (!r.ok) return fail(r.error, r.code);
    const what = `${r.added} code${r.added === 1 ? '' : 's'} (${r.categories} categor${r.categories === 1 ? 'y' : 'ies'})`;
    process.stdout.write(r.merged ? `Merged ${path.basename(file)} into ${rel(r.file)}: ${r.added} code${r.added === 1 ? '' : 's'} added, ${r.updated} already there (empty fields filled in)\n` : `Wrote ${rel(r.file)}: ${what}\n`);
    return 0;
  }
  const r = await importInterview(file, { ...opts, project });
  if (!r.ok) return fail(r.error, r.code);
  const speakers = r.speakers.length ? `${r.speakers.length} speaker${r.speakers.length === 1 ? '' : 's'} (${r.speakers.map(([l, n]) => `${l}: ${n}`).join(', ')}), ${r.turns} turn${r.turns === 1 ? '' : 's'}` : 'no speakers';
  process.stdout.write(printable(`Imported ${path.basename(file)} as ${r.shape}: ${speakers}`) + ` → ${rel(r.file)}\n`);
  if (r.comments) process.stdout.write(`${r.comments.count} Word comment${r.comments.count === 1 ? '' : 's'} → ${rel(r.comments.file)}\n`);
  return 0;
}

function fail(message: string, code: number): number {
  process.stderr.write(`axial import: ${printable(message)}\n`);
  return code;
}
