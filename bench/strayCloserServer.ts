/**
 * The bundled server over stdio on one line of 9.7 MB of stray closers (`}}`
 * repeated): server CPU (from /proc) and peak RSS to open it and publish its
 * diagnostics, then for one change in the middle of the line. Linux only.
 * Run `npm run build` first; then: npx tsx bench/strayCloserServer.ts [megabytes]
 */
import { measureLineOverStdio } from './lineCostOverStdio';

const mb = Number(process.argv[2] ?? 9.7);
const text = 'P: {{x}}{#trust} ' + '}}'.repeat(Math.floor((mb * 1e6) / 2)) + '\nQ: {{x}}{#nope}\n';

void measureLineOverStdio(text);
