/**
 * Which paths of a repository revision are codebooks and transcripts, by the
 * rules of FORMAT.md section 1, on repository-relative paths with `/`: a
 * transcript belongs to the nearest folder above it holding `codebook.yaml` and
 * must match that codebook's `transcripts` globs.
 */
import picomatch from 'picomatch';
import type { Codebook } from '../codebook/types';

/** Folders that never hold project files (FORMAT.md section 1). */
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

/** The projects of one revision: codebooks by project folder ('' is the repository root). */
export class Projects {
  private readonly matchers = new Map<string, (p: string) => boolean>();

  constructor(readonly codebooks: ReadonlyMap<string, Codebook>) {
    for (const [root, cb] of codebooks) this.matchers.set(root, picomatch(cb.transcripts, { dot: false }));
  }

  /** The project folder a transcript path belongs to, or undefined when it is no transcript. */
  projectOf(path: string): string | undefined {
    if (!/\.(md|txt)$/i.test(path)) return undefined;
    const parts = path.split('/');
    if (parts.slice(0, -1).some((p) => SKIPPED.has(p))) return undefined;
    for (let k = parts.length - 1; k >= 0; k--) {
      const root = parts.slice(0, k).join('/');
      const match = this.matchers.get(root);
      if (match) return match(parts.slice(k).join('/')) ? root : undefined;
    }
    return undefined;
  }
}

/** The project folder of a `codebook.yaml` path, or undefined for any other path. */
export function codebookRoot(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[parts.length - 1] !== 'codebook.yaml' || parts.slice(0, -1).some((p) => SKIPPED.has(p))) return undefined;
  return parts.slice(0, -1).join('/');
}
