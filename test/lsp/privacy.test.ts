/**
 * Nothing leaves the machine: the bundled CLI (`axial check` on the example) and
 * the bundled server (initialize, open a transcript, diagnostics, hover,
 * completion, the tree) run with outbound connections impossible and must work
 * and try nothing.
 *
 * Two guards at once: the processes run in a network namespace without interfaces
 * (`unshare -n`, when the machine allows it: as root, as in CI), and a preload
 * (privacy/netTrap.cjs) records every connect, DNS lookup, HTTP request and fetch
 * to a file that must stay empty. Without `unshare` the trap alone runs, and the
 * test says so.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, REPO, SERVER, uriOf } from './harness';

const TRAP = path.join(__dirname, 'privacy', 'netTrap.cjs');
const CLI = path.join(REPO, 'dist', 'cli.js');
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');

/** True when this machine can put a process in a network namespace of its own. */
const UNSHARE = spawnSync('unshare', ['-n', 'true']).status === 0;

/** The command line that runs `node args…` offline and trapped. */
function offline(args: string[]): [string, string[]] {
  const node = [process.execPath, '--require', TRAP, ...args];
  return UNSHARE ? ['unshare', ['-n', ...node]] : [node[0], node.slice(1)];
}

function attempts(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

describe('privacy: nothing leaves the machine', function () {
  this.timeout(60_000);
  let dir: string;
  let log: string;

  before(() => {
    if (!UNSHARE) console.log('      (unshare -n is not available here: checking with the connection trap only)');
    assert.ok(existsSync(CLI) && existsSync(SERVER), 'run `npm run build` first');
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-privacy-'));
    log = path.join(dir, 'attempts.jsonl');
  });

  afterEach(() => cleanup(dir));

  it('the manifest declares full support of untrusted (Restricted Mode) workspaces: Axial runs no workspace code', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces, { supported: true });
  });

  it('the trap records a connection attempt (so an empty record means something)', () => {
    const script = "require('net').connect(80, 'example.com').on('error', () => {}); require('dns').lookup('example.org', () => {});";
    const [cmd, args] = offline(['-e', script]);
    const r = spawnSync(cmd, args, { env: { ...process.env, AXIAL_NET_TRAP: log }, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr);
    const got = attempts(log).map((l) => JSON.parse(l).what);
    assert.ok(got.includes('net.connect'), got.join(', '));
    assert.ok(got.includes('dns.lookup'), got.join(', '));
  });

  if (UNSHARE) {
    it('the namespace has no way out (a connection to a public address fails at once)', () => {
      const script = "require('net').connect(53, '1.1.1.1').on('error', (e) => { console.log(e.code); process.exit(0); }).on('connect', () => { console.log('connected'); process.exit(1); });";
      const r = spawnSync('unshare', ['-n', process.execPath, '-e', script], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /ENETUNREACH|EHOSTUNREACH|ENETDOWN/);
    });
  }

  it('`axial check` validates the example offline and tries no connection', () => {
    const [cmd, args] = offline([CLI, 'check', EXAMPLE]);
    const r = spawnSync(cmd, args, { env: { ...process.env, AXIAL_NET_TRAP: log, NO_COLOR: '1' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /1 project, 7 transcripts: 0 errors, 0 warnings/);
    assert.deepEqual(attempts(log), []);
  });

  it('the server answers initialize, diagnostics, hover, completion and the tree offline and tries no connection', async () => {
    const project = copyFixture(EXAMPLE);
    const [cmd, args] = offline([SERVER, '--stdio']);
    const proc: ChildProcess = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, AXIAL_NET_TRAP: log } });
    let stderr = '';
    proc.stderr!.on('data', (d) => (stderr += String(d)));
    const conn: MessageConnection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const diagnostics = new Map<string, Diagnostic[]>();
    let wake = () => {};
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      diagnostics.set(p.uri, p.diagnostics);
      wake();
    });
    conn.onNotification(() => wake());
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', () => []);
    conn.listen();
    try {
      const init = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: uriOf(project),
        workspaceFolders: [{ uri: uriOf(project), name: 'example' }],
        capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } },
      })) as { capabilities: object };
      assert.ok(init.capabilities);
      await conn.sendNotification('initialized', {});

      // A transcript with an unknown code: the server must publish that diagnostic.
      const file = path.join(project, 'transcripts', 'case-a-child.md');
      const text = readFileSync(file, 'utf8').replace('{#playful-affection}', '{#no-such-code}');
      writeFileSync(file, text);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'axial-transcript', version: 1, text } });
      const deadline = Date.now() + 20_000;
      while (!diagnostics.get(uriOf(file))?.some((d) => d.code === 'code.unknown')) {
        if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`no code.unknown diagnostic\nserver stderr:\n${stderr}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 500);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }

      // Hover on a tag of a known code answers with its codebook entry.
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('{#motivation-and-openness'));
      const character = lines[line].indexOf('#motivation-and-openness') + 2;
      const hover = (await conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: { line, character } })) as Hover | null;
      assert.ok(hover && JSON.stringify(hover.contents).includes('motivation'), JSON.stringify(hover));
      const completion = (await conn.sendRequest('textDocument/completion', { textDocument: { uri: uriOf(file) }, position: { line, character } })) as unknown[] | { items: unknown[] };
      assert.ok((Array.isArray(completion) ? completion : completion.items).length > 0, 'completion offers codes');
      const tree = (await conn.sendRequest('axial/tree/children', {})) as unknown[];
      assert.ok(Array.isArray(tree) && tree.length > 0, 'the tree has a top level');

      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      void conn.sendNotification('exit');
      await new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', () => resolve())));
    } finally {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      conn.dispose();
      rmSync(project, { recursive: true, force: true });
    }
    assert.deepEqual(attempts(log), [], 'the server tried to reach the network');
  });
});
