/**
 * The `axial diff` subcommand as a registration on the program, so cli/main.ts
 * adds it with one line.
 */
import { Command, Option } from 'commander';
import { GitError } from '../host/git';
import { runDiff } from '../host/revisionDiff';
import { formatMarkdown, formatText, hasChanges, paintFor, toJson } from './diffFormat';
import { quietOnClosedPipe } from './closedPipe';
import { usageExits2 } from './usageExits';

const DIFF_HELP = `
Compares <rev-a> (default HEAD) with <rev-b>, or with the working tree when
<rev-b> is left out (untracked transcripts count as new), or with the index
with --cached. As in git diff, A..B is A and B, and A...B compares B with
where it forked from A (a pull request's own changes: main...HEAD). Every project in the repository is read (each codebook.yaml and
the transcripts its globs match); paths are relative to the repository root.

Reported per transcript: spans coded, uncoded and recoded (same range and
coder, codes changed), each with its codes, coder, quote and line in the newer
version; memos added and removed; and a text change (the stripped text
differs), flagged so a reviewer cannot miss it. Per codebook: codes added,
removed, renamed, moved and redefined.

--format json prints
  {"from", "to", "summary",
   "files": [{"path", "oldPath"?, "status", "project", "textChanged",
              "changes": [{"kind": "coded"|"uncoded"|"recoded", "codes",
                           "from"?, "to"?, "coder", "quote", "line"}],
              "memos", "problems"}],
   "codebook": {"added", "removed", "renamed": [{"from", "to"}],
                "moved": [{"id", "from", "to"}], "redefined": [{"id", "fields"}]},
   "projects": [{"path", "status", "codebook", "problems"}]}

A transcript that cannot be read on one side (binary, not UTF-8) or has
markup errors is still listed, with the problem in its "problems".

Exit codes:
  0  the diff was printed (with --exit-code: and there were no changes)
  1  with --exit-code: there were changes
  2  usage error, not a git repository, unknown revision, or git failed
`;

/** Adds `axial diff [<rev-a> [<rev-b>]]`. */
export function registerDiff(program: Command): void {
  const cmd = program
    .command('diff')
    .description('Show the coding changes between two revisions (default: HEAD and the working tree).')
    .argument('[rev-a]', 'the older revision (default HEAD), or a range A..B or A...B')
    .argument('[rev-b]', 'the newer revision (default: the working tree)')
    .option('--cached', 'compare <rev-a> with the index (staged changes) instead of the working tree')
    .addOption(new Option('--format <format>', 'text, md (a pull-request comment) or json').choices(['text', 'md', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when there are changes, 0 when there are none (like git diff)')
    .addHelpText('after', DIFF_HELP)
    .action(async (revA: string | undefined, revB: string | undefined, opts: { cached?: boolean; format: 'text' | 'md' | 'json'; exitCode?: boolean }) => {
      quietOnClosedPipe();
      if (opts.cached && revB !== undefined) {
        process.stderr.write('axial diff: --cached compares one revision with the index; give at most one revision\n');
        process.exitCode = 2;
        return;
      }
      let result;
      try {
        result = await runDiff({ revA, revB, cached: opts.cached, cwd: process.cwd() });
      } catch (err) {
        if (!(err instanceof GitError)) throw err;
        process.stderr.write(`axial diff: ${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.format === 'json') process.stdout.write(JSON.stringify(toJson(result), null, 2) + '\n');
      else if (opts.format === 'md') process.stdout.write(formatMarkdown(result));
      else process.stdout.write(formatText(result, paintFor(process.stdout)));
      for (const f of result.files) for (const p of f.problems) process.stderr.write(`axial diff: ${f.path}: ${p}\n`);
      for (const pr of result.projects) for (const p of pr.problems) process.stderr.write(`axial diff: ${p}\n`);
      if (opts.exitCode && hasChanges(result)) process.exitCode = 1;
    });
  usageExits2(cmd);
}
