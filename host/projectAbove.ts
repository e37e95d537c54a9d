import { statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * "no codebook.yaml found under <folder>", and, when a folder above it holds a
 * codebook.yaml (the command was run inside a project, in its transcripts/ say),
 * where that project is, relative to the current folder: the commands look for
 * projects below the folder they are given, never above.
 */
export function noCodebookMessage(folder: string, cwd = process.cwd()): string {
  const above = projectAbove(path.resolve(cwd, folder));
  const hint = above === undefined ? '' : ` (the project is ${path.relative(cwd, above) || '.'}, above it: give that folder)`;
  return `no codebook.yaml found under ${folder}${hint}`;
}

/** The nearest folder strictly above `dir` that holds a codebook.yaml file, if any. */
function projectAbove(dir: string): string | undefined {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (statSync(path.join(d, 'codebook.yaml'), { throwIfNoEntry: false })?.isFile()) return d;
    if (path.dirname(d) === d) return undefined;
  }
}
