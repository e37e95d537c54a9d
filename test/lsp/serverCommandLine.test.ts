import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SERVER } from './harness';

/** The bundled server started by hand, as someone setting up an editor might first try it. */
function server(args: string[]) {
  const r = spawnSync(process.execPath, [SERVER, ...args], { input: '', encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Without a transport the language library throws ("Connection input stream is
 * not set") with a stack trace. The server says how to start it instead, in one
 * line, and --help says it in full.
 */
describe('language server: its command line', () => {
  it('with no transport, one line on stderr that names --stdio, exit 2, no stack trace', () => {
    for (const args of [[], ['--bogus']]) {
      const r = server(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'axial language server: give a transport (--stdio, or --node-ipc, --socket=N, --pipe=NAME); editors start it as node server.js --stdio\n');
    }
  });

  it('--help says how to start it, on stdout, exit 0', () => {
    const r = server(['--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: node server\.js --stdio/);
    assert.equal(r.stderr, '');
  });

  it('--stdio with nothing on its input exits (1: no shutdown came) without a word on stdout', () => {
    const r = server(['--stdio']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
  });
});
