import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from './gitScratch';

/** A transcript of `lines` speaker turns, about 60 bytes each. */
function bigTranscript(lines: number): string {
  let s = '---\ncoder: LN\n---\n';
  for (let i = 0; i < lines; i++) s += i % 2 ? `I: Question number ${i}, about the sessions?\n` : `P: Answer ${i}: I trusted her more each week.\n`;
  return s;
}

describe('atomic writes', function () {
  this.timeout(240000);

  it('SIGKILL while axial merge writes a large result leaves <ours> old or new, never partial', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-atomic-'));
    try {
      const base = bigTranscript(120000);
      const ours = base.replace('Answer 0:', '{{Answer 0:}}{#first}');
      const theirs = base.replace('Answer 119998:', '{{Answer 119998:}}{#last @CA}');
      const [b, o, t] = ['b.md', 'o.md', 't.md'].map((f) => path.join(dir, f));
      writeFileSync(b, base);
      writeFileSync(t, theirs);
      const expected = spawnSync(process.execPath, [CLI, 'merge', '--stdout', b, b, t], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.equal(expected.status, 0);
      writeFileSync(o, ours);
      const merged = spawnSync(process.execPath, [CLI, 'merge', '--stdout', b, o, t], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
      assert.ok(merged.length > 5_000_000 && merged !== ours);

      let midWrite = 0;
      let attempts = 0;
      while (attempts < 40 && midWrite < 3) {
        attempts++;
        writeFileSync(o, ours);
        const child = spawn(process.execPath, [CLI, 'merge', b, o, t], { stdio: 'ignore' });
        const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
        let done = false;
        void exited.then(() => (done = true));
        // Kill the moment the write is under way: a temporary file beside <ours>
        // appears, or (were the write not atomic) <ours> itself changes size.
        const oldSize = Buffer.byteLength(ours);
        for (;;) {
          if (readdirSync(dir).some((f) => f.startsWith('o.md.')) || statSync(o).size !== oldSize) {
            child.kill('SIGKILL');
            midWrite++;
            break;
          }
          if (done) break;
          await new Promise((r) => setImmediate(r));
        }
        await exited;
        const now = readFileSync(o, 'utf8');
        assert.ok(now === ours || now === merged, `attempt ${attempts}: <ours> holds ${now.length} characters, neither the old ${ours.length} nor the new ${merged.length}`);
        for (const f of readdirSync(dir)) if (f.startsWith('o.md.')) unlinkSync(path.join(dir, f));
      }
      assert.ok(midWrite > 0, `never caught a write under way in ${attempts} attempts`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
