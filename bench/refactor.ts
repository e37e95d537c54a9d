/**
 * Refactoring benchmarks on a 2,000-code codebook over a 1,000-transcript project:
 * computing a rename across the project (target < 200 ms) and answering code
 * actions at a cursor (target < 20 ms): the server's handler with every provider
 * (quick fixes, suggestions, ...) and the quick fixes alone, and completion after `#`. Prints median and p95 with ratios to
 * the targets; it never fails on a slow machine, it reports.
 *
 *   npm run bench:refactor
 */
import { performance } from 'node:perf_hooks';
import type { CodeActionParams } from 'vscode-languageserver/node';
import { complete, mergeCode, normalizeUri, ProjectIndex, quickFixes, renameCode, type LineIndex } from '../core';
import { codeActions } from '../server/codeActions';
import { toWorkspaceEdit } from '../server/convert';
import { generateCodebook, generateTranscript, rng } from './corpus';
import { reportSamples as report, time } from './report';

const ROOT = 'file:///bench/study';
const CODEBOOK = `${ROOT}/codebook.yaml`;
const TRANSCRIPTS = 1000;
const LINES = 120;

/** The project: 100 categories × 20 codes; transcripts coded from all codes, `code-0-0` about a third of the time (a hot code). */
function buildProject(): { index: ProjectIndex; codes: string[]; broken: string } {
  const { yaml, codes } = generateCodebook(100, 20);
  const index = new ProjectIndex();
  index.setFile(CODEBOOK, yaml);
  const skewed = [...codes, ...Array<string>(1000).fill('code-0-0')];
  const r = rng(99);
  for (let i = 0; i < TRANSCRIPTS; i++) {
    let text = generateTranscript(LINES, skewed, i + 1);
    if (i === 0) {
      // One transcript with something to fix on most lines: a typo, a category, a `}}` with no block, an unclosed `{{`.
      const lines = text.split('\n');
      for (let k = 9; k < lines.length - 1; k += 2) {
        const kind = Math.floor(r() * 4);
        if (kind === 0) lines[k] = lines[k].replace(/\{#(code-\d+-\d+)/, '{#$1x');
        else if (kind === 1) lines[k] = lines[k].replace(/\{#code-(\d+)-\d+/, '{#category-$1');
        else if (kind === 2) lines[k] += ' {{no block here}} and more';
        else lines[k] = lines[k].replace(/^(P: )?/, '$1{{ never closed ');
      }
      text = lines.join('\n');
    }
    index.setFile(`${ROOT}/transcripts/t${String(i).padStart(4, '0')}.md`, text);
  }
  return { index, codes, broken: `${ROOT}/transcripts/t0000.md` };
}

function main() {
  const t0 = performance.now();
  const { index, codes, broken } = buildProject();
  const project = index.projectOf(CODEBOOK)!;
  let uses = 0;
  for (const byUri of project.usage.values()) for (const list of byUri.values()) uses += list.length;
  console.log(
    `project: ${project.codebook.codes.size} codes and categories, ${project.transcripts.size} transcripts, ${uses} tags; indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const linesOf = (uri: string): LineIndex | undefined => {
    const p = index.projectOf(uri);
    if (!p) return undefined;
    return p.codebookUri === normalizeUri(uri) ? p.codebook.lines : p.transcripts.get(normalizeUri(uri))?.transcript.lines;
  };
  const usesOf = (id: string) => [...(project.usage.get(id)?.values() ?? [])].reduce((n, l) => n + l.length, 0);

  // Rename: a typical code, a category (20 parents to change), the hot code; core edits + LSP WorkspaceEdit.
  const r = rng(7);
  const typical = Array.from({ length: 40 }, () => codes[Math.floor(r() * codes.length)]);
  for (const [label, ids] of [
    [`rename a typical code (~${usesOf(typical[0])} tags)`, typical],
    ['rename a category (20 parent values)', Array.from({ length: 40 }, (_, i) => `category-${(i * 7) % 100}`)],
    [`rename the hot code (${usesOf('code-0-0')} tags in ${project.usage.get('code-0-0')!.size} files)`, Array<string>(30).fill('code-0-0')],
  ] as const) {
    const samples: number[] = [];
    let edits = 0;
    for (let i = 0; i < ids.length + 5; i++) {
      const id = ids[i % ids.length];
      const s: number[] = [];
      const result = time(s, () => {
        const res = renameCode(project, id, `${id}-renamed`);
        if (!res.ok) throw new Error(res.message);
        const edit = toWorkspaceEdit(index, res.edits, linesOf);
        if (!edit) throw new Error(`rename of ${id} refused by the stripped-text gate`);
        return edit;
      });
      edits = Object.values(result.changes).reduce((n, l) => n + l.length, 0);
      if (i >= 5) samples.push(s[0]); // warm-up runs are not counted
    }
    report(label, samples, 200, `last: ${edits} text edits`);
  }

  // Merge (same work as a rename plus duplicates and children), for reference.
  {
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const from = codes[(i * 37) % codes.length];
      const to = codes[(i * 37 + 1) % codes.length];
      time(samples, () => {
        const res = mergeCode(project, from, to, 'delete');
        if (!res.ok) throw new Error(res.message);
        return toWorkspaceEdit(index, res.edits, linesOf);
      });
    }
    report('merge a typical code into another (delete)', samples.slice(5), 200);
  }

  // Code actions at a cursor: the server's handler (every provider registered) and core's quick fixes alone.
  const entry = project.transcripts.get(broken)!;
  const lines = entry.transcript.lines;
  // Each diagnostic five times over, so the percentiles rest on a few hundred requests.
  const onDiagnostics = Array.from({ length: 5 }, () => entry.diagnostics.map((d) => d.range.start + 1)).flat();
  const anywhere = Array.from({ length: 300 }, () => Math.floor(r() * entry.transcript.text.length));
  const hot = project.transcripts.get(`${ROOT}/transcripts/t0500.md`)!;
  const onTags = Array.from({ length: 5 }, () => hot.uses.map((u) => ({ uri: hot.uri, offset: u.ref.range.start + 2 }))).flat();
  for (const [label, spots] of [
    [`code actions on a diagnostic (${entry.diagnostics.length} in the file)`, onDiagnostics.map((offset) => ({ uri: broken, offset }))],
    ['code actions at a random cursor', anywhere.map((offset) => ({ uri: broken, offset }))],
    ['code actions on a valid tag', onTags],
  ] as const) {
    const server: number[] = [];
    const core: number[] = [];
    let actions = 0;
    for (const { uri, offset } of spots) {
      const l = uri === broken ? lines : hot.transcript.lines;
      const pos = l.positionAt(offset);
      const params: CodeActionParams = { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } };
      actions += time(server, () => codeActions(index, params, linesOf)).length;
      time(core, () => quickFixes(index, uri, { start: offset, end: offset }).map((f) => ({ title: f.title, edit: toWorkspaceEdit(index, f.edits, linesOf) })));
    }
    report(`${label}: server, all providers`, server.slice(5), 20, `${(actions / spots.length).toFixed(1)} actions per request on average, ${spots.length} requests`);
    report(`${label}: quick fixes as LSP edits`, core.slice(5), 20);
  }

  // Completion after `#` in a block (every applicable code and alias of the 2,000-code
  // codebook) as core answers it, each with its range (bench/completion.ts times the server's answer).
  {
    const text = hot.transcript.text;
    const at = text.indexOf('{#') + 2;
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < 105; i++) {
      items = time(samples, () => complete(index, hot.uri, at)).length;
    }
    report('completion after # (2,000 codes with aliases)', samples.slice(5), 20, `${items} items`);
  }
}

main();
