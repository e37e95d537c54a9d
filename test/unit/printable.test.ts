/**
 * Messages quote user text safely (core/text/printable.ts): whatever a transcript
 * or a codebook holds, a diagnostic message is one line with no control characters.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseCodebook } from '../../core/codebook/parse';
import { printable } from '../../core/text/printable';
import { parseTranscript } from '../../core/transcript/parse';
import { validateTranscript } from '../../core/transcript/validate';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('escapes line breaks, tabs and other controls as JSON does, and nothing else', () => {
    assert.equal(printable('a\nb\r\tc'), 'a\\nb\\r\\tc');
    assert.equal(printable('\u001b[31mred'), '\\u001b[31mred');
    assert.equal(printable('x\u2028y\u202ez\u0085'), 'x\\u2028y\\u202ez\\u0085');
    assert.equal(printable('Confiança — 信頼 😀 "q" \\'), 'Confiança — 信頼 😀 "q" \\');
  });

  it('never leaves an unsafe character (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !UNSAFE.test(printable(s))));
  });

  it('a front matter key with a line break gives a one-line message', () => {
    const t = parseTranscript('---\n"x\\ntranscripts/other.md:9:9 error code.unknown forged line": 1\n---\nP: hello\n');
    const d = t.diagnostics.find((x) => x.code === 'front-matter.unknown-key');
    assert.ok(d, JSON.stringify(t.diagnostics));
    assert.ok(!/[\r\n]/.test(d.message), d.message);
    assert.match(d.message, /x\\ntranscripts\/other\.md:9:9 error code\.unknown forged line/);
  });

  it('codebook keys, values and examples are quoted without their control characters', () => {
    const cb = parseCodebook(
      'version: 1\ncodes:\n  "bad\\nid": {}\n  trust:\n    status: "on\\rhold"\n    colour: x\n    examples: ["two\\nlines"]\n  "x\\u001b[2J": {}\n',
    );
    assert.ok(cb.diagnostics.length >= 3, JSON.stringify(cb.diagnostics));
    for (const d of cb.diagnostics) assert.ok(!UNSAFE.test(d.message), d.message);
    assert.ok(cb.diagnostics.some((d) => d.message.includes("'bad\\nid'")));
  });

  it('tags and coders checked against the codebook are quoted without control characters', () => {
    const cb = parseCodebook('version: 1\ncoders:\n  AB: Ann\ncodes:\n  trust: {}\n');
    const t = parseTranscript('---\ncoder: "X\\u0007Y"\n---\nP: {{yes}}{#tru\u001bst}\n');
    const ds = validateTranscript(t, cb);
    assert.ok(ds.length >= 1, JSON.stringify(ds));
    for (const d of [...ds, ...t.diagnostics]) assert.ok(!UNSAFE.test(d.message), d.message);
  });
});
