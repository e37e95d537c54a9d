import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, LspClient, REPO } from './harness';

/** Git conflict markers through the real server: an error at each marker line, in transcripts and codebook.yaml. */
describe('language server: git conflict markers', function () {
  let dir: string;
  let client: LspClient;
  const markers = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'git.conflict-marker');

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  it('a conflicted transcript on disk gets one error per marker line, over the whole line', async () => {
    const file = path.join(dir, 'transcripts', 'conflicted.md');
    writeFileSync(file, 'P: before\r\n<<<<<<< HEAD\r\nP: {{yes}}{#trust}\r\n=======\r\nP: {{yes}}{#expertise}\r\n>>>>>>> coder-b\r\n');
    client = new LspClient(dir);
    await client.start();
    const ds = markers(await client.waitForDiagnostics(file, (d) => markers(d).length === 3));
    assert.deepEqual(
      ds.map((d) => [d.range, d.severity]),
      [
        [{ start: { line: 1, character: 0 }, end: { line: 1, character: 12 } }, 1],
        [{ start: { line: 3, character: 0 }, end: { line: 3, character: 7 } }, 1],
        [{ start: { line: 5, character: 0 }, end: { line: 5, character: 15 } }, 1],
      ],
    );
  });

  it('typing a conflict into an open transcript reports it; resolving it clears it', async () => {
    const file = path.join(dir, 'transcripts', 'patient.md');
    const text = readFileSync(file, 'utf8');
    client = new LspClient(dir);
    await client.start();
    client.open(file, text);
    client.change(file, 2, `<<<<<<< ours\n${text}=======\n>>>>>>> theirs\n`);
    await client.waitForDiagnostics(file, (d) => markers(d).length === 3);
    client.change(file, 3, text);
    await client.waitForDiagnostics(file, (d) => markers(d).length === 0);
  });

  it('codebook.yaml: the marker errors are published beside the YAML errors they cause', async () => {
    const codebook = path.join(dir, 'codebook.yaml');
    const text = readFileSync(codebook, 'utf8').replace('  expertise:\n', '<<<<<<< HEAD\n  expertise:\n=======\n  expert:\n>>>>>>> other\n');
    writeFileSync(codebook, text);
    client = new LspClient(dir);
    await client.start();
    const ds = await client.waitForDiagnostics(codebook, (d) => markers(d).length === 3);
    const lines = text.split('\n');
    assert.deepEqual(
      markers(ds).map((d) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)),
      ['<<<<<<< HEAD', '=======', '>>>>>>> other'],
    );
  });
});
