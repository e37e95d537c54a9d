import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../../core';
import { transcriptFromText, type TranscriptImport } from '../../../core/importing';
import { inOrder, SAMPLES, spokenWords, words } from './samples';

/** Parses an imported transcript and returns it, failing on any error diagnostic. */
function parsed(text: string) {
  const t = parseTranscript(text);
  const errors = t.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => d.message), [], text);
  return t;
}

describe('transcriptFromText', () => {
  for (const s of SAMPLES) {
    describe(s.name, () => {
      let r: TranscriptImport;
      before(async () => {
        r = await transcriptFromText(s.text, s.kind, s.name.replace(/\.\w+$/, ''));
      });
      it(`is read as ${s.shape}`, () => {
        assert.ok(r.ok, r.ok ? '' : r.error);
        assert.equal(r.shape, s.shape);
      });
      it('keeps every spoken word, in order, in the stripped text', () => {
        assert.ok(r.ok);
        const t = parsed(r.text);
        const check = inOrder(spokenWords(s), words(t.stripped.text));
        assert.ok(check.ok, check.ok ? '' : `missing "${check.missing}" (word ${check.at}) in:\n${t.stripped.text}`);
      });
      it('declares each speaker once in the front matter, and every turn uses a declared label', () => {
        assert.ok(r.ok);
        const t = parsed(r.text);
        assert.deepEqual(Object.values(t.frontMatter?.speakers ?? {}), s.speakers);
        assert.deepEqual(new Set([...r.speakers.values()]), new Set(s.speakers));
        const labels = new Set(Object.keys(t.frontMatter?.speakers ?? {}));
        assert.equal(labels.size, s.speakers.length);
        for (const turn of t.turns) assert.ok(labels.has(turn.speaker), turn.speaker);
        assert.equal(t.turns.length, r.turns);
      });
    });
  }

  it('merges consecutive cues of one speaker into one turn that keeps the first start time', async () => {
    const r = await transcriptFromText(SAMPLES[0].text, 'vtt');
    assert.ok(r.ok);
    const body = r.text.split('---\n')[2];
    assert.equal(
      body,
      'CA: [00:00:01] Which of all these factors had the strongest influence?\n' +
        "P3: [00:00:05] Building trust, I think & feeling safe. If I hadn't \\{trusted\\} her 🎉 I would never have opened up.\n" +
        'CA: [00:01:02] Thank you.\n',
    );
  });

  it('lets a cue with no speaker continue the turn before it', async () => {
    const r = await transcriptFromText(SAMPLES[1].text, 'vtt');
    assert.ok(r.ok);
    assert.match(r.text, /\nA: \[00:00:04\] Empezó en mayo, después de la mudanza\. y luego todo cambió\.\n/);
  });

  it('writes one timestamped line per cue when captions name no speaker', async () => {
    const r = await transcriptFromText('1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:03,000 --> 00:00:04,000\nIt is me.\n', 'srt', 'x');
    assert.ok(r.ok);
    assert.equal(r.text, '---\ntitle: x\n---\n[00:00:01] Hello.\n[00:00:03] It is me.\n');
    assert.equal(r.speakers.size, 0);
  });

  it('keeps text before the first turn as text of no speaker, and "Note:" is not a speaker', async () => {
    const r = await transcriptFromText(SAMPLES[6].text, 'txt');
    assert.ok(r.ok);
    const t = parsed(r.text);
    assert.equal(t.turns[0].speaker, 'I');
    assert.ok(t.stripped.text.indexOf('Note: the participant') < t.turns[0].range.start);
  });

  it('reads a .txt that is really WebVTT or SRT as captions', async () => {
    const vtt = await transcriptFromText(SAMPLES[0].text, 'txt');
    assert.ok(vtt.ok && vtt.shape === 'webvtt');
    const srt = await transcriptFromText(SAMPLES[2].text, 'txt');
    assert.ok(srt.ok && srt.shape === 'srt');
  });

  it('refuses empty, binary and cue-less input with one line', async () => {
    for (const [text, kind, error] of [
      ['', 'txt', 'the file is empty'],
      [' \n\t\n', 'vtt', 'the file is empty'],
      ['abc\u0000def', 'txt', 'the file is binary, not text'],
      ['WEBVTT\n\nno cue here\n', 'vtt', /^not valid captions|^no caption cues/],
      ['WEBVTT\n', 'vtt', /^no caption cues found/],
    ] as const) {
      const r = await transcriptFromText(text, kind);
      assert.equal(r.ok, false, JSON.stringify(text));
      if (!r.ok) {
        if (typeof error === 'string') assert.equal(r.error, error);
        else assert.match(r.error, error);
        assert.ok(!r.error.includes('\n'));
      }
    }
  });

  it('keeps any dialogue word for word: stripped text holds every word in order, with no errors (property)', async () => {
    const name = fc.constantFrom('Interviewer', 'Ana Ruiz', 'Speaker 1', 'Speaker 2', 'Dr. Kim', 'Łucja', '王伟');
    const word = fc.stringMatching(/^[^\s]{1,8}$/);
    const line = fc.tuple(name, fc.array(word, { minLength: 1, maxLength: 8 }));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
        const text = lines.map(([n, ws]) => `${n}: ${ws.join(' ')}`).join('\n');
        const r = await transcriptFromText(text, 'txt', 't');
        if (!r.ok) return false;
        const t = parseTranscript(r.text);
        if (t.diagnostics.some((d) => d.severity === 'error')) return false;
        const spoken = lines.flatMap(([, ws]) => ws);
        return inOrder(spoken, words(t.stripped.text)).ok;
      }),
      { numRuns: 300 },
    );
  });
});
