import { promises as fs } from 'node:fs';

/**
 * Why a file that failed to read cannot be read, as the system says it
 * (`EACCES: permission denied`), asked again once the read is known to have
 * failed: the readers (host/nodeFiles.ts) keep only that it failed, which is
 * all they need on the usual path.
 */
export async function unreadableReason(file: string): Promise<string> {
  try {
    await fs.access(file, fs.constants.R_OK);
    return 'it could not be read as text';
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // "EACCES: permission denied, access '/abs/path'": the code and the words, not the path (the caller names the file).
    const what = e.message.replace(/^\w+: /, '').replace(/, \w+ '.*$/, '');
    return e.code ? `${e.code}: ${what}` : what;
  }
}
