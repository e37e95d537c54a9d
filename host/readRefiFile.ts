/**
 * Reads a REFI-QDA file from disk for the importer: a `.qdpx` archive (its
 * project XML, wherever it is and whatever it is called, its other entries, and
 * the text of its `.docx` entries), or a bare `.qde` or `.qdc` XML file.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeText, type RefiImportInput } from '../core/refi';
import { docxText } from './docxText';
import { readZip, ZipError } from './readZip';

/** The file as the importer takes it; a ZipError (one line) when it cannot be. */
export async function readRefiFile(file: string, maxBytes?: number): Promise<RefiImportInput> {
  const ext = path.extname(file).toLowerCase();
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw new ZipError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (ext !== '.qdpx') return { kind: ext === '.qdc' ? 'qdc' : 'qde', xml: decodeText(data), xmlName: path.basename(file) };
  let entries: Map<string, Uint8Array>;
  try {
    entries = await readZip(data, maxBytes);
  } catch (e) {
    if (e instanceof ZipError && /^not a zip/.test(e.message)) throw new ZipError(`${path.basename(file)} is not a REFI-QDA project: ${e.message}`);
    throw e;
  }
  const qde = projectEntry([...entries.keys()]);
  if (qde === undefined) throw new ZipError(`${path.basename(file)} is not a REFI-QDA project: the archive holds no .qde project file`);
  const docx = new Map<string, string>();
  for (const [name, bytes] of entries) {
    if (!name.toLowerCase().endsWith('.docx')) continue;
    const text = await docxText(bytes);
    if (text !== undefined) docx.set(name, text);
  }
  const xml = decodeText(entries.get(qde)!);
  entries.delete(qde);
  return { kind: 'qdpx', xml, xmlName: qde, entries, docxText: docx };
}

/** The project XML of an archive: `project.qde` at the top, else the one `.qde` at the top, else the one `.qde` anywhere. */
function projectEntry(names: string[]): string | undefined {
  const qde = names.filter((n) => n.toLowerCase().endsWith('.qde'));
  const top = qde.filter((n) => !n.includes('/'));
  return top.find((n) => n.toLowerCase() === 'project.qde') ?? (top.length === 1 ? top[0] : undefined) ?? (qde.length === 1 ? qde[0] : undefined);
}
