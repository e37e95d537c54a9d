import writeFileAtomic from 'write-file-atomic';

/**
 * Writes a file so that, whatever happens mid-write (a crash, SIGKILL, a full
 * disk), the path holds either the old content or the new, never a part: the
 * data goes to a temporary file beside it, is flushed to disk (fsync), and is
 * renamed over the target. The file keeps its mode and owner. Every file the CLI
 * writes goes through here.
 */
export async function writeFileAtomically(file: string, data: string | Buffer): Promise<void> {
  await writeFileAtomic(file, data, { fsync: true });
}
