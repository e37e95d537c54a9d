import * as assert from 'node:assert/strict';
import bufferCrc32 from 'buffer-crc32';
import crc32, { signed, tableCrc32, unsigned } from '../../host/bufferCrc32';

/** The CRC-32 the zip writer gets in the bundles (esbuild.js aliases buffer-crc32) must equal buffer-crc32's own. */
describe('host/bufferCrc32: CRC-32 in place of buffer-crc32', () => {
  // Deterministic bytes of many lengths, including empty and odd ones.
  const samples: Buffer[] = [0, 1, 3, 7, 64, 1000, 65537].map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff)));

  it('gives the standard check value', () => {
    assert.equal(unsigned(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(tableCrc32(Buffer.from('123456789')), 0xcbf43926);
  });

  it('agrees with buffer-crc32 on every sample, natively and by table', () => {
    for (const b of samples) {
      assert.equal(unsigned(b), bufferCrc32.unsigned(b), `length ${b.length}`);
      assert.equal(tableCrc32(b), bufferCrc32.unsigned(b), `table, length ${b.length}`);
      assert.equal(signed(b), bufferCrc32.signed(b));
      assert.deepEqual(crc32(b), bufferCrc32(b));
    }
    assert.equal(unsigned('héllo'), bufferCrc32.unsigned('héllo'), 'a string counts as its UTF-8');
  });

  it('continues from a previous CRC as the zip writer streams chunks', () => {
    const whole = Buffer.concat(samples);
    let crc = 0;
    let byTable = 0;
    for (const b of samples) {
      crc = unsigned(b, crc);
      byTable = tableCrc32(b, byTable);
    }
    assert.equal(crc, bufferCrc32.unsigned(whole));
    assert.equal(byTable, bufferCrc32.unsigned(whole));
    assert.equal(unsigned(samples[6], bufferCrc32(samples[5])), bufferCrc32.unsigned(samples[6], bufferCrc32(samples[5])), 'a previous CRC given as its bytes');
  });
});
