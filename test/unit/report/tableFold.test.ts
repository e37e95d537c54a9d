import * as assert from 'node:assert/strict';
import { codeByCaseCsv, cooccurrenceCsv, CSV_TABLES, CsvTablesFold, quotesCsv, reportData, reportTables, type ReportFilters } from '../../../core/report';
import { byPath } from '../../../core/report/data';
import { projectFrom } from '../analysis/load';

/**
 * The csv tables folded one transcript at a time (what `axial report --format
 * csv` does while reading) against the whole report's tables, on a project made
 * to hit every rule of the pictures' scan: deprecated
 * codes used and unused, an unknown parent and a parent cycle, nested spans,
 * spans across turns and outside turns, two coders on one span, one case over
 * two files, lone files sharing a name, and a transcript with errors.
 */
const CODEBOOK = `version: 1
coders:
  A: Ana
  B: Bea
codes:
  rel:
    kind: category
  trust:
    parent: rel
  care:
    parent: rel
  old:
    parent: rel
    status: deprecated
    replaced_by: trust
  gone:
    parent: rel
    status: deprecated
    replaced_by: trust
  quiet:
    kind: category
  quiet-gone:
    parent: quiet
    status: deprecated
    replaced_by: care
  orphan:
    parent: nowhere
  loop-a:
    parent: loop-b
  loop-b:
    parent: loop-a
`;

const FILES: Record<string, string> = {
  'codebook.yaml': CODEBOOK,
  'transcripts/x1.md': [
    '---',
    'case: X',
    'participant: mother',
    'coder: A',
    '---',
    'Before any turn {{a note}}{#orphan}.',
    'I: How did it start?',
    'P: {{I felt {{cared for}}{#care} from the start}}{#trust}{#care @B}.',
    'P: {{It went on',
    'I: and on}}{#trust}{#loop-a} and {{then}}{#old}{#care @B}.',
    'P: {{Both}}{#trust @A}{#care @B}{#loop-b @B}',
    '',
  ].join('\n'),
  'transcripts/x2.md': ['---', 'case: X', '---', 'P: {{Again}}{#trust @B}{#care @B}', ''].join('\n'),
  'transcripts/a/same.md': ['P: {{Lone}}{#care @A}{#orphan @A}', ''].join('\n'),
  'transcripts/b/same.md': ['P: {{Lone too}}{#trust @B}', 'P: nothing coded', ''].join('\n'),
  'transcripts/c/other.md': ['---', 'case: W', '---', 'P: {{Only here}}{#loop-a @A}{#loop-b @A}', ''].join('\n'),
  'transcripts/broken.md': ['---', 'case: Z', '---', 'P: {{never closed {#trust @A}', ''].join('\n'),
};

describe('report: csv tables folded one transcript at a time', () => {
  const project = projectFrom(FILES);
  const filters: [string, ReportFilters][] = [
    ['no filter', { coders: [], cases: [], codes: [] }],
    ['coder A', { coders: ['A'], cases: [], codes: [] }],
    ['coder B', { coders: ['B'], cases: [], codes: [] }],
    ['case X', { coders: [], cases: ['X'], codes: [] }],
    ['a category', { coders: [], cases: [], codes: ['rel'] }],
    ['a code and a case', { coders: ['B'], cases: ['X', 'transcripts/b/same.md'], codes: ['trust'] }],
  ];

  it('the project hits the rules it is made for', () => {
    const d = reportData(project);
    assert.deepEqual(d.skipped.map((s) => s.file), ['transcripts/broken.md']);
    const ids = d.codes.map((c) => c.id);
    assert.ok(ids.includes('old') && !ids.includes('gone') && !ids.includes('quiet-gone') && ids.includes('quiet'), ids.join());
    assert.ok(d.cooccurrence.cells.some((c) => c.a !== c.b && c.count > 0), 'some co-occurrence');
    assert.ok(d.matrix.cases.some((c) => c.label === 'transcripts/a/same.md'), d.matrix.cases.map((c) => c.label).join());
  });

  for (const [name, f] of filters) {
    for (const presence of [false, true]) {
      it(`gives the whole report's bytes: ${name}${presence ? ', --presence' : ''}`, () => {
        const data = reportData(project, f);
        const expected = { 'quotes.csv': quotesCsv(data), 'code-by-case.csv': codeByCaseCsv(data, presence), 'cooccurrence.csv': cooccurrenceCsv(data) };
        const fold = new CsvTablesFold(project.codebook, f, presence);
        for (const e of byPath(project)) fold.add({ path: e.path, transcript: e.transcript, diagnostics: e.diagnostics });
        const tables = fold.tables();
        assert.deepEqual(tables.skipped, data.skipped);
        for (const t of CSV_TABLES) assert.equal([...tables.records(t)].join(''), expected[t], `${t}\n${[...tables.records(t)].join('')}`);
        for (const t of CSV_TABLES) assert.equal([...reportTables(project, f, presence).records(t)].join(''), expected[t], t);
      });
    }
  }

  it('knows the cases and coders of every transcript, those with errors too, to check the filters', () => {
    const fold = new CsvTablesFold(project.codebook, { coders: ['A'], cases: [], codes: [] });
    for (const e of byPath(project)) fold.add(e);
    assert.deepEqual(fold.cases(), ['W', 'X', 'Z', 'transcripts/a/same.md', 'transcripts/b/same.md']);
    assert.deepEqual(fold.knownCoders(), ['A', 'B']);
  });

  it('names a transcript it could not read among the skipped, in the order added', () => {
    const fold = new CsvTablesFold(project.codebook, { coders: [], cases: [], codes: [] });
    fold.unreadable('transcripts/a.md');
    for (const e of byPath(project)) fold.add(e);
    assert.deepEqual(
      fold.tables().skipped.map((s) => [s.file, s.reason.replace(/\(.*/, '')]),
      [
        ['transcripts/a.md', 'cannot be read'],
        ['transcripts/broken.md', '1 error '],
      ],
    );
  });
});
