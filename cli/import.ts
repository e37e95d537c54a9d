/**
 * `axial import <file> [folder]`: one command for everything that comes in,
 * dispatched on the file's extension: REFI-QDA projects and codebooks
 * (cli/importRefi.ts) into a new project folder, interviews and codes sheets
 * (cli/importTranscript.ts) into an existing project.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { printable } from '../core';
import { importRefiCommand, REFI_EXTENSIONS, REFI_IMPORT_HELP } from './importRefi';
import { importTranscriptCommand, TRANSCRIPT_IMPORT_EXTENSIONS, TRANSCRIPT_IMPORT_HELP } from './importTranscript';

/** Registers `axial import` on the program. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'Bring data in: a REFI-QDA project (.qdpx, .qde) or codebook (.qdc) from ATLAS.ti, NVivo, MAXQDA or QualCoder into a new project folder; an interview (.docx, .vtt, .srt, .txt) as a transcript, or a codes sheet (.csv, .xlsx) as codebook.yaml, into a project.',
    )
    .argument('<file>', 'the file to import')
    .argument('[folder]', 'REFI-QDA: the folder to create the project in; otherwise the project folder (default: the one with codebook.yaml in or above the current folder)')
    .option('--out <file>', 'interviews and codes sheets: write here instead of the project’s transcripts folder (or codebook.yaml)')
    .option('--force', 'REFI-QDA: import into a folder that is not empty; interviews: replace an existing transcript; codes sheets: merge into an existing codebook.yaml')
    .addHelpText('after', REFI_IMPORT_HELP + TRANSCRIPT_IMPORT_HELP)
    .action(async (file: string, folder: string | undefined, opts: { out?: string; force?: boolean }) => {
      const ext = path.extname(file).toLowerCase();
      // A folder named `x.docx` is not "no such file", and a missing `notes` is not
      // "a file without an extension". (Otherwise the type is judged first, and each
      // importer checks for a missing file after its own usage errors.)
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat?.isDirectory() || (!stat && ext === '')) {
        process.stderr.write(`axial import: ${stat ? `${printable(file)} is a folder, not a file` : `no such file: ${printable(file)}`}\n`);
        process.exitCode = 2;
        return;
      }
      if (REFI_EXTENSIONS.includes(ext)) {
        if (opts.out !== undefined) {
          process.stderr.write('axial import: --out is for interviews and codes sheets; a REFI-QDA file is imported into a folder: give it as the second argument\n');
          process.exitCode = 2;
          return;
        }
        process.exitCode = await importRefiCommand(file, folder, { force: opts.force });
      } else if (TRANSCRIPT_IMPORT_EXTENSIONS.includes(ext)) {
        process.exitCode = await importTranscriptCommand(file, folder, { out: opts.out, force: opts.force });
      } else {
        const what = ext ? `unknown file type ${printable(ext)}` : 'a file without an extension';
        process.stderr.write(`axial import: ${printable(file)}: ${what} (import .qdpx, .qde, .qdc, .docx, .vtt, .srt, .txt, .csv or .xlsx)\n`);
        process.exitCode = 2;
      }
    })
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
}
