import * as assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import { StatusRequest, type StatusParams } from '../../common/protocol';
import { ProjectIndex } from '../../core';
import { CodebookGate } from '../../server/codebookGate';
import { registerFeatures } from '../../server/features';
import { Health } from '../../server/health';
import { StatusReporter } from '../../server/status';

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

/** The status request answers even when counting fails, and the failure shows as degraded. */
describe('server status request', () => {
  /** A connection that records request handlers and accepts every other registration. */
  function recordingConnection() {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const errors: string[] = [];
    const connection = new Proxy(
      {},
      {
        get: (_target, prop) => {
          if (prop === 'console') return { error: (m: string) => errors.push(m), log: () => undefined };
          if (prop === 'onRequest') return (type: { method: string }, handler: (...args: unknown[]) => unknown) => handlers.set(type.method, handler);
          return () => Promise.resolve();
        },
      },
    ) as unknown as Connection;
    return { connection, handlers, errors };
  }

  it('turns a throwing status computation into a degraded answer without counts', () => {
    const { connection, handlers, errors } = recordingConnection();
    const index = new ProjectIndex();
    index.projects = () => {
      throw new Error('counting failed');
    };
    const health = new Health(connection);
    const status = new StatusReporter(connection, index, health);
    status.indexing = false;
    registerFeatures(connection, index, health, status, new CodebookGate());
    const handler = handlers.get(StatusRequest.method);
    assert.ok(handler, 'the status request has a handler');
    const answer = handler() as StatusParams;
    assert.deepEqual(answer, { health: 'degraded', indexing: undefined, lastError: 'status: counting failed', projects: [] });
    assert.equal(health.state, 'degraded');
    assert.match(errors[0], /Axial: status failed: counting failed/);
  });

  it('answers the counts when they can be computed', () => {
    const { connection, handlers } = recordingConnection();
    const index = new ProjectIndex();
    const health = new Health(connection);
    const status = new StatusReporter(connection, index, health);
    registerFeatures(connection, index, health, status, new CodebookGate());
    assert.deepEqual(handlers.get(StatusRequest.method)!(), { health: 'ok', indexing: true, lastError: undefined, projects: [] });
  });
});
