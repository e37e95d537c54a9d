/**
 * Reading a zip archive into memory safely, for `axial import`: yauzl (a
 * maintained zip reader that checks each entry's declared sizes against what
 * it inflates) does the reading; this file refuses entry names that are
 * absolute or climb out with `..`, and caps the total uncompressed size so a
 * zip bomb is refused before it fills memory.
 */
import yauzl from 'yauzl';

/** A problem with the archive, said in one line. */
export class ZipError extends Error {}

/** The default cap on the total uncompressed size of an archive: 1 GiB. */
export const DEFAULT_MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;

/** Every file entry of the zip in `data`, by its path in the archive; a ZipError when it is not a zip, unsafe, or too large. */
export async function readZip(data: Buffer, maxBytes = DEFAULT_MAX_UNZIPPED_BYTES): Promise<Map<string, Uint8Array>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true });
  } catch (e) {
    throw new ZipError(`not a zip archive (${firstLine(e)})`);
  }
  const out = new Map<string, Uint8Array>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      zip.close();
      reject(e instanceof ZipError ? e : new ZipError(firstLine(e)));
    };
    zip.on('error', (e) => fail(/invalid relative path|absolute path/i.test(firstLine(e)) ? new ZipError(`unsafe entry name in the archive (${firstLine(e)}); nothing written`) : new ZipError(`damaged zip archive (${firstLine(e)})`)));
    zip.on('end', () => resolve(out));
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      // yauzl refuses absolute names and `..` itself; this also catches drive letters and what yauzl lets through without strict names.
      if (/^([a-zA-Z]:|[\\/])/.test(name) || name.split(/[\\/]/).includes('..')) return fail(new ZipError(`unsafe entry name in the archive: ${JSON.stringify(name)}`));
      if (name.endsWith('/')) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > maxBytes) return fail(new ZipError(`the archive unpacks to more than ${mb(maxBytes)} (a zip bomb?); refused`));
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(new ZipError(`damaged zip archive (${firstLine(err)})`));
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          // validateEntrySizes stops a lying header too, but only at the end: stop as soon as the cap is passed.
          if (total - entry.uncompressedSize + size > maxBytes) {
            stream.destroy();
            fail(new ZipError(`the archive unpacks to more than ${mb(maxBytes)} (a zip bomb?); refused`));
          } else chunks.push(c);
        });
        stream.on('error', (e) => fail(new ZipError(`damaged zip archive (${firstLine(e)})`)));
        stream.on('end', () => {
          out.set(name.replace(/\\/g, '/'), Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
