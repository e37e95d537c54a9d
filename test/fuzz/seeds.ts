/**
 * The fuzzer's seed corpus: the example project (its codebook and every
 * transcript), read once from examples/therapeutic-relationship.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const EXAMPLE = path.resolve(__dirname, '../../examples/therapeutic-relationship');

/** The example's files as text. */
export interface SeedCorpus {
  codebook: string;
  transcripts: { name: string; text: string }[];
  /** Code ids of the example codebook (for mutations that reference real codes). */
  codes: string[];
}

let cached: SeedCorpus | undefined;

/** The example project, read on first use. */
export function seedCorpus(): SeedCorpus {
  if (cached) return cached;
  const codebook = fs.readFileSync(path.join(EXAMPLE, 'codebook.yaml'), 'utf8');
  const dir = path.join(EXAMPLE, 'transcripts');
  const transcripts = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
  // Code ids are the two-space-indented keys under `codes:`; good enough for a seed list.
  const codes = [...codebook.matchAll(/^ {2}([a-z0-9][a-z0-9._-]*):\s*$/gm)].map((m) => m[1]);
  cached = { codebook, transcripts, codes };
  return cached;
}
