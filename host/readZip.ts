/**
 * Reading a zip archive into memory safely, for `axial import`: yauzl (a
 * maintained zip reader) reads the directory and each entry's data; this file
 * refuses entry names that are absolute or climb out with `..`, caps the total
 * uncompressed size so a zip bomb is refused before it fills memory, and
 * inflates each entry with Node's zlib to no more than its declared size.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';

const inflateRaw = promisify(zlib.inflateRaw) as (buf: Buffer, opts: zlib.ZlibOptions) => Promise<Buffer>;

/** A problem with the archive, said in one line. */
export class ZipError extends Error {}

/** The default cap on the total uncompressed size of an archive: 1 GiB. */
export const DEFAULT_MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

/** Entries inflated at once: enough to keep libuv's four threads (and both cores) busy. */
const INFLATE_CONCURRENCY = 8;

/**
 * Every file entry of the zip in `data`, by its path in the archive; a ZipError
 * when it is not a zip, unsafe, or too large. The names and declared sizes are
 * checked first, from the central directory; then the entries are inflated
 * several at a time in zlib's thread pool, each in one call and never past its
 * declared size (a header that lies about it is a damaged archive), so a large
 * project unpacks on both cores instead of through one stream after another.
 */
export async function readZip(data: Buffer, maxBytes = DEFAULT_MAX_UNZIPPED_BYTES): Promise<Map<string, Uint8Array>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true });
  } catch (e) {
    throw new ZipError(`not a zip archive (${firstLine(e)})`);
  }
  try {
    const entries = await listEntries(zip, maxBytes);
    const out = new Map<string, Uint8Array>();
    const bytes: Uint8Array[] = new Array(entries.length);
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const i = next++;
        bytes[i] = await entryBytes(zip, entries[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(INFLATE_CONCURRENCY, entries.length) }, worker));
    entries.forEach((e, i) => out.set(e.fileName.replace(/\\/g, '/'), bytes[i]));
    return out;
  } finally {
    zip.close();
  }
}

/** The file entries, in archive order, after checking every name and the total declared size. */
function listEntries(zip: yauzl.ZipFile, maxBytes: number): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  let total = 0;
  return new Promise((resolve, reject) => {
    zip.on('error', (e) => reject(/invalid relative path|absolute path/i.test(firstLine(e)) ? new ZipError(`unsafe entry name in the archive (${firstLine(e)}); nothing written`) : new ZipError(`damaged zip archive (${firstLine(e)})`)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      // yauzl refuses absolute names and `..` itself; this also catches drive letters and what yauzl lets through without strict names.
      if (/^([a-zA-Z]:|[\\/])/.test(name) || name.split(/[\\/]/).includes('..')) return reject(new ZipError(`unsafe entry name in the archive: ${JSON.stringify(name)}`));
      if (!name.endsWith('/')) {
        total += entry.uncompressedSize;
        if (total > maxBytes) return reject(new ZipError(`the archive unpacks to more than ${mb(maxBytes)} (a zip bomb?); refused`));
        if (entry.isEncrypted()) return reject(new ZipError(`an encrypted zip archive (${JSON.stringify(name)}); refused`));
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return reject(new ZipError(`damaged zip archive (unsupported compression method ${entry.compressionMethod} in ${JSON.stringify(name)})`));
        entries.push(entry);
      }
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** One entry's bytes: its stored data as is, or inflated to exactly its declared size. */
async function entryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Uint8Array> {
  const raw = await new Promise<Buffer>((resolve, reject) => {
    zip.openReadStream(entry, { decompress: false }, (err, stream) => {
      if (err || !stream) return reject(new ZipError(`damaged zip archive (${firstLine(err)})`));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e) => reject(new ZipError(`damaged zip archive (${firstLine(e)})`)));
      stream.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    });
  });
  const size = entry.uncompressedSize;
  const damaged = (why: string) => new ZipError(`damaged zip archive (${JSON.stringify(entry.fileName)} ${why})`);
  if (entry.compressionMethod === 0) {
    if (raw.length !== size) throw damaged(`holds ${raw.length} bytes, not the ${size} it declares`);
    return raw;
  }
  if (size === 0) return new Uint8Array(0);
  let out: Buffer;
  try {
    // Never more than the declared size: the cap was checked against the declared sizes.
    out = await inflateRaw(raw, { maxOutputLength: size });
  } catch (e) {
    throw damaged(/larger than|ERR_BUFFER_TOO_LARGE/i.test(`${(e as NodeJS.ErrnoException).code} ${firstLine(e)}`) ? `unpacks to more than the ${size} bytes it declares` : `does not inflate (${firstLine(e)})`);
  }
  if (out.length !== size) throw damaged(`unpacks to ${out.length} bytes, not the ${size} it declares`);
  return out;
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
