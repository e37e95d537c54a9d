/**
 * "Axial: New Project…" writes a starter project with the answers given, refuses to
 * overwrite, and writes nothing into a folder it may not write to.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { activateAxial, projectRoot, readProjectFile } from './helpers';

type Result = { written: vscode.Uri[] } | { refused: string } | { cancelled: true };

suite('New Project', () => {
  let folder: string;
  setup(async () => {
    await activateAxial();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'axial-new-project-'));
  });
  teardown(() => {
    spawnSync('chattr', ['-i', folder]);
    fs.chmodSync(folder, 0o755);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('asks for title, language and coders and writes codebook.yaml and transcripts/', async () => {
    // The questions, answered through the real window API (stubbed for the test's duration).
    const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox; showQuickPick: typeof vscode.window.showQuickPick };
    const saved = { input: window.showInputBox, pick: window.showQuickPick };
    const asked: string[] = [];
    const inputs = ['Seeking help after a diagnosis', 'CA Carolina Altimir; LN Lucía Núñez'];
    window.showInputBox = (async (o?: vscode.InputBoxOptions) => { asked.push(o?.prompt ?? ''); return inputs.shift(); }) as typeof window.showInputBox;
    window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      asked.push('language');
      return (await items).find((i) => i.label === 'es');
    }) as unknown as typeof window.showQuickPick;
    let result: Result;
    try {
      result = (await vscode.commands.executeCommand('axial.newProject', { folder, open: false })) as Result;
    } finally {
      window.showInputBox = saved.input;
      window.showQuickPick = saved.pick;
    }
    assert.equal(asked.length, 3, asked.join(' | '));
    assert.ok('written' in result, JSON.stringify(result));
    assert.deepEqual(result.written.map((u) => path.relative(folder, u.fsPath)).sort(), ['codebook.yaml', path.join('transcripts', 'sample-interview.md')]);
    const book = parseYaml(fs.readFileSync(path.join(folder, 'codebook.yaml'), 'utf8')) as { title: string; language: string; coders: Record<string, string> };
    assert.equal(book.title, 'Seeking help after a diagnosis');
    assert.equal(book.language, 'es');
    assert.deepEqual(book.coders, { CA: 'Carolina Altimir', LN: 'Lucía Núñez' });
  });

  test('refuses a folder that already has a codebook, and changes nothing', async () => {
    const before = readProjectFile('codebook.yaml');
    const result = (await vscode.commands.executeCommand('axial.newProject', { folder: projectRoot(), title: 'x', language: 'en', coders: '', open: false })) as Result;
    assert.ok('refused' in result && /already has codebook\.yaml/.test(result.refused), JSON.stringify(result));
    assert.equal(readProjectFile('codebook.yaml'), before);
    // A lone transcripts/sample-interview.md is not overwritten either.
    fs.mkdirSync(path.join(folder, 'transcripts'));
    fs.writeFileSync(path.join(folder, 'transcripts', 'sample-interview.md'), 'mine\n');
    const again = (await vscode.commands.executeCommand('axial.newProject', { folder, title: 'x', language: 'en', coders: '', open: false })) as Result;
    assert.ok('refused' in again, JSON.stringify(again));
    assert.deepEqual(fs.readdirSync(folder), ['transcripts']);
    assert.equal(fs.readFileSync(path.join(folder, 'transcripts', 'sample-interview.md'), 'utf8'), 'mine\n');
  });

  test('a folder without write permission gets a clear message and nothing is written', async () => {
    // root ignores permission bits; an immutable folder (chattr +i) refuses even root.
    fs.chmodSync(folder, 0o555);
    if (process.getuid?.() === 0 && spawnSync('chattr', ['+i', folder]).status !== 0) return;
    const result = (await vscode.commands.executeCommand('axial.newProject', { folder, title: 'x', language: 'en', coders: 'AB', open: false })) as Result;
    assert.ok('refused' in result, JSON.stringify(result));
    assert.match(result.refused, /cannot write to .*: permission denied\. Nothing was written/);
    assert.deepEqual(fs.readdirSync(folder), []);
  });
});
