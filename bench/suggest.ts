/**
 * Code-suggestion benchmarks. On a generated 2,000-code codebook over a
 * 1,000-transcript project with topical text per code (bench/corpus.ts,
 * generateTopicalProject): time for suggestion code actions on a selection and on
 * a speaker turn through the server's code-action handler (every provider; target
 * < 20 ms), also right after an edit; leave-one-out top-1/top-3 hit rates on that
 * project and on the example project, against the most-frequent-code baseline and
 * against the engine reading the codebook alone.
 * Prints numbers and ratios; it never fails on a slow machine, it reports.
 *
 *   node scripts/run-bench.mjs suggest      (or: npm run bench:suggest)
 *   SUGGEST_LOO=all ... evaluates every span of the generated project (default: 3,000 of them)
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CodeActionParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { evaluateSuggestions, normalizeUri, ProjectIndex, suggestionModel, type Evaluation, type LineIndex } from '../core';
import { loadFolder } from '../host/nodeFiles';
import { codeActions } from '../server/codeActions';
import { generateTopicalProject, rng } from './corpus';
import { reportSamples } from './report';

const report = (name: string, samples: number[], target: number, extra = '') => reportSamples(name, samples, target, extra, 72);

const ROOT = 'file:///bench/topical';
/** Weights that ignore coded spans: the profile alone (for comparison). */
const CODEBOOK_ONLY = { profile: 1, learned: 0, neighbours: 0 };
const CODEBOOK = `${ROOT}/codebook.yaml`;

function reportRates(name: string, e: Evaluation) {
  const f = (k: number) => `${(k / Math.max(1, e.evaluated)).toFixed(3)} (${k}/${e.evaluated})`;
  console.log(`${name}:`);
  console.log(`  top-1 ${f(e.top1).padEnd(20)} baseline ${f(e.baseline.top1).padEnd(20)} ratio to baseline ${ratio(e.top1, e.baseline.top1)}`);
  console.log(`  top-3 ${f(e.top3).padEnd(20)} baseline ${f(e.baseline.top3).padEnd(20)} ratio to baseline ${ratio(e.top3, e.baseline.top3)}`);
  console.log(`  no suggestion for ${e.empty}; ${e.msPerQuery.toFixed(2)} ms per leave-one-out query`);
}

const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '—' : '∞ (baseline 0)') : (a / b).toFixed(1) + '×');

async function main() {
  console.log(`Axial suggestion benchmarks — node ${process.version}`);
  let t0 = performance.now();
  const g = generateTopicalProject({ categories: 100, perCategory: 20, transcripts: 1000, turns: 40, seed: 42 });
  const index = new ProjectIndex();
  index.setFile(CODEBOOK, g.codebook);
  for (const t of g.transcripts) index.setFile(`${ROOT}/${t.path}`, t.text);
  const project = index.projectOf(CODEBOOK)!;
  console.log(`generated project: ${g.codes.length} codes in 100 categories, ${project.transcripts.size} transcripts, ${g.spans} coded spans; indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  t0 = performance.now();
  suggestionModel(project);
  console.log(`suggestion model learned from scratch (first request of a session) in ${(performance.now() - t0).toFixed(0)} ms`);

  const linesOf = (uri: string): LineIndex | undefined => {
    const p = index.projectOf(uri);
    if (!p) return undefined;
    return p.codebookUri === normalizeUri(uri) ? p.codebook.lines : p.transcripts.get(normalizeUri(uri))?.transcript.lines;
  };
  const uris = [...project.transcripts.keys()];
  const r = rng(5);
  /** A random participant turn: its text after "P: " to the end of its line. */
  const randomTurn = () => {
    for (;;) {
      const e = project.transcripts.get(uris[Math.floor(r() * uris.length)])!;
      const turns = e.transcript.turns.filter((t) => t.speaker === 'P');
      const turn = turns[Math.floor(r() * turns.length)];
      const start = turn.labelRange.end + 2;
      const end = e.transcript.text.indexOf('\n', start);
      if (end > start) return { e, start, end };
    }
  };
  const request = (uri: string, lines: LineIndex, start: number, end: number) => {
    const params: CodeActionParams = { textDocument: { uri }, range: { start: lines.positionAt(start), end: lines.positionAt(end) }, context: { diagnostics: [] } };
    const t = performance.now();
    const actions = codeActions(index, params, linesOf);
    return { ms: performance.now() - t, suggestions: actions.filter((a) => a.title.startsWith('Suggest: ')).length };
  };

  // 1. A selection inside a turn: a few words to a whole sentence.
  {
    const samples: number[] = [];
    let offered = 0;
    for (let i = 0; i < 520; i++) {
      const { e, start, end } = randomTurn();
      const text = e.transcript.text;
      // Select from a word start to a word end inside the turn (markup may fall inside: then nothing is offered).
      const a = start + Math.floor(r() * (end - start) * 0.5);
      const b = Math.min(end, a + 20 + Math.floor(r() * 80));
      const s = text.lastIndexOf(' ', a) + 1;
      const res = request(e.uri, e.transcript.lines, Math.max(start, s), b);
      if (i >= 20) {
        samples.push(res.ms);
        offered += res.suggestions;
      }
    }
    report('code actions on a selection (server handler, all providers)', samples, 20, `${(offered / samples.length).toFixed(2)} suggestions per request`);
  }

  // 2. The cursor in a speaker turn (the whole turn is the passage).
  {
    const samples: number[] = [];
    let offered = 0;
    for (let i = 0; i < 520; i++) {
      const { e, start, end } = randomTurn();
      const at = start + Math.floor(r() * (end - start));
      const res = request(e.uri, e.transcript.lines, at, at);
      if (i >= 20) {
        samples.push(res.ms);
        offered += res.suggestions;
      }
    }
    report('code actions with the cursor in a turn', samples, 20, `${(offered / samples.length).toFixed(2)} suggestions per request`);
  }

  // 3. Leave-one-out on the generated project.
  {
    const all = process.env.SUGGEST_LOO === 'all';
    t0 = performance.now();
    const e = evaluateSuggestions(project, { sample: all ? undefined : 3000, now: () => performance.now() });
    reportRates(`leave-one-out, generated project (${all ? 'every span' : 'a sample of 3,000 spans'}, strict; ${((performance.now() - t0) / 1000).toFixed(1)} s)`, e);
    const cb = evaluateSuggestions(project, { sample: all ? undefined : 3000, weights: CODEBOOK_ONLY });
    reportRates('  the same from the codebook text alone (not learning from coded spans)', cb);
  }

  // 4. Leave-one-out on the example project.
  {
    const ex = new ProjectIndex();
    await loadFolder(ex, path.resolve('examples', 'therapeutic-relationship'), (f) => URI.file(f).toString());
    const p = ex.projects()[0];
    reportRates('leave-one-out, example project (strict: codebook examples quoted by the held-out span hidden)', evaluateSuggestions(p, { now: () => performance.now() }));
    reportRates('  the same from the codebook text alone (not learning from coded spans)', evaluateSuggestions(p, { weights: CODEBOOK_ONLY }));
    reportRates('leave-one-out, example project (lenient: codebook examples visible)', evaluateSuggestions(p, { strict: false, now: () => performance.now() }));
  }

  // 6. Right after an edit (last: it changes the project): the edited transcript is re-learned, IDF and norms refreshed.
  {
    const samples: number[] = [];
    for (let i = 0; i < 120; i++) {
      const edited = project.transcripts.get(uris[(i * 13) % uris.length])!;
      index.setFile(edited.uri, edited.transcript.text.replace('\nP: ', `\nP: {{edit ${i} pills}}{#${g.codes[i]}} `));
      const { e, start, end } = randomTurn();
      const res = request(e.uri, e.transcript.lines, start, end);
      if (i >= 20) samples.push(res.ms);
    }
    report('code actions on a selection, first request after an edit', samples, 20);
  }

}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
