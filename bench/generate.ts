/**
 * Writes a generated project of realistic shape (bench/project.ts) to a folder,
 * for benchmarks and for trying Axial on a large project by hand.
 *
 *   node --import tsx bench/generate.ts --transcripts 1000 --seed 1 --out /tmp/p1000 [--codes 500] [--turns 360]
 *
 * 1,000 transcripts make about 50 MB, 3,000 about 150 MB. Exit codes: 0 written,
 * 2 bad arguments.
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeProject } from './project';

const HELP = `Usage: generate --transcripts N --out DIR [--seed S] [--codes C] [--turns T]

Writes DIR/codebook.yaml and DIR/transcripts/case-NNNN.md: a project of realistic
shape, the same bytes for the same options. DIR must be empty or missing.

  --transcripts N  number of transcripts (1,000 make about 50 MB)
  --out DIR        the folder to write
  --seed S         seed of every random choice (default 1)
  --codes C        applicable codes in the three-level codebook (default 500)
  --turns T        mean speaker turns per transcript (default 360)

Exit codes: 0 written, 2 bad arguments.`;

function fail(message: string): never {
  process.stderr.write(`generate: ${message}\n`);
  process.exit(2);
}

function positive(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required (see --help)`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, not '${value}'`);
  return n;
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: { transcripts: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, codes: { type: 'string' }, turns: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const transcripts = positive('transcripts', values.transcripts as string | undefined);
const out = values.out as string | undefined;
if (!out) fail('--out is required (see --help)');
if (existsSync(out) && readdirSync(out).length > 0) fail(`${out} is not empty`);
const started = Date.now();
const s = writeProject(path.resolve(out), {
  transcripts,
  seed: positive('seed', values.seed as string | undefined, 1),
  codes: positive('codes', values.codes as string | undefined, 500),
  turns: positive('turns', values.turns as string | undefined, 360),
});
console.log(
  `wrote ${out}: ${s.transcripts} transcripts, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.codes} codes, ${s.turns} turns ` +
    `(${((100 * s.codedTurns) / s.turns).toFixed(0)}% coded), ${s.spans} spans, ${s.doubleCoded} transcripts with two coders, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
