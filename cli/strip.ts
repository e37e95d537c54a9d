/**
 * `axial strip <file>`: the stripped text of a transcript (FORMAT.md section 3),
 * for git's `textconv`, so `git diff` and `git log -p` can show the words alone.
 * A textconv that fails breaks `git diff` for the file, so content never makes
 * this fail: markup that does not parse is stripped as far as it parses, and a
 * binary or non-UTF-8 file is printed unchanged.
 */
import { readFileSync } from 'node:fs';
import { parseTranscript } from '../core';
import { decode } from '../host/revisionDiff';

/** Why strip could not run: the file is missing or unreadable (exit 2). */
export class StripError extends Error {}

/** The bytes `axial strip` prints for a file. */
export function stripFile(file: string, options: { frontMatter?: boolean } = {}): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StripError(code === 'ENOENT' ? `no such file: ${file}` : code === 'EISDIR' ? `${file} is a folder, not a file` : `cannot read ${file} (${code ?? 'error'})`);
  }
  const text = decode(bytes);
  if (typeof text !== 'string') return bytes;
  const t = parseTranscript(text);
  const head = options.frontMatter && t.frontMatter ? text.slice(0, t.bodyStart) : '';
  return Buffer.from(head + t.stripped.text, 'utf8');
}
