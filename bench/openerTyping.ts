/**
 * Typing `{{` before a word in a 20,000-line transcript, then deleting it, in process:
 * the project index's update (re-parse, validation, uses) and the conversion of its
 * diagnostics, as the server does on each keystroke (given the edit's place, as the
 * server knows it from the editor's change). The new span stays open to the
 * end of the file until deleted, which changes the nesting of everything after it.
 * Prints wall and CPU time (p50, p99) and how the re-parses went.
 *
 *   node scripts/run-bench.mjs openerTyping
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ProjectIndex, type KnownEdit } from '../core';
import { parseTranscript } from '../core/transcript/parse';
import { reparseStats } from '../core/transcript/reparse';
import { toDiagnostic } from '../server/convert';
import { generateProjectCodebook, generateProjectTranscript } from './project';
import { percentile } from './results';
import { wordStartsOutsideSpans } from './transcriptPlaces';

const LINES = 20000;
const PAIRS = 100;

function main(): void {
  const { yaml, codes } = generateProjectCodebook(500, 1);
  const whole = generateProjectTranscript(9999, codes, { seed: 1, turns: 2 * LINES }).text.split('\n');
  let end = LINES;
  while (end < whole.length && !whole[end].startsWith('I: ')) end++;
  const text = whole.slice(0, end).join('\n') + '\n';
  const t = parseTranscript(text);
  const places = wordStartsOutsideSpans(text, t.spans, t.bodyStart, PAIRS + 10, 1);
  const lineStarts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);

  const index = new ProjectIndex();
  const uri = 'file:///bench/p/transcripts/long.md';
  index.setFile('file:///bench/p/codebook.yaml', yaml);
  index.setFile(uri, text);
  const wall: number[] = [];
  const cpu: number[] = [];
  // Typing gives a new text made by concatenation, which V8 copies flat when it is first
  // read (5 MB here); deleting gives back the original text, flat already: apart, the two
  // show what that copy costs.
  const typed: number[] = [];
  const deleted: number[] = [];
  const before = { ...reparseStats };
  let current = text;
  // The edit as the server knows it from the editor's change (server/knownEdits.ts).
  const update = (next: string, edit: KnownEdit, measured: boolean, kind?: number[]) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    index.setFile(uri, next, edit);
    current = next;
    const entry = index.entry(uri)!;
    const diagnostics = entry.diagnostics.map((d) => toDiagnostic(d, entry.transcript.lines));
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (diagnostics.length < 0) console.log('unreachable');
    if (measured) {
      kind?.push(ms);
      wall.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
  };
  places.forEach((p, i) => {
    const at = lineStarts[p.line] + p.character;
    update(text.slice(0, at) + '{{' + text.slice(at), { before: current, start: at, oldEnd: at, newEnd: at + 2 }, i >= 10, typed);
    update(text, { before: current, start: at, oldEnd: at + 2, newEnd: at }, i >= 10, deleted);
  });
  const f = (xs: number[], q: number) => percentile(xs, q).toFixed(2);
  console.log(`Typing {{ and deleting it in a ${LINES.toLocaleString('en-US')}-line transcript (${(text.length / 1e6).toFixed(1)} MB, ${t.spans.length} spans), in process — node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(`  wall p50 ${f(wall, 0.5)} ms, p99 ${f(wall, 0.99)} ms, max ${f(wall, 1)} ms`);
  console.log(`  CPU  p50 ${f(cpu, 0.5)} ms, p99 ${f(cpu, 0.99)} ms`);
  console.log(`  wall p50 typing ${f(typed, 0.5)} ms (the new text copied flat on first read), deleting ${f(deleted, 0.5)} ms (the original text, flat)`);
  console.log(`  re-parses: ${reparseStats.incremental - before.incremental} incremental (${(reparseStats.openBelow ?? 0) - (before.openBelow ?? 0)} synced with spans open below), ${reparseStats.full - before.full} full`);
}

main();
