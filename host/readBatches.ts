import { readFileSync } from 'node:fs';

/** One batch of texts read off the main thread, in the order of the list; null when unreadable. */
export interface ReadBatch {
  /** Where in the list the batch's first file is. */
  start: number;
  texts: (string | null)[];
}

/**
 * About this many characters go in one batch: postMessage copies strings, and a
 * few large messages cost the receiving thread less than one per file, while the
 * first batch still arrives early enough for parsing to start at once.
 */
export const BATCH_CHARS = 1 << 20;

/**
 * Reads files one after another with readFileSync, as `readText` (host/nodeFiles.ts)
 * would: UTF-8, the BOM dropped unless `keepBom`, null when unreadable. Hands them to
 * `post` in batches of about `batchChars` characters, in order. A synchronous loop is
 * the fastest way to read on a thread that does nothing else; the reader's thread
 * runs it so that the main thread only parses.
 */
export function readBatches(files: readonly string[], post: (batch: ReadBatch) => void, keepBom = false, batchChars = BATCH_CHARS): void {
  let batch: ReadBatch = { start: 0, texts: [] };
  let chars = 0;
  for (let i = 0; i < files.length; i++) {
    let text: string | null;
    try {
      text = readFileSync(files[i], 'utf8');
      if (!keepBom && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } catch {
      text = null;
    }
    batch.texts.push(text);
    chars += text?.length ?? 0;
    if (chars >= batchChars) {
      post(batch);
      batch = { start: i + 1, texts: [] };
      chars = 0;
    }
  }
  if (batch.texts.length > 0) post(batch);
}
