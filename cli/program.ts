import { Command } from 'commander';
import { VERSION } from './version';

/**
 * The `axial` program with no commands yet: its name, description and version.
 * cli/main.ts adds the one command a run needs, or all of them for the overview.
 */
export function newProgram(): Command {
  return new Command().name('axial').description('Codebook-driven qualitative coding: checks for projects in git and CI.').version(VERSION);
}
