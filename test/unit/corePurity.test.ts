import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * core/ is Axial's pure library: the editor, the LSP connection, the file system
 * and processes stay out of it so the server, the client, the CLI and tests can
 * all use it. This test enforces that on every import in core/.
 */
const FORBIDDEN = /^(node:)?(vscode|vscode-languageserver.*|vscode-languageclient.*|vscode-jsonrpc.*|fs|fs\/promises|child_process|worker_threads|net|http|https|os|process)$/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? tsFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(source: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) specs.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return specs;
}

describe('core purity', () => {
  const coreDir = path.join(__dirname, '..', '..', 'core');
  const files = tsFiles(coreDir);

  it('finds the core sources', () => {
    assert.ok(files.length > 5, `expected core sources, found ${files.length}`);
  });

  it('no core file imports the editor, the LSP connection, fs or processes', () => {
    const offenders: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        if (FORBIDDEN.test(spec)) offenders.push(`${path.relative(coreDir, f)} imports '${spec}'`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('no core file reaches outside core/ except to npm packages', () => {
    const offenders: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(f), spec);
        if (!target.startsWith(coreDir)) offenders.push(`${path.relative(coreDir, f)} imports '${spec}'`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('the checker catches a forbidden import (self-test)', () => {
    assert.ok(importsOf(`import { readFileSync } from 'node:fs';`).some((s) => FORBIDDEN.test(s)));
    assert.ok(importsOf(`const cp = require('child_process');`).some((s) => FORBIDDEN.test(s)));
    assert.ok(importsOf(`import * as vscode from 'vscode';`).some((s) => FORBIDDEN.test(s)));
  });
});
