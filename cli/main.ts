import { Command } from 'commander';
import { registerAgree } from './agree';
import { quietOnClosedPipe } from './closedPipe';
import { checkCommand } from './check';
import { runCheckWorker } from './checkWorkers';
import { registerInitGit } from './initGit';
import { registerMerge } from './merge';
import { registerQuery } from './query';
import { registerReport } from './report';
import { registerDiff, registerStrip } from './diffCommand';
import { registerExport } from './export';
import { registerImport } from './import';
import { evaluateFolder, formatEvaluation, formatSuggestions, suggestForText } from './suggest';

/**
 * The `axial` command: the same core as the editor, over Node's file system,
 * for terminals and CI.
 */
const program = new Command();
program.name('axial').description('Codebook-driven qualitative coding: checks for projects in git and CI.').version('0.1.0');

program.addCommand(checkCommand());

program
  .command('suggest')
  .description('Code suggestions from the command line: measure them (--evaluate) or ask for a passage (--text).')
  .argument('[folder]', 'folder holding one or more projects (codebook.yaml)', '.')
  .option('--evaluate', 'leave-one-out over every coded span: print top-1 and top-3 hit rates and a most-frequent-code baseline')
  .option('--lenient', 'with --evaluate: keep codebook examples visible even when they quote the held-out span')
  .option('--sample <n>', 'with --evaluate: evaluate at most n spans, spread over the project', (v) => Number.parseInt(v, 10))
  .option('--text <passage>', 'print the suggestions for a passage, with why')
  .option('--limit <n>', 'with --text: how many suggestions', (v) => Number.parseInt(v, 10), 3)
  .option('--json', 'print the result as JSON')
  .action(async (folder: string, opts: { evaluate?: boolean; lenient?: boolean; sample?: number; text?: string; limit: number; json?: boolean }) => {
    if (!opts.evaluate && opts.text === undefined) {
      process.stderr.write('axial suggest: give --evaluate or --text <passage>\n');
      process.exitCode = 2;
      return;
    }
    const results = opts.evaluate ? await evaluateFolder(folder, { strict: !opts.lenient, sample: opts.sample }) : await suggestForText(folder, opts.text!, opts.limit);
    if (results.length === 0) {
      process.stderr.write(`axial: no codebook.yaml found under ${folder}\n`);
      process.exitCode = 2;
      return;
    }
    if (opts.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    else if (opts.evaluate) process.stdout.write(results.map((r) => formatEvaluation(r as Awaited<ReturnType<typeof evaluateFolder>>[number])).join('\n') + '\n');
    else process.stdout.write(results.map((r) => formatSuggestions(r as Awaited<ReturnType<typeof suggestForText>>[number])).join('\n') + '\n');
  });

registerMerge(program);
registerInitGit(program);
registerDiff(program);
registerStrip(program);
registerAgree(program);
registerReport(program);
registerExport(program);
registerQuery(program);
registerImport(program);

// The same bundle runs `axial check`'s worker threads (cli/checkWorkers.ts).
if (!runCheckWorker()) {
  // Every command's output may go to a reader that stops early (`| head`).
  quietOnClosedPipe();
  program.parseAsync(process.argv).catch((err: unknown) => {
    process.stderr.write(`axial: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
