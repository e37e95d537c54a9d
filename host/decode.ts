import type { FileContent } from '../core/diff';

/** Bytes to text as editors read it (UTF-8, BOM dropped); binary and invalid UTF-8 are named, not guessed. */
export function decode(bytes: Buffer): FileContent {
  if (bytes.subarray(0, 8000).includes(0)) return { unreadable: 'binary' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { unreadable: 'not UTF-8' };
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
