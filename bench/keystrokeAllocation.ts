/**
 * What one keystroke allocates in the index: a sampling heap profile (V8's, through
 * the inspector) of one-character edits and of `{{` typed and deleted in a transcript
 * of the generated project, as the server applies them (the document's new text, then
 * ProjectIndex.setFile). Every byte allocated is a byte the young generation fills,
 * and a collection that a request typed right after may wait behind. Prints KB per
 * edit by function and the call chains of the largest. Never fails.
 *
 *   node scripts/run-bench.mjs keystrokeAllocation [--transcripts 50] [--edits 100]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ProjectIndex } from '../core';
import { writeProject } from './project';

const { values } = parseArgs({ options: { transcripts: { type: 'string' }, edits: { type: 'string' }, small: { type: 'boolean' } } });
const small = values.small === true || !!process.env.AXIAL_BENCH_SMALL;
const TRANSCRIPTS = Number(values.transcripts ?? (small ? 5 : 50));
const EDITS = Number(values.edits ?? (small ? 10 : 100));

/** A node of V8's sampling heap profile. */
interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-keystroke-'));
  try {
    writeProject(dir, { transcripts: TRANSCRIPTS, seed: 1, codes: small ? 200 : 500 });
    const index = new ProjectIndex();
    index.setFile(URI.file(path.join(dir, 'codebook.yaml')).toString(), readFileSync(path.join(dir, 'codebook.yaml'), 'utf8'));
    for (const f of readdirSync(path.join(dir, 'transcripts'))) {
      index.setFile(URI.file(path.join(dir, 'transcripts', f)).toString(), readFileSync(path.join(dir, 'transcripts', f), 'utf8'));
    }
    const file = path.join(dir, 'transcripts', 'case-0003.md');
    const uri = URI.file(file).toString();
    // As the suite types: an unknown code at the end, edits in the middle line.
    const text = readFileSync(file, 'utf8') + 'P: {{one more}}{#no-such-code}\n';
    let doc = TextDocument.create(uri, 'axial-transcript', 1, text);
    index.setFile(uri, text);
    const mid = Math.floor(doc.lineCount / 2);
    console.log(`a transcript of ${text.length.toLocaleString('en-US')} characters, ${doc.lineCount} lines, in a project of ${TRANSCRIPTS} transcripts; ${EDITS} edits each`);

    const session = new Session();
    session.connect();
    const post = <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
    await post('HeapProfiler.enable');
    for (const [name, insert] of [
      ['one character typed and deleted', 'x'],
      ['{{ typed and deleted', '{{'],
    ] as const) {
      const edit = (i: number) => {
        const del = i % 2 === 1;
        const range = { start: { line: mid, character: 3 }, end: { line: mid, character: del ? 3 + insert.length : 3 } };
        doc = TextDocument.update(doc, [{ range, text: del ? '' : insert }], doc.version + 1);
        index.setFile(uri, doc.getText());
      };
      for (let i = 0; i < 10; i++) edit(i);
      await post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      for (let i = 0; i < EDITS; i++) edit(i);
      const { profile } = await post<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling');
      report(name, profile.head);
    }
    session.disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** KB an edit by function, and the callers of the largest. */
function report(name: string, head: ProfileNode): void {
  const byFunction = new Map<string, number>();
  const chains = new Map<string, Map<string, number>>();
  const walk = (n: ProfileNode, callers: string[]) => {
    // Names only: line numbers would be the bundle's.
    const fn = `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.url ? '' : ' (native)'}`;
    if (n.selfSize > 0) {
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + n.selfSize);
      const chain = callers.slice(0, 4).join(' ← ');
      const m = chains.get(fn) ?? new Map<string, number>();
      m.set(chain, (m.get(chain) ?? 0) + n.selfSize);
      chains.set(fn, m);
    }
    for (const c of n.children) walk(c, [n.callFrame.functionName || '(anonymous)', ...callers]);
  };
  walk(head, []);
  const kb = (bytes: number) => `${(bytes / EDITS / 1024).toFixed(1).padStart(6)} KB`;
  const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${name}: ${kb(total).trim()} an edit (sampled)`);
  for (const [fn, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    const [chain] = [...chains.get(fn)!].sort((a, b) => b[1] - a[1]);
    console.log(`  ${kb(bytes)}  ${fn}  ← ${chain[0]}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
