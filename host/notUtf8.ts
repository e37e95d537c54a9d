import { readFileSync } from 'node:fs';

/** What is wrong with a file read as UTF-8: binary, or the UTF-16 offset (in the text as read, BOM dropped) of its first byte that is not UTF-8. */
export type NotText = { binary: true } | { binary: false; offset: number; byte: number };

/**
 * Whether a file read as UTF-8 (`text`, its BOM dropped, as host/nodeFiles.ts
 * reads) was really UTF-8 text. Node's lenient decoder turns each bad byte into
 * U+FFFD, so a text without U+FFFD or NUL is known good without looking again;
 * otherwise the bytes are read back to tell a U+FFFD written in the file (bytes
 * EF BF BD) from one the decoder made. Binary as git and editors judge it: a NUL
 * in the first 8,000 bytes. Undefined when the file is fine or cannot be read again.
 */
export function notUtf8(file: string, text: string): NotText | undefined {
  if (!text.includes('\ufffd') && !text.includes('\u0000')) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, 8000).includes(0)) return { binary: true };
  // Up to the first U+FFFD the text was valid, so its UTF-8 length is its length in the file.
  let byteAt = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && text.charCodeAt(0) !== 0xfeff ? 3 : 0;
  let from = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) {
    byteAt += Buffer.byteLength(text.slice(from, i));
    if (!(bytes[byteAt] === 0xef && bytes[byteAt + 1] === 0xbf && bytes[byteAt + 2] === 0xbd)) return { binary: false, offset: i, byte: bytes[byteAt] };
    from = i;
  }
  return undefined;
}
