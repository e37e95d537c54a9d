/**
 * The first steps of reading a file brought in from outside the project (an
 * interview, a sheet of codes): its bytes, refused with a one-line reason when
 * they cannot be read or there are none, and checks on what the bytes are.
 */
import { promises as fs } from 'node:fs';

/** A file's contents, or why there are none to read. */
export type FileBytes = { ok: true; bytes: Buffer } | { ok: false; error: string };

/** Text from a file, or why there is none. */
export type FileText = { ok: true; text: string } | { ok: false; error: string };

/** The bytes of `file`; an unreadable or empty file is a reason, not an exception. */
export async function readNonEmptyFile(file: string): Promise<FileBytes> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    return { ok: false, error: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (bytes.length === 0) return { ok: false, error: 'the file is empty' };
  return { ok: true, bytes };
}

/**
 * Whether the bytes start like a zip archive (.docx and .xlsx are zips), so that
 * anything else (an old .doc or .xls, a renamed file) is named as such before a
 * library is asked and its message reaches the user.
 */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Bytes as UTF-8 text; a NUL byte or invalid UTF-8 means the file is not text. */
export function utf8Text(bytes: Buffer): FileText {
  if (bytes.includes(0)) return { ok: false, error: 'the file is binary, not text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: 'the file is not UTF-8 text' };
  }
}
