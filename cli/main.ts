import { Command } from 'commander';
import { check, formatLine } from './check';

/**
 * The `axial` command: the same core as the editor, over Node's file system,
 * for terminals and CI.
 */
const program = new Command();
program.name('axial').description('Codebook-driven qualitative coding: checks for projects in git and CI.').version('0.1.0');

program
  .command('check')
  .description('Print every diagnostic of the projects under a folder; exit 1 when there are errors.')
  .argument('[folder]', 'folder holding one or more projects (codebook.yaml)', '.')
  .option('--json', 'print the diagnostics as JSON')
  .action(async (folder: string, opts: { json?: boolean }) => {
    const result = await check(folder);
    if (opts.json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } else {
      for (const l of result.lines) process.stdout.write(formatLine(l) + '\n');
      const summary = `${result.projects} project${result.projects === 1 ? '' : 's'}, ${result.transcripts} transcripts: ${result.errors} errors, ${result.warnings} warnings`;
      process.stderr.write(summary + '\n');
    }
    if (result.projects === 0) {
      process.stderr.write(`axial: no codebook.yaml found under ${folder}\n`);
      process.exitCode = 2;
    } else if (result.errors > 0) process.exitCode = 1;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`axial: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
