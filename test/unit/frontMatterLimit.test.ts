/**
 * Front matter past MAX_YAML_FRONT_MATTER is not read as YAML: megabytes between two
 * `---` lines are a misplaced fence, and the yaml package spent seconds on them every
 * time the transcript was parsed (fuzz seeds 4292299984 and 2447339266: 39 s of CPU
 * for one case). One error says so; the body and its codings are read as usual.
 */
import * as assert from 'node:assert/strict';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseTranscript } from '../../core/transcript/reparse';
import { parseMemo } from '../../core/memos/parse';
import { MAX_YAML_FRONT_MATTER } from '../../core/text/frontMatterLimit';
import { DiagnosticCodes } from '../../core/diagnostics';

/** YAML that the flat `key: value` reader does not take (a nested map), `size` characters between the fences. */
function yamlFrontMatter(size: number): string {
  const head = 'case: A\nspeakers:\n  P: participant\nnotes:\n';
  const line = '  - "a long note, with {{braces}} and ^labels"\n';
  return head + line.repeat(Math.ceil((size - head.length) / line.length));
}

describe('front matter too long to read as YAML', () => {
  const body = 'P: I {{trusted her}}{#trust} a lot.\n';

  it('is one error on the opening fence; the body is read as usual', () => {
    const yaml = yamlFrontMatter(MAX_YAML_FRONT_MATTER + 1000);
    const text = `---\n${yaml}---\n${body}`;
    const t = parseTranscript(text);
    const errors = t.diagnostics.filter((d) => d.code === DiagnosticCodes.frontMatterYaml);
    assert.equal(errors.length, 1);
    assert.deepEqual(errors[0].range, { start: 0, end: 3 });
    assert.match(errors[0].message, /is [\d,]+ characters long; Axial reads YAML front matter of up to 262,144 characters/);
    assert.equal(t.frontMatter?.case, undefined, 'nothing is read from it');
    assert.equal(t.bodyStart, text.indexOf(body));
    assert.deepEqual(
      t.spans.map((s) => s.quote),
      ['trusted her'],
    );
    assert.equal(t.stripped.text, 'P: I trusted her a lot.\n');
  });

  it('is read as YAML up to the limit', () => {
    const yaml = yamlFrontMatter(MAX_YAML_FRONT_MATTER - 1000);
    assert.ok(yaml.length <= MAX_YAML_FRONT_MATTER);
    const t = parseTranscript(`---\n${yaml}---\n${body}`);
    assert.equal(t.frontMatter?.case, 'A');
    assert.deepEqual(t.frontMatter?.speakers, { P: 'participant' });
    assert.equal(t.diagnostics.filter((d) => d.code === DiagnosticCodes.frontMatterYaml).length, 0);
  });

  it('still reads flat key: value lines of any length', () => {
    const text = `---\ncase: B\nx-note: ${'word '.repeat(MAX_YAML_FRONT_MATTER / 4)}end\n---\n${body}`;
    const t = parseTranscript(text);
    assert.equal(t.frontMatter?.case, 'B');
    assert.equal(t.diagnostics.length, 0);
  });

  it('an edit that brings it under the limit reads it again, as a full parse does', () => {
    const yaml = yamlFrontMatter(MAX_YAML_FRONT_MATTER + 200);
    const text = `---\n${yaml}---\n${body}`;
    const cut = text.indexOf('  - "a long note');
    const shorter = text.slice(0, cut) + text.slice(cut + 2000);
    assert.deepEqual(reparseTranscript(parseTranscript(text), shorter), parseTranscript(shorter));
    assert.equal(parseTranscript(shorter).frontMatter?.case, 'A');
  });

  it("a memo's front matter past the limit names nothing, with one error", () => {
    const yaml = `codes: [trust]\n${'# a comment line of the memo front matter\n'.repeat(MAX_YAML_FRONT_MATTER / 40)}`;
    const m = parseMemo(`---\n${yaml}---\nThe note.\n`);
    assert.deepEqual(m.codes, []);
    assert.equal(m.diagnostics.length, 1);
    assert.match(m.diagnostics[0].message, /front matter is [\d,]+ characters long/);
    // Under the limit the same memo names its code.
    assert.deepEqual(parseMemo('---\ncodes: [trust]\n---\nThe note.\n').codes.map((c) => c.value), ['trust']);
  });
});
