/**
 * The output formats of `axial check` (cli/output.ts): whatever a file name or a
 * message holds, each diagnostic is exactly one line, and a GitHub annotation is
 * exactly one workflow command.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { escapeGithubData, escapeGithubProperty, formatGithub, formatSummary, formatText, type CheckDiagnostic } from '../../cli/output';

const diagnostic = (file: string, message: string): CheckDiagnostic => ({ file, line: 3, column: 1, endLine: 3, endColumn: 9, severity: 'error', code: 'code.unknown', message });

describe('axial check output', () => {
  it("escapes as GitHub's workflow command rules say", () => {
    assert.equal(escapeGithubData('100%\r\n::error::x'), '100%25%0D%0A::error::x');
    assert.equal(escapeGithubProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
    assert.equal(formatGithub(diagnostic('t/a,b.md', 'Bad 50%.')), '::error file=t/a%2Cb.md,line=3,col=1,endLine=3,endColumn=9,title=code.unknown::Bad 50%25.');
  });

  it('any file name and message give one text line and one annotation with its own properties (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (file, message) => {
        const d = diagnostic(file, message);
        const text = formatText(d);
        const github = formatGithub(d);
        // Nothing a terminal or the Actions runner reads as a line break.
        const breaks = /[\n\r\u2028\u2029\u0085]/;
        if (breaks.test(text) || breaks.test(github)) return false;
        // The properties end at the first `::`, and are exactly the six Axial writes.
        const m = /^::error (.*?)::/.exec(github);
        return m !== null && m[1].split(',').map((p) => p.split('=')[0]).join(',') === 'file,line,col,endLine,endColumn,title';
      }),
    );
  });

  it('the summary counts in the singular and the plural', () => {
    assert.equal(formatSummary({ projects: 1, transcripts: 1, errors: 1, warnings: 1, strict: false, ok: false }), '1 project, 1 transcript: 1 error, 1 warning');
    assert.equal(formatSummary({ projects: 2, transcripts: 0, errors: 0, warnings: 2, strict: true, ok: false }), '2 projects, 0 transcripts: 0 errors, 2 warnings (--strict: warnings fail)');
  });
});
