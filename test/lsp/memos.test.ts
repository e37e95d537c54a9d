import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../core';
import { URI } from 'vscode-uri';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Memo files (memos/*.md) through the real bundled server: their front matter is
 * checked against the codebook and the transcripts, a renamed code is renamed in
 * them (front matter and mentions in their text), a code's hover lists them, and
 * completion offers codes where a mention is typed. A code a memo names (in `codes:`, or in its
 * body as `#id` or `` `id` ``) hovers, goes to its definition, finds its references
 * and renames as a transcript's tag does.
 */
describe('memos over stdio', function () {
  let dir: string;
  let client: LspClient;
  let codebook: string;
  const memo = (name: string) => path.join(dir, 'memos', name);

  const TRUST_MEMO = '---\ncodes: [trust, "expertise"]\ntranscripts: [transcripts/patient.md]\n---\n# Trust comes before technique\n\nPatients speak of trust first.\n';
  /** Body mentions of codes, and look-alikes that are prose: `meeting room`, page#trust, #nothing, `nothing`. */
  const MENTIONS_MEMO = [
    '---',
    "codes: ['trust']",
    '---',
    '# Trust and #expertise',
    '',
    'In case C `trust` comes first: {{generated that trust}}{#trust @CA}.',
    'Not codes: the `meeting room`, page#trust, #nothing and `nothing`.',
    '',
  ].join('\n');

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    codebook = path.join(dir, 'codebook.yaml');
    mkdirSync(path.join(dir, 'memos'));
    writeFileSync(memo('trust.md'), TRUST_MEMO);
    writeFileSync(memo('typos.md'), '---\ncodes: [trsut]\ntranscripts: [transcripts/nobody.md]\n---\nA memo with two mistakes.\n');
    writeFileSync(memo('broken.md'), '---\ncodes: [trust\ntranscripts: x\n---\nBroken front matter.\n');
    writeFileSync(memo('what-coders-said.md'), MENTIONS_MEMO);
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}`);

  it('an unknown code is an error with a suggestion, an unknown transcript a warning, at their names', async () => {
    const ds = await client.waitForDiagnostics(memo('typos.md'), (d) => d.length === 2);
    assert.deepEqual(codes(ds).sort(), ['memo.unknown-code 1 1:8', 'memo.unknown-transcript 2 2:14']);
    const unknown = ds.find((d) => d.code === 'memo.unknown-code')!;
    assert.match(unknown.message, /Unknown code 'trsut'.*Did you mean 'trust'\?/);
    assert.deepEqual(unknown.range.end, { line: 1, character: 13 });
  });

  it('broken front matter is reported at its position, and a clean memo has no diagnostics', async () => {
    const ds = await client.waitForDiagnostics(memo('broken.md'), (d) => d.length > 0);
    assert.ok(ds.every((d) => d.code === 'memo.front-matter' && d.severity === 1), codes(ds).join(', '));
    assert.ok(ds.some((d) => d.range.start.line >= 1 && d.range.start.line <= 3), codes(ds).join(', '));
    assert.equal(client.diagnostics.get(uriOf(memo('trust.md')))?.length ?? 0, 0);
  });

  it('an open memo is re-checked as it is edited', async () => {
    await client.waitForDiagnostics(memo('typos.md'), (d) => d.length === 2);
    const text = readFileSync(memo('typos.md'), 'utf8');
    client.open(memo('typos.md'), text.replace('trsut', 'trust'), 'markdown');
    await client.waitForDiagnostics(memo('typos.md'), (d) => codes(d).join() === 'memo.unknown-transcript 2 2:14');
    client.change(memo('typos.md'), 2, text.replace('trsut', 'trust').replace('nobody', 'therapist'));
    await client.waitForDiagnostics(memo('typos.md'), (d) => d.length === 0);
  });

  it('renaming a code renames it in the memos that name it, quotes kept, text untouched', async () => {
    const text = readFileSync(codebook, 'utf8');
    const at = new LineIndex(text).positionAt(text.indexOf('  expertise:') + 3);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(codebook) }, position: at, newName: 'competence' });
    const memoEdits = edit.changes?.[uriOf(memo('trust.md'))] as TextEdit[] | undefined;
    assert.ok(memoEdits, `the memo is edited: ${Object.keys(edit.changes ?? {}).join(', ')}`);
    assert.equal(applyText(TRUST_MEMO, memoEdits), TRUST_MEMO.replace('"expertise"', '"competence"'));
    assert.equal(edit.changes?.[uriOf(memo('typos.md'))], undefined);
  });

  it('the hover of a code lists the memos that name it, with their first line', async () => {
    const text = readFileSync(codebook, 'utf8');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(codebook) }, position: new LineIndex(text).positionAt(text.indexOf('  trust:') + 3) });
    const md = (hover.contents as { value: string }).value;
    assert.match(md, /\*\*Memos\*\*\n- \[memos\/trust\.md\]\(file:[^)]*\/memos\/trust\.md\) — Trust comes before technique/);
    assert.doesNotMatch(md, /typos\.md/);
  });

  /** The position of the `nth` occurrence (0-based) of `needle` in `text`, `plus` characters in. */
  const posIn = (text: string, needle: string, plus = 0, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `no ${needle} (${nth}) in the text`);
    return new LineIndex(text).positionAt(at + plus);
  };
  const rangeIn = (text: string, needle: string, plus: number, length: number, nth = 0): Range =>
    ({ start: posIn(text, needle, plus, nth), end: posIn(text, needle, plus + length, nth) });
  const hoverAt = (file: string, position: unknown) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position });
  const markdownOf = (h: Hover | null) => (h?.contents as { value: string } | undefined)?.value;
  /** The spots in what-coders-said.md that name `trust`: front matter, inline code, and the tag copied from a transcript. */
  const trustSpots = () => [
    { what: "codes: ['trust']", at: posIn(MENTIONS_MEMO, "'trust'", 3), range: rangeIn(MENTIONS_MEMO, "'trust'", 0, 7) },
    { what: '`trust`', at: posIn(MENTIONS_MEMO, '`trust`', 1), range: rangeIn(MENTIONS_MEMO, '`trust`', 1, 5) },
    { what: '{#trust @CA}', at: posIn(MENTIONS_MEMO, '#trust @CA', 6), range: rangeIn(MENTIONS_MEMO, '#trust @CA', 1, 5) },
  ];

  it("hover on a code a memo names (front matter, `id`, #id) shows the code as a transcript's tag does", async () => {
    const patient = path.join(dir, 'transcripts', 'patient.md');
    const transcript = readFileSync(patient, 'utf8');
    const fromTag = markdownOf(await hoverAt(patient, posIn(transcript, '#trust}', 2)));
    assert.match(fromTag ?? '', /\*\*Trust\*\* `trust` \(code\)[\s\S]*The patient feels safe to open up\./);
    for (const spot of trustSpots()) {
      const h = await hoverAt(memo('what-coders-said.md'), spot.at);
      assert.equal(markdownOf(h), fromTag, `hover on ${spot.what}`);
      assert.deepEqual(h!.range, spot.range, `hover range on ${spot.what}`);
    }
    const expertise = await hoverAt(memo('what-coders-said.md'), posIn(MENTIONS_MEMO, '#expertise', 4));
    assert.match(markdownOf(expertise) ?? '', /\*\*Therapist as expert\*\* `expertise` \(code\)[\s\S]*The therapist knows what to do\./);
    // A front matter item the codebook lacks says so; in the body, words that are no code are prose.
    const typos = readFileSync(memo('typos.md'), 'utf8');
    assert.equal(markdownOf(await hoverAt(memo('typos.md'), posIn(typos, 'trsut', 2))), "**Unknown code** `trsut` — not in codebook.yaml.");
    for (const [needle, plus] of [['meeting room', 2], ['page#trust', 7], ['#nothing', 3], ['`nothing`', 3], ['Not codes', 1], ['# Trust', 3]] as const) {
      assert.equal(await hoverAt(memo('what-coders-said.md'), posIn(MENTIONS_MEMO, needle, plus)), null, `no hover on ${needle}`);
    }
  });

  it("go to definition from a code a memo names jumps to the code's codebook entry", async () => {
    const cb = readFileSync(codebook, 'utf8');
    const entry = (id: string) => ({ uri: uriOf(codebook), range: rangeIn(cb, `  ${id}:`, 2, id.length) });
    for (const spot of trustSpots()) {
      const loc = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: uriOf(memo('what-coders-said.md')) }, position: spot.at });
      assert.deepEqual(loc, entry('trust'), `definition from ${spot.what}`);
    }
    const trustMemo = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: uriOf(memo('trust.md')) }, position: posIn(TRUST_MEMO, '"expertise"', 1) });
    assert.deepEqual(trustMemo, entry('expertise'));
    const fromHeading = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: uriOf(memo('what-coders-said.md')) }, position: posIn(MENTIONS_MEMO, '#expertise', 10) });
    assert.deepEqual(fromHeading, entry('expertise'));
    for (const [needle, plus] of [['page#trust', 7], ['#nothing', 3]] as const) {
      assert.equal(await client.request('textDocument/definition', { textDocument: { uri: uriOf(memo('what-coders-said.md')) }, position: posIn(MENTIONS_MEMO, needle, plus) }), null);
    }
  });

  it("a code's references include every memo that names it, and are the same asked from a memo", async () => {
    const patient = path.join(dir, 'transcripts', 'patient.md');
    const transcript = readFileSync(patient, 'utf8');
    const refs = (file: string, position: unknown) => client.request<Location[]>('textDocument/references', { textDocument: { uri: uriOf(file) }, position, context: { includeDeclaration: true } });
    const key = (l: Location) => `${path.relative(dir, URI.parse(l.uri).fsPath)} ${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;
    const fromTag = await refs(patient, posIn(transcript, '#trust}', 2));
    const memoRefs = fromTag.filter((l) => l.uri.includes('/memos/')).map(key);
    const at = (file: string, text: string, needle: string, plus: number, length: number) =>
      key({ uri: uriOf(memo(file)), range: rangeIn(text, needle, plus, length) });
    assert.deepEqual(memoRefs, [
      at('trust.md', TRUST_MEMO, 'trust,', 0, 5),
      at('what-coders-said.md', MENTIONS_MEMO, "'trust'", 1, 5), // front matter: the id inside its quotes
      at('what-coders-said.md', MENTIONS_MEMO, '`trust`', 1, 5),
      at('what-coders-said.md', MENTIONS_MEMO, '#trust @CA', 1, 5),
    ]);
    // The spans are still there, after the codebook entry: 2 in patient.md, 1 in therapist.md.
    assert.equal(fromTag.filter((l) => l.uri.includes('/transcripts/')).length, 3);
    assert.equal(key(fromTag[0]), key({ uri: uriOf(codebook), range: rangeIn(readFileSync(codebook, 'utf8'), '  trust:', 2, 5) }));
    for (const spot of trustSpots()) {
      assert.deepEqual((await refs(memo('what-coders-said.md'), spot.at)).map(key), fromTag.map(key), `references from ${spot.what}`);
    }
    const expertise = (await refs(memo('what-coders-said.md'), posIn(MENTIONS_MEMO, '#expertise', 3))).filter((l) => l.uri.includes('/memos/')).map(key);
    assert.deepEqual(expertise, [at('trust.md', TRUST_MEMO, '"expertise"', 1, 9), at('what-coders-said.md', MENTIONS_MEMO, '#expertise', 1, 9)]);
  });

  /** What-coders-said.md with `trust` renamed to `to` everywhere it names the code: front matter, `trust`, {#trust @CA}. */
  const mentionsRenamed = (to: string) => MENTIONS_MEMO.replace("'trust'", `'${to}'`).replace('`trust` comes', `\`${to}\` comes`).replace('{#trust @CA}', `{#${to} @CA}`);

  it("rename from a memo's codes: or from a mention in its text renames the code everywhere, mentions included", async () => {
    // prepareRename selects the id: inside its quotes in the front matter, without the
    // backticks or `#` in the text; on a front matter code the codebook lacks it refuses
    // in words; on prose there is nothing.
    const prepare = (position: unknown) => client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: uriOf(memo('what-coders-said.md')) }, position });
    assert.deepEqual(await prepare(posIn(MENTIONS_MEMO, "'trust'", 2)), { range: rangeIn(MENTIONS_MEMO, "'trust'", 1, 5), placeholder: 'trust' });
    assert.deepEqual(await prepare(posIn(MENTIONS_MEMO, '`trust`', 2)), { range: rangeIn(MENTIONS_MEMO, '`trust`', 1, 5), placeholder: 'trust' });
    assert.deepEqual(await prepare(posIn(MENTIONS_MEMO, '#expertise', 3)), { range: rangeIn(MENTIONS_MEMO, '#expertise', 1, 9), placeholder: 'expertise' });
    const typos = readFileSync(memo('typos.md'), 'utf8');
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: uriOf(memo('typos.md')) }, position: posIn(typos, 'trsut', 1) }), /'trsut' is not a code of the codebook/);
    assert.equal(await prepare(posIn(MENTIONS_MEMO, 'page#trust', 7)), null);
    assert.equal(await prepare(posIn(MENTIONS_MEMO, '`nothing`', 3)), null);

    const cb = readFileSync(codebook, 'utf8');
    const patient = path.join(dir, 'transcripts', 'patient.md');
    for (const [what, position] of [["codes: ['trust']", posIn(MENTIONS_MEMO, "'trust'", 2)], ['`trust` in the text', posIn(MENTIONS_MEMO, '`trust`', 3)], ['{#trust @CA} in the text', posIn(MENTIONS_MEMO, '#trust @CA', 4)]] as const) {
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(memo('what-coders-said.md')) }, position, newName: 'rapport' });
      const changed = (file: string) => edit.changes?.[uriOf(file)] as TextEdit[] | undefined;
      assert.equal(applyText(MENTIONS_MEMO, changed(memo('what-coders-said.md'))!), mentionsRenamed('rapport'), `from ${what}`);
      assert.equal(applyText(TRUST_MEMO, changed(memo('trust.md'))!), TRUST_MEMO.replace('[trust,', '[rapport,'), `from ${what}`);
      assert.match(applyText(cb, changed(codebook)!), /^ {2}rapport:$/m);
      assert.equal(applyText(readFileSync(patient, 'utf8'), changed(patient)!).match(/#rapport\b/g)?.length, 2);
      assert.equal(changed(memo('typos.md')), undefined);
    }
  });

  it("renaming a code from a transcript's tag or the codebook updates the mentions in memos' text", async () => {
    const patient = path.join(dir, 'transcripts', 'patient.md');
    const transcript = readFileSync(patient, 'utf8');
    const fromTag = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(patient) }, position: posIn(transcript, '#trust}', 3), newName: 'confianza-2' });
    assert.equal(applyText(MENTIONS_MEMO, fromTag.changes?.[uriOf(memo('what-coders-said.md'))] as TextEdit[]), mentionsRenamed('confianza-2'));

    // A code only the memo's text mentions: the heading's #expertise changes, its prose does not.
    const cb = readFileSync(codebook, 'utf8');
    const fromCodebook = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(codebook) }, position: posIn(cb, '  expertise:', 3), newName: 'competence' });
    assert.equal(applyText(MENTIONS_MEMO, fromCodebook.changes?.[uriOf(memo('what-coders-said.md'))] as TextEdit[]), MENTIONS_MEMO.replace('# Trust and #expertise', '# Trust and #competence'));
    assert.equal(applyText(TRUST_MEMO, fromCodebook.changes?.[uriOf(memo('trust.md'))] as TextEdit[]), TRUST_MEMO.replace('"expertise"', '"competence"'));
  });

  it('completion in a memo offers the codes after # and inside backticks, replacing the id typed so far', async () => {
    const text = '---\ncodes: [trust]\n---\n# Notes\n\nPatients speak of #tr and of `ex`.\npage#tr\n';
    writeFileSync(memo('draft.md'), text);
    client.open(memo('draft.md'), text, 'markdown');
    const completion = async (position: unknown) => {
      const answer = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(memo('draft.md')) }, position });
      return Array.isArray(answer) ? answer : answer.items;
    };
    const edits = (items: CompletionItem[]) => items.map((i) => [i.label, (i.textEdit as TextEdit).newText, (i.textEdit as TextEdit).range]);
    // The server handles messages in order: the opened memo is read before completion is asked.
    const afterTag = await completion(posIn(text, '#tr and', 3));
    const tr = rangeIn(text, '#tr and', 1, 2);
    assert.deepEqual(edits(afterTag).sort(), [['confianza → trust', 'trust', tr], ['expertise', 'expertise', tr], ['old-trust', 'old-trust', tr], ['trust', 'trust', tr]]);
    const ex = rangeIn(text, '`ex`', 1, 2);
    assert.deepEqual(edits(await completion(posIn(text, '`ex`', 3))).find(([label]) => label === 'expertise'), ['expertise', 'expertise', ex]);
    for (const [needle, plus] of [['# Notes', 1], ['page#tr', 7], ['[trust', 3], ['Patients', 4]] as const) {
      assert.deepEqual(await completion(posIn(text, needle, plus)), [], `nothing at ${needle}`);
    }
  });
});

function applyText(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const e of sorted) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}
