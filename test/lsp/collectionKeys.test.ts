import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cleanup, copyFixture, LspClient, REPO } from './harness';

/** A YAML key that is a list or map reaches the client as a diagnostic at the key, never as a log of Node warnings. */
describe('language server: collection keys in YAML', function () {
  let dir: string;
  let client: LspClient;
  const logs: string[] = [];

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    client = new LspClient(dir);
    client.conn.onNotification('window/logMessage', (m: { message: string }) => logs.push(m.message));
    await client.start();
    await client.waitFor('status', () => client.statuses.length > 0);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  it('front matter and codebook.yaml: front-matter.collection-key and codebook.collection-key at the key', async () => {
    const file = path.join(dir, 'transcripts', 'keys.md');
    for (let v = 1; v <= 20; v++) {
      if (v === 1) client.open(file, `---\ncase: ${v}\nattributes:\n  {x: 1}: 2\n---\nP: hi\n`);
      else client.change(file, v, `---\ncase: ${v}\nattributes:\n  {x: 1}: 2\n---\nP: hi\n`);
    }
    const [d] = await client.waitForDiagnostics(file, (ds) => ds.length === 1 && ds[0].code === 'front-matter.collection-key');
    assert.deepEqual(d.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } });

    const cb = path.join(dir, 'codebook.yaml');
    client.open(cb, 'version: 1\ncodes:\n  trust:\n    [x]: 1\n', 'yaml');
    const [c] = await client.waitForDiagnostics(cb, (ds) => ds.some((x) => x.code === 'codebook.collection-key'));
    assert.equal(c.code, 'codebook.collection-key');
    assert.deepEqual(c.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 7 } });
    assert.ok(!logs.some((l) => /stringified/.test(l)), logs.join('\n'));
    assert.doesNotMatch(client.stderr, /stringified/);
  });
});
