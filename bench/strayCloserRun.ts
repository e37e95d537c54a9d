/**
 * Memory and CPU of parsing one line of stray closers (`}}` repeated), the shape
 * that took gigabytes before runs of stray closers became one diagnostic.
 * Run: npx tsx bench/strayCloserRun.ts [megabytes]   (default 9.7; run with --expose-gc for exact heap figures)
 */
import { parseTranscript } from '../core/transcript/parse';

const mb = Number(process.argv[2] ?? 9.7);
const text = 'P: ' + '}}'.repeat(Math.floor((mb * 1e6) / 2)) + '\n';
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const cpu = process.cpuUsage();
const t = parseTranscript(text);
const used = process.cpuUsage(cpu);
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    chars: text.length,
    diagnostics: t.diagnostics.length,
    cpuMs: Math.round((used.user + used.system) / 1000),
    retainedHeapMB: Math.round((heapAfter - heapBefore) / 1e5) / 10,
    rssMB: Math.round(process.memoryUsage().rss / 1e5) / 10,
  }),
);
