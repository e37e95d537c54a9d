/**
 * CPU and retained heap of parsing, re-parsing after a keystroke in the middle, and
 * checking one multi-megabyte line of markup (bench/markupLineShapes.ts), in process.
 * Run: node --expose-gc --import tsx bench/markupLines.ts [megabytes] [shape,…]   (default 5, every shape)
 */
import { parseCodebook } from '../core/codebook/parse';
import { parseTranscript } from '../core/transcript/parse';
import { reparseTranscript } from '../core/transcript/reparse';
import { validateTranscript } from '../core/transcript/validate';
import { MARKUP_LINE_SHAPES } from './markupLineShapes';

const mb = Number(process.argv[2] ?? 5);
const only = process.argv[3]?.split(',');
const gc = (globalThis as { gc?: () => void }).gc;
const codebook = parseCodebook('version: 1\ncodes:\n  x: {}\n');

function cpuMs(fn: () => void): number {
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  return Math.round((u.user + u.system) / 1000);
}

for (const [name, make] of Object.entries(MARKUP_LINE_SHAPES)) {
  if (only && !only.includes(name)) continue;
  const text = 'P: {{x}}{#x} ' + make(mb) + '\nQ: {{y}}{#nope}\n';
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = parseTranscript(text);
  const parse = cpuMs(() => (t = parseTranscript(text)));
  gc?.();
  const retainedHeapMB = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e5) / 10;
  let problems = 0;
  const check = cpuMs(() => (problems = validateTranscript(t, codebook).length));
  const at = text.length >> 1;
  const edited = text.slice(0, at) + '}} ' + text.slice(at);
  const keystroke = cpuMs(() => (t = reparseTranscript(t, edited)));
  console.log(
    JSON.stringify({ shape: name, chars: text.length, spans: t.spans.length, diagnostics: t.diagnostics.length, problems, parseCpuMs: parse, checkCpuMs: check, keystrokeCpuMs: keystroke, retainedHeapMB, rssMB: Math.round(process.memoryUsage().rss / 1e6) }),
  );
}
