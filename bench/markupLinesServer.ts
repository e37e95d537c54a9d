/**
 * The bundled server over stdio on one multi-megabyte line of markup of each shape
 * (bench/markupLineShapes.ts), a fresh server each: server CPU (from /proc) and peak
 * RSS to open it and publish its diagnostics, then for one change in the middle of
 * the line. Linux only. Run `npm run build` first; then:
 * npx tsx bench/markupLinesServer.ts [megabytes] [shape,…]   (default 5, every shape)
 */
import { measureLineOverStdio } from './lineCostOverStdio';
import { MARKUP_LINE_SHAPES } from './markupLineShapes';

const mb = Number(process.argv[2] ?? 5);
const only = process.argv[3]?.split(',');

async function main(): Promise<void> {
  for (const [name, make] of Object.entries(MARKUP_LINE_SHAPES)) {
    if (only && !only.includes(name)) continue;
    await measureLineOverStdio('P: {{x}}{#trust} ' + make(mb) + '\nQ: {{x}}{#nope}\n', name);
  }
}

void main();
