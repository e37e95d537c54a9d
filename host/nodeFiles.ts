import { promises as fs, readFileSync } from 'node:fs';
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

/** Reads a file as `readText` does, synchronously. */
export function readTextSync(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  } finally {
    fileProgress.read?.();
  }
}

/**
 * How long `readTexts` and its consumer may hold the thread before letting the
 * event loop run (incoming requests, progress, timers), in ms.
 */
export const READ_SLICE_MS = 8;

/**
 * Reads files as `readText` does and yields each one's text in the order given
 * (undefined when unreadable). The reads are synchronous, in slices: a file of a
 * project is small and almost always in the page cache, and an asynchronous read
 * costs more of the thread than the read itself (four round trips through libuv's
 * pool, a promise each: on 1,000 transcripts about 250 ms of CPU against 130 ms).
 * Every `READ_SLICE_MS` of reading and of the consumer's work on what was read, the
 * event loop runs once, so a server keeps answering while it indexes.
 */
export async function* readTexts(files: readonly string[]): AsyncGenerator<{ file: string; text: string | undefined }> {
  let sliceStart = performance.now();
  for (const file of files) {
    if (performance.now() - sliceStart >= READ_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    yield { file, text: readTextSync(file) };
  }
}

/** Orders files so that codebooks come first: transcripts then find their project when they arrive. */
export function codebooksFirst(files: string[]): string[] {
  const isCodebook = (f: string) => path.basename(f) === 'codebook.yaml';
  return [...files.filter(isCodebook), ...files.filter((f) => !isCodebook(f))];
}

/**
 * Loads every project under `root` into a fresh index: how the CLI, the server's
 * start-up scan and benchmarks fill the index from disk. Returns the number of
 * files found; `found` (when given) receives their paths.
 */
export async function loadFolder(
  index: { setFile(uri: string, text: string): unknown },
  root: string,
  toUri: (file: string) => string,
  found?: (files: string[]) => void,
): Promise<number> {
  const files = await findProjectFiles(root);
  found?.(files);
  for await (const { file, text } of readTexts(codebooksFirst(files))) {
    if (text !== undefined) index.setFile(toUri(file), text);
  }
  return files.length;
}
