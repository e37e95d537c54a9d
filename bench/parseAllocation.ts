/**
 * What one parse and check of a multi-megabyte line of markup allocates, garbage
 * included, and who allocates it: V8's sampling heap profiler counting objects
 * collected since, over the index's setFile and the published diagnostics. The
 * server's peak memory follows this (V8 grows its heap before it collects), not
 * only what the parse keeps. A benchmark: it reports, it never fails.
 *
 *   npx tsx bench/parseAllocation.ts [megabytes] [shape] [open|change]   (default 5 openers open)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { ProjectIndex } from '../core';
import { publishedDiagnostics } from '../server/diagnosticsPublisher';
import { MARKUP_LINE_SHAPES } from './markupLineShapes';

const mb = Number(process.argv[2] ?? 5);
const shape = process.argv[3] ?? 'openers';
const phase = process.argv[4] ?? 'open';

interface ProfileNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: ProfileNode[];
}

async function main(): Promise<void> {
  const root = 'file:///p';
  const fixture = path.join(__dirname, '..', 'test', 'fixtures', 'projects', 'mini');
  const index = new ProjectIndex();
  index.setFile(root + '/codebook.yaml', readFileSync(path.join(fixture, 'codebook.yaml'), 'utf8'));
  const text = 'P: {{x}}{#trust} ' + MARKUP_LINE_SHAPES[shape](mb) + '\nQ: {{x}}{#nope}\n';
  const uri = root + '/transcripts/huge.md';
  const publish = () => {
    const e = index.entry(uri)!;
    return JSON.stringify(publishedDiagnostics(e.diagnostics, e.transcript.lines)).length;
  };
  if (phase === 'change') {
    index.setFile(uri, text);
    publish();
  }
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const at = text.length >> 1;
  index.setFile(uri, phase === 'change' ? text.slice(0, at) + '}} ' + text.slice(at) : text);
  publish();
  const { profile } = await post<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling');
  // Self size per function (source lines are not mapped under tsx, so names only).
  const byFunction = new Map<string, number>();
  const stack = [profile.head];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const name = `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + n.selfSize);
    stack.push(...n.children);
  }
  let total = 0;
  for (const v of byFunction.values()) total += v;
  console.log(`${shape}, ${text.length.toLocaleString('en-US')} chars, ${phase}: ${(total / 1e6).toFixed(1)} MB allocated`);
  for (const [name, size] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(size / 1e6).toFixed(1).padStart(8)} MB  ${name}`);
}

void main();
