import { statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { URI } from 'vscode-uri';
import { evaluateSuggestions, ProjectIndex, suggestCodes, type Evaluation, type Suggestion } from '../core';
import { loadFolder } from '../host/nodeFiles';
import { noCodebookMessage } from '../host/projectAbove';

/**
 * `axial suggest`: the editor's code-suggestion engine from the terminal.
 * `--evaluate` measures it by leave-one-out over every coded span of each project
 * under a folder; `--text` shows the suggestions for a passage, with their reasons.
 */

export interface ProjectEvaluation extends Evaluation {
  /** The project folder, relative to the working directory. */
  project: string;
  codes: number;
}

async function load(folder: string, cwd: string): Promise<ProjectIndex> {
  const index = new ProjectIndex();
  await loadFolder(index, path.resolve(cwd, folder), (f) => URI.file(f).toString());
  return index;
}

const rel = (uri: string, cwd: string) => path.relative(cwd, URI.parse(uri).fsPath) || '.';

/** Leave-one-out evaluation of every project under a folder. */
export async function evaluateFolder(folder: string, opts: { strict?: boolean; sample?: number } = {}, cwd = process.cwd()): Promise<ProjectEvaluation[]> {
  const index = await load(folder, cwd);
  return index.projects().map((p) => ({
    project: rel(p.root, cwd),
    codes: [...p.codebook.codes.values()].filter((c) => c.kind === 'code' && c.status === 'active').length,
    ...evaluateSuggestions(p, { strict: opts.strict, sample: opts.sample, now: () => performance.now() }),
  }));
}

/** Suggestions for a passage in every project under a folder. */
export async function suggestForText(folder: string, text: string, limit: number, cwd = process.cwd()): Promise<{ project: string; suggestions: Suggestion[] }[]> {
  const index = await load(folder, cwd);
  return index.projects().map((p) => ({ project: rel(p.root, cwd), suggestions: suggestCodes(p, text, { limit }) }));
}

const fmt = (k: number, n: number) => `${k}/${n} = ${(n === 0 ? 0 : k / n).toFixed(3)}`;

/** The evaluation as people read it. */
export function formatEvaluation(e: ProjectEvaluation): string {
  const how = e.strict ? 'strict: codebook examples quoted by the held-out span are hidden too' : 'lenient: codebook examples stay visible';
  return [
    `${e.project}: leave-one-out over ${e.evaluated} coded spans, ${e.codes} codes (${how})`,
    `  top-1 hit rate: ${fmt(e.top1, e.evaluated)}   baseline (most frequent code): ${fmt(e.baseline.top1, e.evaluated)}`,
    `  top-3 hit rate: ${fmt(e.top3, e.evaluated)}   baseline (3 most frequent codes): ${fmt(e.baseline.top3, e.evaluated)}`,
    `  no suggestion: ${e.empty}; ${e.msPerQuery.toFixed(2)} ms per suggestion`,
  ].join('\n');
}

/** Suggestions as people read them. */
export function formatSuggestions(r: { project: string; suggestions: Suggestion[] }): string {
  if (r.suggestions.length === 0) return `${r.project}: no suggestion (no word of the passage is in the codebook or in a coded quote)`;
  return [`${r.project}:`, ...r.suggestions.map((s, i) => `  ${i + 1}. ${s.name} (${s.id})  score ${s.score.toFixed(3)}\n     ${s.why}`)].join('\n');
}

const HELP = `
Exit codes:
  0  printed (also when a passage has no suggestion)
  2  usage error: neither --evaluate nor --text, a bad --limit or --sample, a
     folder that does not exist, or no codebook.yaml under it`;

/** A count option's value as a whole number of 1 or more; undefined when it is anything else. */
function positiveWhole(value: string): number | undefined {
  return /^\d+$/.test(value.trim()) && Number(value) >= 1 ? Number(value) : undefined;
}

/** Why `folder` cannot hold a project (missing, or a file), or undefined when it is a folder. */
function notAFolder(folder: string): string | undefined {
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (!stat) return `no such folder: ${folder}`;
  return stat.isDirectory() ? undefined : `${folder} is not a folder`;
}

/** Registers `axial suggest` on the CLI. */
export function registerSuggest(program: Command): void {
  program
    .command('suggest')
    .description('Code suggestions from the command line: measure them (--evaluate) or ask for a passage (--text).')
    .argument('[folder]', 'folder holding one or more projects (codebook.yaml)', '.')
    .option('--evaluate', 'leave-one-out over every coded span: print top-1 and top-3 hit rates and a most-frequent-code baseline')
    .option('--lenient', 'with --evaluate: keep codebook examples visible even when they quote the held-out span')
    .option('--sample <n>', 'with --evaluate: evaluate at most n spans, spread over the project')
    .option('--text <passage>', 'print the suggestions for a passage, with why')
    .option('--limit <n>', 'with --text: how many suggestions', (v: string): string | number => v, 3)
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HELP)
    .action(async (folder: string, opts: { evaluate?: boolean; lenient?: boolean; sample?: string; text?: string; limit: string | number; json?: boolean }) => {
      const fail = (message: string) => {
        process.stderr.write(`axial suggest: ${message}\n`);
        process.exitCode = 2;
      };
      if (!opts.evaluate && opts.text === undefined) return fail('give --evaluate or --text <passage>');
      // Checked here, not left to the engine: `--limit abc` used to end in "Invalid array length".
      const limit = positiveWhole(String(opts.limit));
      if (limit === undefined) return fail(`--limit takes a whole number of 1 or more, not '${opts.limit}'`);
      const sample = opts.sample === undefined ? undefined : positiveWhole(opts.sample);
      if (opts.sample !== undefined && sample === undefined) return fail(`--sample takes a whole number of 1 or more, not '${opts.sample}'`);
      const bad = notAFolder(folder);
      if (bad) return fail(bad);
      const results = opts.evaluate ? await evaluateFolder(folder, { strict: !opts.lenient, sample }) : await suggestForText(folder, opts.text!, limit);
      if (results.length === 0) return fail(noCodebookMessage(folder));
      if (opts.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
      else if (opts.evaluate) process.stdout.write(results.map((r) => formatEvaluation(r as Awaited<ReturnType<typeof evaluateFolder>>[number])).join('\n') + '\n');
      else process.stdout.write(results.map((r) => formatSuggestions(r as Awaited<ReturnType<typeof suggestForText>>[number])).join('\n') + '\n');
    });
}
