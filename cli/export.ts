/**
 * `axial export [folder] --qdpx out.qdpx | --qdc out.qdc`: the project as a
 * REFI-QDA project archive, or its codebook as a REFI-QDA codebook, for ATLAS.ti,
 * NVivo, MAXQDA and QualCoder (docs/interchange.md). The XML is core/refi's, the
 * loading and writing host/exportRefi's; this file parses the options and reports.
 */
import * as path from 'node:path';
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { exportRefi } from '../host/exportRefi';
import { withProgress } from './progress';

const EXPORT_HELP = `
--qdpx writes a REFI-QDA project: project.qde (users, codes, cases, variables,
sources with their coded selections, notes) and each transcript's stripped text
as Sources/<guid>.txt (UTF-8, LF). --qdc writes the codebook alone. Positions
are Unicode code points in the stripped text, end exclusive. GUIDs are derived
from paths and ids (or taken from a code's guid), and no date is written, so
exporting an unchanged project twice gives byte-identical files.

A project with errors is still exported, as far as it parses (codings of codes
the codebook does not define are left out); each file with errors is named on
stderr and the exit code is 1. See docs/interchange.md for what maps to what.

Exit codes:
  0  exported
  1  exported, but the project has errors (the files are named)
  2  usage error: no or both formats, no project, or the file cannot be written
`;

/** Adds `axial export`. */
export function registerExport(program: Command): void {
  const cmd = program
    .command('export')
    .description('Export the project as a REFI-QDA project (--qdpx) or its codebook (--qdc).')
    .argument('[folder]', 'the project folder (holding codebook.yaml)', '.')
    .option('--qdpx <file>', 'write a REFI-QDA project archive (.qdpx)')
    .option('--qdc <file>', 'write a REFI-QDA codebook (.qdc)')
    .option('-q, --quiet', 'no progress bar (shown on a terminal when reading takes over a second)')
    .addHelpText('after', EXPORT_HELP)
    .action(async (folder: string, opts: { qdpx?: string; qdc?: string; quiet?: boolean }) => {
      const fail = (message: string) => {
        process.stderr.write(`axial export: ${message}\n`);
        process.exitCode = 2;
      };
      if ((opts.qdpx === undefined) === (opts.qdc === undefined)) return fail('give one of --qdpx <file> or --qdc <file>');
      const out = (opts.qdpx ?? opts.qdc)!;
      if (out.trim() === '') return fail('the output file name is empty');
      if (isFolder(out)) return fail(`${out} is a folder; give a file name`);
      const r = await withProgress('Exporting', opts, () => exportRefi(folder, opts.qdc !== undefined ? 'qdc' : 'qdpx', out));
      if (!r.ok) return fail(r.error);
      const { problems } = r;
      for (const p of problems) process.stderr.write(`axial export: ${p.file}: ${p.reason}\n`);
      const what = opts.qdc !== undefined ? `${r.codes} codes` : `${r.transcripts} transcripts, ${r.codes} codes`;
      process.stdout.write(`Exported ${what} to ${path.relative(process.cwd(), path.resolve(out)) || out}\n`);
      if (problems.length) process.exitCode = 1;
    });
  cmd.exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
