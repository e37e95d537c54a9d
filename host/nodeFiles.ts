import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Observers of the project files found and read, for progress bars: the CLI's
 * bar (cli/progress.ts) listens here, so every command's loader feeds it without
 * a callback threaded through each one. Unset, they cost nothing.
 */
export const fileProgress: { found?: (files: number) => void; read?: () => void } = {};

/** Folders never searched for projects: dependencies, build output, VCS data. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

/**
 * Lists every codebook.yaml and candidate transcript (.md/.txt) under a folder,
 * without following symbolic links (which could loop).
 */
export async function findProjectFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(e.name)) await walk(full);
      } else if (e.isFile() && (e.name === 'codebook.yaml' || /\.(md|txt)$/i.test(e.name))) {
        out.push(full);
      }
    }
  }
  await walk(root);
  fileProgress.found?.(out.length);
  return out;
}

/** Reads a file as UTF-8 without its BOM, as editors show it; undefined when unreadable. */
export async function readText(file: string): Promise<string | undefined> {
  try {
    const text = await fs.readFile(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  } finally {
    fileProgress.read?.();
  }
}

/**
 * Loads every project under `root` into a fresh index: how the CLI, the server's
 * start-up scan and benchmarks fill the index from disk.
 */
export async function loadFolder(
  index: { setFile(uri: string, text: string): unknown },
  root: string,
  toUri: (file: string) => string,
): Promise<number> {
  const files = await findProjectFiles(root);
  // Codebooks first, so transcripts find their project when they arrive.
  files.sort((a, b) => Number(path.basename(b) === 'codebook.yaml') - Number(path.basename(a) === 'codebook.yaml'));
  for (const f of files) {
    const text = await readText(f);
    if (text !== undefined) index.setFile(toUri(f), text);
  }
  return files.length;
}
