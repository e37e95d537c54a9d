/**
 * What CLI tests share besides the scratch repository itself
 * (test/helpers/scratchGit.ts): the bundled CLI's path and a small project.
 */
import * as path from 'node:path';
import type { ScratchRepo } from '../helpers/scratchGit';
import { REPO } from '../lsp/harness';

/** The bundled CLI. */
export const CLI = path.join(REPO, 'dist', 'cli.js');

/** A small project: a codebook and one transcript. */
export function writeProject(repo: ScratchRepo, transcript: string, file = 'transcripts/patient.md'): void {
  repo.write('codebook.yaml', 'version: 1\ntitle: Scratch\ncoders:\n  CA: Carolina\n  LN: Lucía\ncodes:\n  trust: {}\n  listening: {}\n  agree: {}\n');
  repo.write(file, transcript);
}
