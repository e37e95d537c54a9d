import { Command } from 'commander';
import { VERSION } from './version';

/** The exit codes every command shares; `axial <command> --help` gives each one's own meaning of 1. */
const EXIT_CODES = `
Exit codes (each command's --help says more):
  0  done (check: no errors)
  1  a result to act on: problems found (check), conflicts (merge), nothing
     found (query), below the threshold (agree), ...
  2  usage error (unknown command or option, bad value, missing file or
     folder), or a file that cannot be read or written`;

/**
 * The `axial` program with no commands yet: its name, description and version.
 * cli/main.ts adds the one command a run needs, or all of them for the overview.
 */
export function newProgram(): Command {
  return new Command()
    .name('axial')
    .description('Codebook-driven qualitative coding: checks for projects in git and CI.')
    .version(VERSION)
    .addHelpText('after', EXIT_CODES);
}
