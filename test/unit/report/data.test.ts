import * as assert from 'node:assert/strict';
import { codeByCaseCsv, cooccurrenceCsv, quotesCsv, reportData, reportHtml, reportMarkdown, mdText, html } from '../../../core/report';
import { codeCooccurrence } from '../../../core';
import { EXAMPLE, loadProject, projectFrom } from '../analysis/load';

const CODEBOOK = `version: 1
title: Trust study
coders:
  A: Ana
  B: Bea
codes:
  trust:
    kind: category
    definition: Trust in the therapist.
  early-trust:
    parent: trust
    definition: Trust from the first session.
    include: [Trust named as there from the start]
    exclude: [Trust that grew later]
    examples: ["I trusted her from the start"]
  late-trust:
    parent: trust
  burden:
    definition: "A <b>burden</b> & more"
`;

const FILES = {
  'codebook.yaml': CODEBOOK,
  'transcripts/one.md': [
    '---',
    'case: X',
    'participant: mother',
    'coder: A',
    '---',
    'I: How did it start?',
    'P: {{I felt a burden, "really"}}{#burden}{#burden @B}.',
    'I: And her?',
    'P: {{I trusted her from the start}}{#early-trust "first memo"}{#late-trust @B}.',
    '',
  ].join('\n'),
  'transcripts/two.md': ['---', 'case: Y', '---', 'P: {{Lucía 😊}}{#burden @A}', ''].join('\n'),
  'transcripts/broken.md': ['---', 'case: Z', '---', 'P: {{never closed {#burden @A}', 'P: {{x}}{#no-such-code @A}', ''].join('\n'),
};

describe('report: data', () => {
  const project = projectFrom(FILES);

  it('has one coding per code, coder and span, with code path, case, participant, speaker, coder, file and line', () => {
    const d = reportData(project);
    assert.deepEqual(
      d.codings.map((c) => [c.code, c.codePath, c.quote, c.case, c.participant, c.speaker, c.coder, c.file, c.line]),
      [
        ['burden', 'burden', 'I felt a burden, "really"', 'X', 'mother', 'P', 'A', 'transcripts/one.md', 7],
        ['burden', 'burden', 'I felt a burden, "really"', 'X', 'mother', 'P', 'B', 'transcripts/one.md', 7],
        ['early-trust', 'trust > early-trust', 'I trusted her from the start', 'X', 'mother', 'P', 'A', 'transcripts/one.md', 9],
        ['late-trust', 'trust > late-trust', 'I trusted her from the start', 'X', 'mother', 'P', 'B', 'transcripts/one.md', 9],
        ['burden', 'burden', 'Lucía 😊', 'Y', '', 'P', 'A', 'transcripts/two.md', 4],
      ],
    );
    assert.deepEqual(d.coders, [
      { id: 'A', name: 'Ana' },
      { id: 'B', name: 'Bea' },
    ]);
    assert.deepEqual(d.memos.map((m) => [m.memo, m.coder, m.file, m.line]), [['first memo', 'A', 'transcripts/one.md', 9]]);
  });

  it('skips a transcript with errors and says why', () => {
    const d = reportData(project);
    assert.equal(d.skipped.length, 1);
    assert.equal(d.skipped[0].file, 'transcripts/broken.md');
    assert.match(d.skipped[0].reason, /^\d+ errors? \(line \d+: /);
    assert.ok(!d.codings.some((c) => c.file === 'transcripts/broken.md'));
    assert.equal(d.transcripts, 2);
  });

  it('lists the codebook in tree order with the pictures\' counts and definitions', () => {
    const d = reportData(project);
    assert.deepEqual(
      d.codes.map((c) => [c.id, c.depth, c.quotes, c.cases]),
      [
        ['trust', 0, 1, 1],
        ['early-trust', 1, 1, 1],
        ['late-trust', 1, 1, 1],
        ['burden', 0, 2, 2],
      ],
    );
    const early = d.codes.find((c) => c.id === 'early-trust')!;
    assert.equal(early.definition, 'Trust from the first session.');
    assert.deepEqual(early.include, ['Trust named as there from the start']);
    assert.deepEqual(early.exclude, ['Trust that grew later']);
    assert.deepEqual(early.examples, ['I trusted her from the start']);
    assert.equal(early.codings.length, 1);
  });

  it('filters by coder: only that coder\'s codings, and the pictures follow', () => {
    const d = reportData(project, { coders: ['B'], cases: [], codes: [] });
    assert.deepEqual(d.codings.map((c) => `${c.code}@${c.coder}`), ['burden@B', 'late-trust@B']);
    assert.equal(d.codes.find((c) => c.id === 'burden')!.quotes, 1);
    assert.equal(d.memos.length, 0);
  });

  it('filters by case and by code (a category brings its codes)', () => {
    assert.deepEqual(
      reportData(project, { coders: [], cases: ['Y'], codes: [] }).codings.map((c) => c.file),
      ['transcripts/two.md'],
    );
    const d = reportData(project, { coders: [], cases: [], codes: ['trust'] });
    assert.deepEqual(d.codings.map((c) => c.code), ['early-trust', 'late-trust']);
    assert.equal(d.matrix.rows.find((r) => r.id === 'burden')!.total.count, 0);
  });

  it('writes quotes.csv with the header and one row per coding', () => {
    const text = quotesCsv(reportData(project));
    const lines = text.split('\r\n');
    assert.equal(lines[0], 'code,code_path,quote,case,participant,speaker,coder,file,line');
    assert.equal(lines[1], 'burden,burden,"I felt a burden, ""really""",X,mother,P,A,transcripts/one.md,7');
    assert.equal(lines.length, 1 + 5 + 1, 'header, five codings, and the empty string after the last CRLF');
  });

  it('writes code-by-case.csv with counts, or 1/0 with presence', () => {
    const d = reportData(project);
    assert.equal(codeByCaseCsv(d), ['code,code_path,kind,X,Y', 'trust,trust,category,1,0', 'early-trust,trust > early-trust,code,1,0', 'late-trust,trust > late-trust,code,1,0', 'burden,burden,code,1,1', ''].join('\r\n'));
    assert.match(codeByCaseCsv(d, true), /\r\nburden,burden,code,1,1\r\n/);
  });

  it('writes cooccurrence.csv as the heat map counts, symmetric', () => {
    const d = reportData(project);
    const rows = cooccurrenceCsv(d).trimEnd().split('\r\n').map((l) => l.split(','));
    assert.deepEqual(rows[0], ['code', 'early-trust', 'late-trust', 'burden']);
    const at = (a: string, b: string) => Number(rows.find((r) => r[0] === a)![rows[0].indexOf(b)]);
    // A applied early-trust and B late-trust to the same span: two coders'
    // decisions, not a co-occurrence (the pictures' per-coder rule).
    assert.equal(at('early-trust', 'late-trust'), 0);
    assert.equal(at('late-trust', 'early-trust'), 0);
    assert.equal(at('early-trust', 'early-trust'), 1);
    assert.equal(at('burden', 'burden'), 2);
    assert.equal(at('burden', 'early-trust'), 0);
  });

  it('counts co-occurrence exactly as the pictures do on the example project', () => {
    const example = loadProject(EXAMPLE);
    const d = reportData(example);
    const pic = codeCooccurrence(example);
    const rows = cooccurrenceCsv(d).trimEnd().split('\r\n').map((l) => l.split(','));
    for (const c of pic.cells) {
      assert.equal(Number(rows.find((r) => r[0] === c.a)![rows[0].indexOf(c.b)]), c.count, `${c.a} × ${c.b}`);
    }
  });

  it('escapes project text in html and md', () => {
    const d = reportData(project);
    const page = reportHtml(d);
    assert.ok(page.includes('A &lt;b&gt;burden&lt;/b&gt; &amp; more'));
    assert.ok(!page.includes('<b>burden</b>'));
    assert.equal(html(`"'<>&`), '&quot;&#39;&lt;&gt;&amp;');
    assert.equal(mdText('a *b* [c](d) <e>'), 'a \\*b\\* \\[c\\](d) \\<e\\>');
    assert.equal(mdText('# not a heading\n- not a list\n1. not numbered'), '\\# not a heading  \n\\- not a list  \n1\\. not numbered');
    assert.ok(reportMarkdown(d).includes('A \\<b\\>burden\\</b\\> & more'));
  });

  it('nests the html category tree as the codebook does, with counts', () => {
    const page = reportHtml(reportData(project));
    const start = page.indexOf('<ul class="tree">');
    const tree = page.slice(start, page.indexOf('</ul>\n<h2>', start) + 5).replace(/<span class="count">([^<]*)<\/span>/g, '($1)').replace(/<a href="#code-[^"]*">([^<]*)<\/a>/g, '$1');
    assert.equal(
      tree.replace(/\n/g, ''),
      '<ul class="tree"><li>trust (1 quote, 1 case)<ul><li>early-trust (1 quote, 1 case)</li><li>late-trust (1 quote, 1 case)</li></ul></li><li>burden (2 quotes, 2 cases)</li></ul>',
    );
    assert.equal((page.match(/<svg /g) ?? []).length, 3);
    assert.doesNotMatch(page, /https?:/);
  });
});
