import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The import rules of `npm run lint` (.dependency-cruiser.js) catch what they
 * promise: test/fixtures/lint breaks each rule once, and the real dependency-cruiser
 * must report exactly those breaks. (The lint stage itself checks the real code.)
 */
describe('lint rules (dependency-cruiser)', function () {
  this.timeout(60000);
  const repo = path.join(__dirname, '..', '..');
  const fixture = path.join(repo, 'test', 'fixtures', 'lint');

  function violations(): string[] {
    const bin = path.join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    let out: string;
    try {
      out = execFileSync(process.execPath, [bin, 'core', 'server', 'client', 'common', '--config', path.join(repo, '.dependency-cruiser.js'), '-T', 'json'], {
        cwd: fixture,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      // depcruise exits non-zero when it finds violations; the report is still on stdout.
      out = (err as { stdout: string }).stdout;
    }
    const report = JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^(\.\.\/)+/, '')}`).sort();
  }

  it('reports each deliberately broken rule, and nothing else', () => {
    assert.deepEqual(violations(), [
      'client-not-server: client/deep.ts -> server/handler.ts',
      'common-types-only: common/runtime.ts -> core/features/thing.ts',
      'core-layer-analysis: core/analysis/peer.ts -> core/tree/index.ts',
      'core-layer-project: core/project/upward.ts -> core/features/thing.ts',
      'core-pure-editor: core/text/impure.ts -> node_modules/@types/vscode/index.d.ts',
      'core-pure-editor: core/text/impure.ts -> node_modules/vscode-languageclient/node.js',
      'core-pure-node: core/text/impure.ts -> fs',
      'core-self-contained: core/server.ts -> server/handler.ts',
      'core-through-entries: client/deep.ts -> core/analysis/a.ts',
      'core-through-entries: common/runtime.ts -> core/features/thing.ts',
      'core-through-entries: server/handler.ts -> core/server.ts',
      'no-circular: core/analysis/a.ts -> core/analysis/b.ts',
      'no-circular: core/server.ts -> server/handler.ts',
    ]);
  });
});
