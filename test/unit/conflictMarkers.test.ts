/**
 * Git conflict markers (core/text/conflictMarkers.ts): an error at each marker line
 * of a transcript or codebook.yaml, with the exact range of the line.
 */
import * as assert from 'node:assert/strict';
import { parseCodebook } from '../../core/codebook/parse';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseTranscript } from '../../core/transcript/reparse';
import type { AxialDiagnostic } from '../../core/diagnostics';

const CODE = 'git.conflict-marker';
const markers = (ds: AxialDiagnostic[]) => ds.filter((d) => d.code === CODE);
/** Each marker diagnostic as the text it covers. */
const covered = (text: string, ds: AxialDiagnostic[]) => markers(ds).map((d) => text.slice(d.range.start, d.range.end));

const CONFLICT = ['P: before', '<<<<<<< HEAD', 'P: {{I trusted her}}{#trust}', '||||||| base', 'P: I trusted her', '=======', 'P: {{I trusted her}}{#rapport}', '>>>>>>> coder-b', 'I: after', ''];

describe('conflict markers', () => {
  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`each marker line of a transcript is an error over exactly that line (${name})`, () => {
      const text = CONFLICT.join(eol);
      const t = parseTranscript(text);
      assert.deepEqual(covered(text, t.diagnostics), ['<<<<<<< HEAD', '||||||| base', '=======', '>>>>>>> coder-b']);
      for (const d of markers(t.diagnostics)) assert.equal(d.severity, 'error');
      assert.match(markers(t.diagnostics)[0].message, /Unresolved git conflict/);
    });
  }

  it('a heading underlined with seven = and longer or unlabelled runs are not markers', () => {
    const text = 'Session\n=======\n\nP: <<<<<<< not at a line start\n<<<<<<<<\n>>>>>>>>> deep quote\n';
    assert.deepEqual(covered(text, parseTranscript(text).diagnostics), []);
  });

  it('a marker at the very start and at the very end of the file, without a label', () => {
    const text = '<<<<<<<\nP: a\n=======\nP: b\n>>>>>>>';
    assert.deepEqual(covered(text, parseTranscript(text).diagnostics), ['<<<<<<<', '=======', '>>>>>>>']);
  });

  it('in codebook.yaml the marker errors come first and are not hidden by the YAML errors they cause', () => {
    const text = 'version: 1\ncodes:\n<<<<<<< HEAD\n  trust: {}\n=======\n  trusting: {}\n>>>>>>> other\n';
    const cb = parseCodebook(text);
    assert.deepEqual(covered(text, cb.diagnostics), ['<<<<<<< HEAD', '=======', '>>>>>>> other']);
    assert.ok(cb.diagnostics.some((d) => d.code === 'codebook.yaml-syntax'));
    // At each marker's position, the marker error is the first diagnostic.
    for (const m of markers(cb.diagnostics)) assert.equal(cb.diagnostics.find((d) => d.range.start === m.range.start), m);
  });

  it('typing and removing a marker: the incremental parse equals a full parse', () => {
    const base = 'P: one\nP: {{two}}{#trust}\nP: three\n';
    const steps = [base, base.replace('P: three', '<<<<<<< HEAD\nP: three'), base.replace('P: three', '<<<<<<< HEAD\nP: three\n=======\n'), base];
    let t = parseTranscript(steps[0]);
    for (const s of steps.slice(1)) {
      t = reparseTranscript(t, s);
      assert.deepEqual(t.diagnostics, parseTranscript(s).diagnostics);
    }
    assert.equal(markers(parseTranscript(steps[2]).diagnostics).length, 2);
  });
});
