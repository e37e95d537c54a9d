import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Bytes gathered before each write: large enough that a 20 MB table takes a few dozen writes. */
const CHUNK = 1 << 20;

/**
 * Writes a file from pieces of text as they are made, with writeFileAtomically's
 * promise (host/atomicWrite.ts): the pieces go to a temporary file beside the
 * target, which is flushed to disk (fsync) and renamed over it, so the path
 * holds the old content or the new, never a part; the file keeps its mode. Only
 * about a megabyte of the text is held at a time, not the whole.
 */
export async function writeTextAtomically(file: string, pieces: Iterable<string>): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await fs.stat(file).then((s) => s.mode & 0o7777, () => undefined);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    let buffered: string[] = [];
    let size = 0;
    for (const piece of pieces) {
      buffered.push(piece);
      size += piece.length;
      if (size < CHUNK) continue;
      await handle.write(buffered.join(''));
      buffered = [];
      size = 0;
    }
    if (size > 0) await handle.write(buffered.join(''));
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    await fs.rename(temp, file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw err;
  }
}
