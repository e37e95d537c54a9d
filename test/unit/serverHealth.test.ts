import * as assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import { Health } from '../../server/health';

/** A failing feature is logged, marks the server degraded, and answers empty; the next call works. */
describe('server health guard', () => {
  function fakeConnection() {
    const errors: string[] = [];
    const connection = { console: { error: (m: string) => errors.push(m) } } as unknown as Connection;
    return { connection, errors };
  }

  it('turns a throwing feature into its fallback, logs it and reports degraded', () => {
    const { connection, errors } = fakeConnection();
    const health = new Health(connection);
    let changes = 0;
    health.onChange = () => changes++;
    const result = health.guard('hover', null, () => {
      throw new Error('boom');
    });
    assert.equal(result, null);
    assert.equal(health.state, 'degraded');
    assert.equal(health.lastError, 'hover: boom');
    assert.equal(changes, 1);
    assert.match(errors[0], /Axial: hover failed: boom/);
    assert.deepEqual(health.guard('completion', [], () => [1, 2]), [1, 2], 'other features keep working');
  });

  it('guards async features the same way', async () => {
    const { connection, errors } = fakeConnection();
    const health = new Health(connection);
    const result = await health.guardAsync('scan', 'empty', async () => {
      throw new Error('disk gone');
    });
    assert.equal(result, 'empty');
    assert.equal(health.state, 'degraded');
    assert.equal(errors.length, 1);
  });
});
