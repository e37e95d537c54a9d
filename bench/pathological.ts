/**
 * Pathological transcripts at n, 2n, 4n and 8n: parse, check (the index's setFile:
 * parse and validate) and a keystroke in the middle (incremental re-parse and
 * validation, the server's per-keystroke path), and the outline. Each line prints
 * the time and its ratio to the previous size: about 2 per doubling is linear, 4
 * quadratic. Then the heap one parse keeps on hostile lines (`{{a` repeated: a
 * span and a run of stripped text per three characters). A benchmark, not a
 * test: it reports, it never fails.
 *
 *   node scripts/run-bench.mjs pathological [--heap-only]
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { documentSymbols, parseTranscript, ProjectIndex } from '../core';
import { toDiagnostic } from '../server/convert';
import { stats } from './report';

interface Shape {
  name: string;
  n: number;
  make: (n: number) => string;
}

const speakersDoc = (n: number) =>
  `---\nspeakers:\n${Array.from({ length: n }, (_, i) => `  S${i}: role ${i}`).join('\n')}\n---\n` +
  Array.from({ length: n }, (_, i) => `S${i}: hello {{there}}{#a}\n`).join('');

const SHAPES: Shape[] = [
  { name: "closers run  'P: ' + '}}' * n", n: 16384, make: (n) => 'P: ' + '}}'.repeat(n) },
  { name: "nested, CR   '{{a\\r' * n + '}}{#a}\\r' * n", n: 6250, make: (n) => 'P: ' + '{{a\r'.repeat(n) + '}}{#a}\r'.repeat(n) },
  { name: "nested, LF   '{{a\\n' * n + '}}{#a}\\n' * n", n: 6250, make: (n) => 'P: ' + '{{a\n'.repeat(n) + '}}{#a}\n'.repeat(n) },
  { name: 'n speakers, n turns', n: 1250, make: speakersDoc },
  { name: "plain lines 'Pk: words {{span}}{#a} words\\n' * n", n: 28125, make: (n) => Array.from({ length: n }, (_, i) => `P${i % 7}: some words {{there we go}}{#a} again\n`).join('') },
];

const CODEBOOK = 'codes:\n  a:\n    examples: ["a a", "there"]\n';

/** Best of `runs` timings of fn (a fresh input each run), in ms. */
function best(runs: number, fn: () => void): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return Math.min(...samples);
}

function measure(text: string): Record<string, number> {
  const uri = 'file:///bench/p/transcripts/t.md';
  const parse = best(5, () => parseTranscript(text));
  let index = new ProjectIndex();
  const check = best(3, () => {
    index = new ProjectIndex();
    index.setFile('file:///bench/p/codebook.yaml', CODEBOOK);
    index.setFile(uri, text);
    index.codebookDiagnostics(index.projects()[0]);
  });
  // Keystrokes: insert and delete one character in the middle; the server's path is
  // this re-parse and check plus converting the diagnostics it publishes.
  const mid = text.length >> 1;
  const edited = text.slice(0, mid) + 'x' + text.slice(mid);
  const keys: number[] = [];
  for (let i = 0; i < 6; i++) {
    const next = i % 2 === 0 ? edited : text;
    const t0 = performance.now();
    index.setFile(uri, next);
    const entry = index.entry(uri)!;
    entry.diagnostics.map((d) => toDiagnostic(d, entry.transcript.lines));
    keys.push(performance.now() - t0);
  }
  const outline = best(2, () => documentSymbols(index, uri));
  return { parse, check, keystroke: stats(keys).median, outline };
}

/** Hostile lines for the heap a parse keeps. */
const HEAP_SHAPES: Shape[] = [
  { name: "openers      'P: ' + '{{a' * n", n: 100000, make: (n) => 'P: ' + '{{a'.repeat(n) },
  { name: "escapes      'P: ' + 'a\\{' * n", n: 100000, make: (n) => 'P: ' + 'a\\{'.repeat(n) },
];

/** Bytes of heap (and typed arrays' memory) kept by parsing `text`, after full collections. */
function heapKept(text: string, gc: () => void): { heap: number; buffers: number } {
  // Twice: a typed array's memory is given back only after the collection that finds it dead.
  gc();
  gc();
  const before = process.memoryUsage();
  const t = parseTranscript(text);
  gc();
  gc();
  const after = process.memoryUsage();
  // Read after measuring, so the parse is alive (kept) when the heap is measured.
  if (t.text !== text) throw new Error('unreachable');
  return { heap: after.heapUsed - before.heapUsed, buffers: after.arrayBuffers - before.arrayBuffers };
}

function heapSection(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  console.log('\nHeap kept by one parse (MB; bytes per input character)');
  for (const shape of HEAP_SHAPES) {
    console.log(`\n${shape.name}`);
    for (const k of [1, 2, 4, 8]) {
      const n = shape.n * k;
      const text = shape.make(n);
      const { heap, buffers } = heapKept(text, gc);
      const total = heap + buffers;
      console.log(
        `  n=${String(n).padEnd(7)} ${(text.length / 1e6).toFixed(2).padStart(5)} MB   heap ${(heap / 1e6).toFixed(1).padStart(6)}   array buffers ${(buffers / 1e6).toFixed(1).padStart(5)}   ${(total / text.length).toFixed(0).padStart(4)} B/char`,
      );
    }
  }
}

function main() {
  console.log(`Pathological transcripts — node ${process.version}, ${os.cpus().length} cores; ms, and ratio to the size before (2 = linear, 4 = quadratic)`);
  for (const shape of SHAPES) {
    console.log(`\n${shape.name}`);
    let previous: Record<string, number> | undefined;
    measure(shape.make(shape.n)); // warm-up: the first size would otherwise also pay for compiling
    for (const k of [1, 2, 4, 8]) {
      const n = shape.n * k;
      const text = shape.make(n);
      const m = measure(text);
      const cells = Object.entries(m).map(([what, ms]) => {
        const ratio = previous ? `×${(ms / Math.max(previous[what], 0.01)).toFixed(1)}` : '';
        return `${what} ${ms.toFixed(1).padStart(7)} ${ratio.padEnd(5)}`;
      });
      console.log(`  n=${String(n).padEnd(7)} ${(text.length / 1e6).toFixed(2).padStart(5)} MB   ${cells.join('   ')}`);
      previous = m;
    }
  }
}

// --heap-only: the heap section alone.
if (!process.argv.includes('--heap-only')) main();
heapSection();
