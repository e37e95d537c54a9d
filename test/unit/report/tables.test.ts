import * as assert from 'node:assert/strict';
import { codeByCaseCsv, cooccurrenceCsv, CSV_TABLES, projectCases, projectCoders, quotesCsv, reportData, reportTables, type ReportFilters } from '../../../core/report';
import { resolveCode } from '../../../core/codebook';
import { EXAMPLE, loadProject } from '../analysis/load';

/**
 * The csv report streams its tables from the project (reportTables) without
 * building the whole report; these tests hold it to the whole report's tables
 * (reportData and the string builders, what `axial report --format csv` wrote
 * before streaming), byte for byte, under every kind of filter.
 */
describe('report: csv tables streamed', () => {
  const project = loadProject(EXAMPLE);
  const coders = projectCoders(project);
  const cases = projectCases(project);
  const category = [...project.codebook.codes.values()].find((c) => c.kind === 'category')!.id;
  const code = [...project.codebook.codes.values()].find((c) => c.kind !== 'category' && project.usage.has(c.id))!.id;
  const filters: [string, ReportFilters][] = [
    ['no filter', { coders: [], cases: [], codes: [] }],
    ['one coder', { coders: [coders[0]], cases: [], codes: [] }],
    ['two cases', { coders: [], cases: cases.slice(0, 2), codes: [] }],
    ['a category and a code', { coders: [], cases: [], codes: [category, resolveCode(project.codebook, code)!.id] }],
    ['all three', { coders: [coders[coders.length - 1]], cases: cases.slice(1), codes: [category] }],
  ];

  it('the example project has what the filters need (two coders, cases, a category)', () => {
    assert.ok(coders.length >= 2, coders.join());
    assert.ok(cases.length >= 3, cases.join());
  });

  for (const [name, f] of filters) {
    for (const presence of [false, true]) {
      it(`writes the same bytes as the whole report: ${name}${presence ? ', --presence' : ''}`, () => {
        const data = reportData(project, f);
        const expected = { 'quotes.csv': quotesCsv(data), 'code-by-case.csv': codeByCaseCsv(data, presence), 'cooccurrence.csv': cooccurrenceCsv(data) };
        const tables = reportTables(project, f, presence);
        assert.deepEqual(tables.skipped, data.skipped);
        for (const t of CSV_TABLES) assert.equal([...tables.records(t)].join(''), expected[t], t);
        assert.ok(data.codings.length > 0 || name !== 'no filter');
      });
    }
  }

  it('yields quotes.csv in pieces: the header, then the records of each transcript, one per coding', () => {
    const pieces = [...reportTables(project, filters[0][1]).records('quotes.csv')];
    assert.equal(pieces[0], 'code,code_path,quote,case,participant,speaker,coder,file,line\r\n');
    for (const r of pieces) assert.ok(r.endsWith('\r\n'));
    const transcripts = new Set(reportData(project).codings.map((c) => c.file));
    assert.equal(pieces.length, transcripts.size + 1);
    assert.equal(pieces.join('').split('\r\n').length - 2, reportData(project).codings.length);
  });
});
