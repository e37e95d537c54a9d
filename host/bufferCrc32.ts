/**
 * CRC-32 for the zip writer (yazl), in place of the `buffer-crc32` package it
 * requires: esbuild.js aliases `buffer-crc32` to this file in the bundles.
 * buffer-crc32 computes in JavaScript a byte at a time, a third of an export's
 * time on a large project; Node's zlib.crc32 (Node 20.15 and later, 22.2 and
 * later) does the same in C. On an older Node the table below does the work,
 * as buffer-crc32 did. Same values either way (ZIP's CRC-32, IEEE 802.3).
 */
import * as zlib from 'node:zlib';

type Crc32Fn = (data: Buffer | string, value?: number) => number;

/** Node's own CRC-32 when this Node has it. */
const native: Crc32Fn | undefined = typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib as unknown as { crc32: Crc32Fn }).crc32 : undefined;

let table: Int32Array | undefined;

/** The CRC-32 of `buf` continuing from `previous` (the CRC of the bytes before it), table-driven. */
export function tableCrc32(buf: Uint8Array, previous = 0): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = ~previous;
  for (let i = 0; i < buf.length; i++) crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** A previous CRC as buffer-crc32 accepts it: a number, or its 4 bytes big-endian. */
function previousOf(previous?: number | Buffer): number {
  if (previous === undefined) return 0;
  return typeof previous === 'number' ? previous >>> 0 : previous.readUInt32BE(0);
}

/** buffer-crc32's `unsigned`: the CRC-32 of `buf` (continuing from `previous`) as an unsigned number. */
export function unsigned(buf: Buffer | string, previous?: number | Buffer): number {
  const data = typeof buf === 'string' ? Buffer.from(buf) : buf;
  return native ? native(data, previousOf(previous)) >>> 0 : tableCrc32(data, previousOf(previous));
}

/** buffer-crc32's `signed`: the same CRC as a signed 32-bit number. */
export function signed(buf: Buffer | string, previous?: number | Buffer): number {
  return unsigned(buf, previous) | 0;
}

/** buffer-crc32's default export: the CRC as 4 bytes, big-endian. */
export default function crc32(buf: Buffer | string, previous?: number | Buffer): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(unsigned(buf, previous), 0);
  return out;
}
