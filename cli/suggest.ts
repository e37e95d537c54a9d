import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { evaluateSuggestions, ProjectIndex, suggestCodes, type Evaluation, type Suggestion } from '../core';
import { loadFolder } from '../host/nodeFiles';

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
