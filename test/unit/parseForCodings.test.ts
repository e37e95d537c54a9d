import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTranscript } from '../../core';
import { extractCodings } from '../../core/codings/extract';
import { DiagnosticCodes } from '../../core/diagnostics';
import { parseForCodings } from '../../core/transcript/parse';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'therapeutic-relationship', 'transcripts');

/** Texts whose markup exercises every part of the scanner: labels, escapes, errors, BOM, CRLF, front matter. */
const CASES: Record<string, string> = {
  nested: 'P: {{I felt {{a burden}}{#burden} every time }}{#guilt}\n',
  crossing: 'P: {{^a The pills made me dizzy, {{^b so I skipped the dose}}{^a #side-effects}\nand never told anyone.}}{^b #concealment}\n',
  coders: '---\ncoder: LN\n---\nP: {{trust}}{#a #b}{#a @CA "sure"}{#c @LN "why"}\n',
  escapes: 'I: a \\{brace\\} and \\\\ {{coded \\}}}{#x}\n',
  errors: 'P: {{never closed\nP: }}{#orphan} {{x}} {{^a y}}{^b #z}\n',
  duplicateLabels: 'P: {{^a one}}{^a #x} {{^a two}}{^a #y}\n',
  bom: '\ufeffP: {{hi}}{#greet}\n',
  crlf: '---\r\ncoder: "CA"\r\n---\r\nI: {{one\r\ntwo}}{#a}\r\n',
  unclosedFrontMatter: '---\ncoder: LN\nP: {{x}}{#a}\n',
  yamlFrontMatter: '---\ncoder: LN\nspeakers:\n  I: interviewer\n  P: participant\n---\nI: {{q}}{#a}\nP: {{r}}{#b @CA}\n',
  conflictMarkers: '<<<<<<< ours\nP: {{a}}{#x}\n=======\nP: {{a}}{#y}\n>>>>>>> theirs\n',
};

function examples(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(EXAMPLE)) if (f.endsWith('.md')) out[f] = readFileSync(path.join(EXAMPLE, f), 'utf8');
  return out;
}

describe('parseForCodings (the parse merge reads versions with)', () => {
  for (const [name, text] of Object.entries({ ...CASES, ...examples() })) {
    it(`reads ${name} as parseTranscript does, but for turns, quotes and conflict markers`, () => {
      const full = parseTranscript(text);
      const lean = parseForCodings(text);
      assert.ok(full.spans.length > 0, 'the case has spans');
      assert.equal(lean.stripped.text, full.stripped.text);
      assert.deepEqual(lean.stripped.runs, full.stripped.runs);
      assert.equal(lean.bodyStart, full.bodyStart);
      assert.deepEqual(lean.frontMatter, full.frontMatter);
      assert.deepEqual(extractCodings(lean), extractCodings(full));
      // Spans are the same objects but for what is skipped: the quote and the turn.
      assert.deepEqual(
        lean.spans.map((s) => ({ ...s, quote: '', turn: undefined })),
        full.spans.map((s) => ({ ...s, quote: '', turn: undefined })),
      );
      for (const s of lean.spans) assert.equal(s.quote, '');
      assert.deepEqual(lean.turns, []);
      assert.deepEqual(
        lean.diagnostics,
        full.diagnostics.filter((d) => d.code !== DiagnosticCodes.conflictMarker),
      );
    });
  }

  it('never throws on what is not a string', () => {
    assert.equal(parseForCodings(undefined as unknown as string).stripped.text, '');
  });
});

describe('parseTranscript without quotes (what axial check parses with when no codebook example is looked for)', () => {
  for (const [name, text] of Object.entries({ ...CASES, ...examples() })) {
    it(`reads ${name} as with quotes, every diagnostic and turn included, but for the quotes`, () => {
      const full = parseTranscript(text);
      const lean = parseTranscript(text, { quotes: false });
      assert.ok(full.spans.some((s) => s.quote !== ''), 'the case has quotes');
      assert.deepEqual(lean.diagnostics, full.diagnostics);
      assert.deepEqual(lean.turns, full.turns);
      assert.deepEqual(lean.frontMatter, full.frontMatter);
      assert.equal(lean.stripped.text, full.stripped.text);
      assert.deepEqual(
        lean.spans.map((s) => ({ ...s, quote: '' })),
        full.spans.map((s) => ({ ...s, quote: '' })),
      );
      for (const s of lean.spans) assert.equal(s.quote, '');
    });
  }
});
