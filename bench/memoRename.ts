/**
 * Renaming a code in a project with many memos that mention codes in their text: a
 * 2,000-code codebook, 300 transcripts and 1,000 memos of 40 lines with about 25
 * mentions each (`#id`, `` `id` ``), a third of them of one hot code. Times the
 * rename with its gate (core edits + LSP WorkspaceEdit, target < 200 ms, as
 * bench/refactor.ts), against the same project with its memos' mentions taken out
 * (the ratio is what the mentions cost), and completion after `#` in a memo.
 *
 *   node scripts/run-bench.mjs memoRename
 */
import { complete, normalizeUri, ProjectIndex, renameCode, type LineIndex } from '../core';
import { toWorkspaceEdit } from '../server/convert';
import { generateCodebook, generateTranscript, rng } from './corpus';
import { reportSamples as report, time } from './report';

const ROOT = 'file:///bench/study';
const CODEBOOK = `${ROOT}/codebook.yaml`;
const HOT = 'code-0-0';

/** A memo: prose lines, most with a mention or two of a code, some look-alikes that are prose. */
function memoText(codes: string[], seed: number): string {
  const r = rng(seed);
  const pick = () => (r() < 0.33 ? HOT : codes[Math.floor(r() * codes.length)]);
  const out = ['---', `codes: [${pick()}, ${pick()}]`, '---', `# Memo ${seed}`, ''];
  for (let i = 0; i < 40; i++) {
    const k = r();
    if (k < 0.4) out.push(`Patients speak of #${pick()} first, and of trust as a whole; see page#${pick()}.`);
    else if (k < 0.6) out.push(`Both coders used \`${pick()}\` here, and #${pick()} next to it.`);
    else out.push('A line of the researcher\'s own words, with no code in it at all, as most are.');
  }
  return out.join('\n') + '\n';
}

function buildIndex(codes: string[], yaml: string, withMentions: boolean): ProjectIndex {
  const index = new ProjectIndex();
  index.setFile(CODEBOOK, yaml);
  for (let i = 0; i < 300; i++) index.setFile(`${ROOT}/transcripts/t${i}.md`, generateTranscript(120, [...codes, ...Array<string>(1000).fill(HOT)], i + 1));
  for (let i = 0; i < 1000; i++) {
    const text = memoText(codes, i + 1);
    // Without mentions: the same bytes with the `#` and backticks of the body made prose.
    index.setFile(`${ROOT}/memos/m${i}.md`, withMentions ? text : text.replace(/(\n[^]*)/, (body) => body.replace(/#(?=code)/g, '§').replace(/`/g, "'")));
  }
  return index;
}

function linesOfIndex(index: ProjectIndex) {
  return (uri: string): LineIndex | undefined => {
    const p = index.projectOf(uri);
    if (!p) return index.memoProjectOf(uri)?.memos.get(normalizeUri(uri))?.lines;
    return p.codebookUri === normalizeUri(uri) ? p.codebook.lines : p.transcripts.get(normalizeUri(uri))?.transcript.lines;
  };
}

function main() {
  const { yaml, codes } = generateCodebook(100, 20);
  const medians: Record<string, number[]> = {};
  for (const withMentions of [false, true]) {
    const index = buildIndex(codes, yaml, withMentions);
    const project = index.projectOf(CODEBOOK)!;
    const linesOf = linesOfIndex(index);
    const mentions = [...project.memos.values()].reduce((n, m) => n + m.memo.mentions.length, 0);
    console.log(`${withMentions ? 'with' : 'without'} mentions: ${project.memos.size} memos, ${mentions} mentions`);
    const r = rng(3);
    for (const [label, ids] of [
      ['a typical code', Array.from({ length: 30 }, () => codes[Math.floor(r() * codes.length)])],
      ['the hot code', Array<string>(20).fill(HOT)],
    ] as const) {
      const samples: number[] = [];
      let memoEdits = 0;
      for (let i = 0; i < ids.length + 3; i++) {
        const s: number[] = [];
        const edit = time(s, () => {
          const res = renameCode(project, ids[i % ids.length], `${ids[i % ids.length]}-renamed`);
          if (!res.ok) throw new Error(res.message);
          const e = toWorkspaceEdit(index, res.edits, linesOf);
          if (!e) throw new Error('rename refused by the gate');
          return e;
        });
        memoEdits = Object.entries(edit.changes).filter(([uri]) => uri.includes('/memos/')).reduce((n, [, l]) => n + l.length, 0);
        if (i >= 3) samples.push(s[0]);
      }
      report(`rename ${label}, ${withMentions ? 'with' : 'without'} memo mentions`, samples, 200, `${memoEdits} memo edits`);
      (medians[label] ??= []).push([...samples].sort((a, b) => a - b)[samples.length >> 1]);
    }
    if (withMentions) {
      const memo = project.memos.get(`${ROOT}/memos/m0.md`)!;
      const at = memo.lines.text.indexOf(' #') + 4;
      const samples: number[] = [];
      let items = 0;
      for (let i = 0; i < 105; i++) items = time(samples, () => complete(index, memo.uri, at)).length;
      report('completion after # in a memo (2,000 codes)', samples.slice(5), 20, `${items} items`);
    }
  }
  for (const [label, [without, withM]] of Object.entries(medians)) console.log(`rename ${label}: with mentions / without, medians: ${(withM / without).toFixed(2)}`);
}

main();
