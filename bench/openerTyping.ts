/**
 * Typing `{{` before a word in a 20,000-line transcript, then deleting it, in process:
 * the project index's update (re-parse, validation, uses) and the conversion of its
 * diagnostics, as the server does on each keystroke (given the edit's place, as the
 * server knows it from the editor's change). The new span stays open to the
 * end of the file until deleted, which changes the nesting of everything after it.
 * Twice: with each version kept as the editor's pieces, as the server keeps an open
 * document, and with each version one string, as it did before (each a 5 MB copy).
 * Prints wall and CPU time (p50, p99) and how the re-parses went.
 *
 *   node scripts/run-bench.mjs openerTyping
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { PieceText, ProjectIndex, type KnownEdit } from '../core';
import { parseTranscript } from '../core/transcript/parse';
import { reparseStats } from '../core/transcript/reparse';
import { toDiagnostic } from '../server/convert';
import { generateProjectCodebook, generateProjectTranscript } from './project';
import { percentile } from './results';
import { wordStartsOutsideSpans, type Place } from './transcriptPlaces';

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

  measure('as the server keeps an open document (the editor\'s pieces, server/pieceDocument.ts)', text, t.spans.length, yaml, places, lineStarts, true);
  measure('each version one string (V8 copies a concatenation flat when it is first read)', text, t.spans.length, yaml, places, lineStarts, false);
}

/**
 * Types and deletes `{{` at each place; the server's path on each keystroke: the
 * index's update, given the edit as the server knows it from the editor's change
 * (server/knownEdits.ts), and the conversion of the diagnostics. With `pieces`, the
 * texts are PieceTexts, as the server's documents keep them; without, each version is
 * made as `before.slice(0, at) + '{{' + before.slice(at)` and handed over as a string.
 */
function measure(title: string, text: string, spanCount: number, yaml: string, places: Place[], lineStarts: number[], pieces: boolean): void {
  const index = new ProjectIndex();
  const uri = 'file:///bench/p/transcripts/long.md';
  index.setFile('file:///bench/p/codebook.yaml', yaml);
  index.setFile(uri, text);
  const wall: number[] = [];
  const cpu: number[] = [];
  const typed: number[] = [];
  const deleted: number[] = [];
  const before = { ...reparseStats };
  let current = PieceText.of(text);
  const update = (start: number, end: number, insert: string, measured: boolean, kind: number[]) => {
    const next = pieces ? current.edit(start, end, insert) : undefined;
    const nextText = next ? next.text : current.text.slice(0, start) + insert + current.text.slice(end);
    const edit: KnownEdit = { before: current.text, start, oldEnd: end, newEnd: start + insert.length, ...(next ? { readers: { before: current, after: next } } : {}) };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    index.setFile(uri, nextText, edit);
    const entry = index.entry(uri)!;
    const diagnostics = entry.diagnostics.map((d) => toDiagnostic(d, entry.transcript.lines));
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    current = next ?? PieceText.of(nextText);
    if (diagnostics.length < 0) console.log('unreachable');
    if (measured) {
      kind.push(ms);
      wall.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
  };
  places.forEach((p, i) => {
    const at = lineStarts[p.line] + p.character;
    update(at, at, '{{', i >= 10, typed);
    update(at, at + 2, '', i >= 10, deleted);
  });
  const f = (xs: number[], q: number) => percentile(xs, q).toFixed(2);
  console.log(`Typing {{ and deleting it in a ${LINES.toLocaleString('en-US')}-line transcript (${(text.length / 1e6).toFixed(1)} MB, ${spanCount} spans), in process — node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(`  ${title}`);
  console.log(`  wall p50 ${f(wall, 0.5)} ms, p99 ${f(wall, 0.99)} ms, max ${f(wall, 1)} ms`);
  console.log(`  CPU  p50 ${f(cpu, 0.5)} ms, p99 ${f(cpu, 0.99)} ms`);
  console.log(`  wall p50 typing ${f(typed, 0.5)} ms, deleting ${f(deleted, 0.5)} ms`);
  console.log(`  re-parses: ${reparseStats.incremental - before.incremental} incremental (${(reparseStats.openBelow ?? 0) - (before.openBelow ?? 0)} synced with spans open below), ${reparseStats.full - before.full} full`);
}

main();
