/**
 * The smallest inputs found for each bug the fuzzer has caught, replayed by the
 * short run on every `npm test`. While a bug is in known.ts its case may fail
 * (and is reported as still failing); once its entry is removed, the case must
 * pass, so each fix is proven on exactly the input that showed the bug.
 */
import type { FuzzCase } from './cases';

const PROBES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const CODEBOOK = 'codes:\n  trust: {}\n  roles: {}\n';

function saved(name: string, mutations: string[], codebook: string, transcript: string, probes = PROBES): FuzzCase & { name: string } {
  return { name, seed: 0, mutations, input: { codebook, transcript }, edits: [{ at: 0.5, remove: 0, insert: '{{' }], probes };
}

export const REGRESSIONS: (FuzzCase & { name: string })[] = [
  saved('issue 10 #1: a lone CR before a diagnostic', [], CODEBOOK, 'I: Did you trust her?\rP: {{Yes, I did}} a lot.\n'),
  saved('issue 10 #2: a codebook id with a line break offered as a quick fix', ['hostile-ids'], 'codes:\n  trust: {}\n  "trust\\nzz": {}\n', 'P: {{I trusted her}}{#trustzz} a lot.\n'),
  saved('issue 10 #4: 20,000 nested spans split by lone CRs', ['deep-nesting'], CODEBOOK, 'P: ' + '{{a\r'.repeat(20_000) + '}}{#roles}\r'.repeat(20_000)),
  saved('issue 10 #5: 65,536 closers on one line', ['closer-run'], CODEBOOK, 'P: ' + '}}'.repeat(65_536) + '\n'),
  saved('issue 10 #8: a collection as a front matter key', [], CODEBOOK, '---\n: {{\n---\nP: hi\n'),
  // Selection [3, 7) is `.}}n`: it crosses the closer of a span whose block is missing.
  saved("new: 'Code selection' across a closer without a block", [], CODEBOOK, '{{s.}}n', [0.45, 0.99, 0.45, 0.99, 0.45, 0.99, 0.45, 0.99]),
  saved('new: a codebook whose top-level keys are indented (quick fixes loop)', [], '\n  foo: 1\n', 'P: hi\n'),
  // The stemmer's patterns backtrack on a long "word": a 2 MB line of letters hung suggestions over stdio.
  saved('new: a coded quote that is one 200,000-letter word (the stemmer backtracks)', ['long-line'], CODEBOOK, 'P: {{' + 'x'.repeat(200_000) + 'sses}}{#trust}\n'),
];
