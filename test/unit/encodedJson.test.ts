import * as assert from 'node:assert/strict';
import type { Message } from 'vscode-languageserver/node';
import { EncodedAnswer, ENCODED_JSON, keepEncoded } from '../../server/encodedJson';

const encode = async (msg: unknown, charset: 'utf-8' | 'ascii' = 'utf-8') =>
  Buffer.from(await (ENCODED_JSON as { encode(m: Message, o: { charset: 'utf-8' | 'ascii' }): Promise<Uint8Array> }).encode(msg as Message, { charset })).toString('utf8');

/**
 * The stdio encoder that reuses the JSON of kept values: whatever it reuses, the
 * bytes parse to what JSON.stringify of the message would give.
 */
describe('answers with kept JSON', () => {
  const items = () => [{ label: 'trust', kind: 20, sortText: '0000001' }, { label: 'confianza → trust', textEditText: 'trust' }];

  it('a result object with a kept list: the same JSON, the list written from its kept bytes', async () => {
    const list = keepEncoded(items());
    const msg = { jsonrpc: '2.0', id: 7, result: { isIncomplete: false, itemDefaults: { editRange: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } }, data: 0 }, items: list } };
    const text = await encode(msg);
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(msg)));
    assert.ok(text.includes(JSON.stringify(list)), 'the kept bytes, verbatim');
  });

  it('the kept bytes are those of the value when it was kept: kept values must not change', async () => {
    const list = keepEncoded(items());
    list[0].label = 'changed';
    const text = await encode({ jsonrpc: '2.0', id: 1, result: { items: list } });
    assert.equal(JSON.parse(text).result.items[0].label, 'trust');
  });

  it('a kept result, a kept property first or last, properties without JSON left out, non-ASCII text', async () => {
    const list = keepEncoded(items());
    for (const result of [list, { items: list, note: 'ñandú 🦤' }, { a: undefined, items: list, f: () => 1 }, { items: list, other: list }]) {
      const msg = { jsonrpc: '2.0', id: 'x', result };
      assert.deepEqual(JSON.parse(await encode(msg)), JSON.parse(JSON.stringify(msg)));
    }
  });

  it('anything else is encoded as JSON.stringify does: requests, notifications, errors, plain results', async () => {
    const list = items();
    for (const msg of [
      { jsonrpc: '2.0', id: 1, method: 'x', params: { items: keepEncoded(items()) } },
      { jsonrpc: '2.0', method: 'n', params: [1] },
      { jsonrpc: '2.0', id: 2, error: { code: -1, message: 'no' } },
      { jsonrpc: '2.0', id: 3, result: null },
      { jsonrpc: '2.0', id: 4, result: { items: list } },
      { jsonrpc: '2.0', id: 5, result: [1, 2] },
      { jsonrpc: '2.0', id: 6, result: new Date(0) },
    ]) {
      assert.equal(await encode(msg), JSON.stringify(msg));
    }
  });

  it('an answer that brings its own JSON: its bytes on stdio, its value anywhere else', async () => {
    let built = 0;
    const answer = new EncodedAnswer(
      () => (built++, [{ label: 'a', textEdit: { newText: 'a' } }]),
      () => Buffer.from('[{"label":"a","textEdit":{"newText":"a"}}]'),
    );
    const msg = { jsonrpc: '2.0', id: 9, result: answer };
    assert.deepEqual(JSON.parse(await encode(msg)), { jsonrpc: '2.0', id: 9, result: [{ label: 'a', textEdit: { newText: 'a' } }] });
    assert.equal(built, 0, 'the value is not built when the bytes are written');
    assert.equal(JSON.stringify(msg), '{"jsonrpc":"2.0","id":9,"result":[{"label":"a","textEdit":{"newText":"a"}}]}');
    assert.equal(built, 1);
  });

  it('another charset than UTF-8: encoded whole, in that charset', async () => {
    const msg = { jsonrpc: '2.0', id: 1, result: { items: keepEncoded([{ label: 'a' }]) } };
    assert.equal(await encode(msg, 'ascii'), JSON.stringify(msg));
  });
});
