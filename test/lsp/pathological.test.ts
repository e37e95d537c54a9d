import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TREE_QUOTE_PAGE, TreeChildrenRequest, TreePathRequest, type TreeNode } from '../../common/protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Pathological transcripts through the real server: every request answers (each
 * within a generous 60 s timeout; bench/pathologicalServer.ts measures how fast) in
 * at most a few megabytes, the tree pages a code's quotes, the server stays up, and
 * a keystroke still publishes diagnostics.
 */
interface Shape {
  name: string;
  text: string;
  /** A line and character inside a `#trust` tag. */
  tag: { line: number; character: number };
  /** Diagnostics the shape must yield once published. */
  expect: (ds: Diagnostic[]) => boolean;
}

const N = 50000;
/** No answer may be larger, whatever the input ("a few megabytes"). */
const MAX_ANSWER_BYTES = 4_000_000;
/** One unknown code at the end, so each shape publishes diagnostics (empty ones are not sent). */
const TAIL = '\nQ: {{x}}{#nope}\n';
const unknownOnly = (ds: Diagnostic[]) => ds.length === 1 && ds[0].code === 'code.unknown';
/** The parse-limit diagnostic is published, and its message says what was left out. */
const limitSaid = (message: RegExp) => (ds: Diagnostic[]) => ds.some((d) => d.code === 'transcript.too-much-markup' && message.test(d.message));
const speakers = Array.from({ length: 10000 }, (_, i) => `  S${i}: role ${i}`).join('\n');
const shapes: Shape[] = [
  {
    name: `${N} nested spans on one line split by lone CRs (750 KB)`,
    text: 'P: ' + '{{a\r'.repeat(N) + '}}{#trust}\r'.repeat(N) + TAIL,
    tag: { line: 0, character: 3 + 4 * N + 4 },
    expect: unknownOnly,
  },
  {
    name: 'a run of 262,144 closers on one line',
    text: 'P: {{x}}{#trust} ' + '}}'.repeat(131072) + TAIL,
    tag: { line: 0, character: 10 },
    // One problem for the whole run, its range covering it and its message counting it.
    expect: (ds) =>
      ds.length === 2 &&
      ds[0].code === 'span.unmatched-closer' &&
      ds[0].message.startsWith('These 131,072 `}}` close no span') &&
      ds[0].range.start.character === 17 &&
      ds[0].range.end.character === 17 + 262144 &&
      ds[1].code === 'code.unknown',
  },
  {
    name: '131,072 closers on one line, each followed by a space',
    text: 'P: {{x}}{#trust} ' + '}} '.repeat(131072) + TAIL,
    tag: { line: 0, character: 10 },
    // 131,072 problems: the parse keeps 10,000 and one that counts the rest (published
    // wherever it stands); the first 5,000 are published, then one that counts the others.
    expect: (ds) =>
      ds.length === 5002 &&
      ds.filter((d) => d.code === 'span.unmatched-closer').length === 5000 &&
      ds[5000].code === 'transcript.too-much-markup' &&
      ds[5000].message.includes('121,072 more from line 1 are not listed') &&
      ds[5001].code === 'diagnostics.truncated' &&
      ds[5001].message.startsWith('5,001 more problems'),
  },
  // Multi-megabyte lines of markup (issue 10): past 100,000 spans and 10,000 problems
  // the parse counts the rest and says so in one diagnostic.
  {
    name: 'a 3 MB line of 1,000,000 openers `{{a`',
    text: 'P: {{x}}{#trust} ' + '{{a'.repeat(1_000_000) + TAIL,
    tag: { line: 0, character: 10 },
    expect: limitSaid(/900,002 more from line 1 are not read as codings/),
  },
  {
    name: 'a 3 MB line of 500,000 stray closers each with a block `}}{#x}`',
    text: 'P: {{x}}{#trust} ' + '}}{#x}'.repeat(500_000) + TAIL,
    tag: { line: 0, character: 10 },
    expect: limitSaid(/490,000 more from line 1 are not listed/),
  },
  {
    name: 'a 3 MB line of 600,000 stray closers separated by text `}} a `',
    text: 'P: {{x}}{#trust} ' + '}} a '.repeat(600_000) + TAIL,
    tag: { line: 0, character: 10 },
    expect: limitSaid(/590,000 more from line 1 are not listed/),
  },
  {
    name: 'a 5 MB line of 200,000 labelled spans, each closer closing the lowest open one',
    // Tagged with an unknown code: the check against the codebook lists 10,000 of the
    // 100,000 kept spans' problems and counts the rest.
    text: 'P: {{x}}{#trust} ' + Array.from({ length: 200_000 }, (_, i) => `{{^l${i} w`).join('') + Array.from({ length: 200_000 }, (_, i) => `}}{^l${i} #x}`).join('') + TAIL,
    tag: { line: 0, character: 10 },
    expect: (ds) => limitSaid(/100,002 more from line 1 are not read as codings/)(ds) && limitSaid(/codes and coders; 89,999 more from line 1 are not listed/)(ds),
  },
  {
    name: 'a 3 MB line of NUL and labelled closers naming no open span',
    text: 'P: {{x}}{#trust} ' + '\0}}{^x #a}'.repeat(300_000) + TAIL,
    tag: { line: 0, character: 10 },
    expect: limitSaid(/590,000 more from line 1 are not listed/),
  },
  {
    name: '10,000 declared speakers with 10,000 turns',
    text: `---\nspeakers:\n${speakers}\n---\n` + Array.from({ length: 10000 }, (_, i) => `S${i}: hello {{there}}{#trust}\n`).join('') + TAIL,
    tag: { line: 10003, character: 'S0: hello {{there}}{#'.length },
    expect: unknownOnly,
  },
];

describe('language server: pathological transcripts', function () {
  for (const shape of shapes) {
    describe(shape.name, function () {
      let dir: string;
      let client: LspClient;
      let file: string;
      let uri: string;
      const textDocument = () => ({ uri });

      // Whole-project requests over 50,000 nested spans take seconds on a busy machine.
      this.timeout(60000);

      before(async function () {
        dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
        file = path.join(dir, 'transcripts', 'huge.md');
        writeFileSync(file, '');
        uri = uriOf(file);
        client = new LspClient(dir);
        await client.start();
        client.open(file, shape.text);
        await client.waitForDiagnostics(file, shape.expect, 55000);
      });

      after(async () => {
        await client.stop();
        cleanup(dir);
      });

      const requests: [string, () => [string, unknown]][] = [
        ['documentSymbol', () => ['textDocument/documentSymbol', { textDocument: textDocument() }]],
        ['hover', () => ['textDocument/hover', { textDocument: textDocument(), position: shape.tag }]],
        ['completion', () => ['textDocument/completion', { textDocument: textDocument(), position: shape.tag }]],
        ['definition', () => ['textDocument/definition', { textDocument: textDocument(), position: shape.tag }]],
        ['references', () => ['textDocument/references', { textDocument: textDocument(), position: shape.tag, context: { includeDeclaration: true } }]],
        ['prepareRename', () => ['textDocument/prepareRename', { textDocument: textDocument(), position: shape.tag }]],
        [
          'codeAction',
          () => [
            'textDocument/codeAction',
            { textDocument: textDocument(), range: { start: { line: 0, character: 0 }, end: shape.tag }, context: { diagnostics: client.diagnostics.get(uri)?.slice(0, 50) ?? [] } },
          ],
        ],
        ['axial/spanDecorations', () => ['axial/spanDecorations', { uri }]],
        ['axial/codedSpan', () => ['axial/codedSpan', { uri, range: { start: shape.tag, end: shape.tag } }]],
        ['axial/codebook', () => ['axial/codebook', { uri }]],
        ['axial/tree/children (top)', () => ['axial/tree/children', {}]],
        ['axial/tree/children (quotes of trust)', () => ['axial/tree/children', { parentId: `c|${uriOf(dir)}|trust` }]],
        ['axial/tree/children (search)', () => ['axial/tree/children', { parentId: `c|${uriOf(dir)}|trust`, filter: { text: 'a a' } }]],
        ['axial/tree/locate', () => ['axial/tree/locate', { uri, position: shape.tag }]],
        ['axial/tree/facets', () => ['axial/tree/facets', {}]],
        ['axial/tree/markdown', () => ['axial/tree/markdown', { id: `c|${uriOf(dir)}|trust` }]],
        ['axial/analysis/model', () => ['axial/analysis/model', { uri }]],
        ['axial/analysis/cooccurrence', () => ['axial/analysis/cooccurrence', { uri }]],
        ['axial/analysis/matrix', () => ['axial/analysis/matrix', { uri }]],
        ['axial/agreement', () => ['axial/agreement', { uri, unit: 'char' }]],
        ['axial/report', () => ['axial/report', { uri }]],
      ];
      for (const [name, make] of requests) {
        it(`answers ${name} in at most ${MAX_ANSWER_BYTES / 1e6} MB of JSON`, async () => {
          const [method, params] = make();
          const answer = await client.request(method, params);
          const bytes = Buffer.byteLength(JSON.stringify(answer ?? null));
          assert.ok(bytes <= MAX_ANSWER_BYTES, `${name}: ${bytes} bytes`);
        });
      }

      it("lists a code's quotes a page at a time: each page at most TREE_QUOTE_PAGE, its `more` node counting the rest", async () => {
        const parentId = `c|${uriOf(dir)}|trust`;
        const path = await client.request(TreePathRequest.type, { id: parentId });
        const total = path![path!.length - 1].quotes;
        const ids = new Set<string>();
        let offset: number | undefined = 0;
        // Three pages prove the paging (the 10,000-turn shape has 10,000 quotes: 20 pages).
        for (let pages = 0; offset !== undefined && pages < 3; pages++) {
          const page: TreeNode[] = await client.request(TreeChildrenRequest.type, { parentId, offset });
          const quotes = page.filter((n) => n.kind === 'quote');
          assert.ok(quotes.length <= TREE_QUOTE_PAGE, `${quotes.length} quotes in one page`);
          for (const q of quotes) {
            assert.ok(!ids.has(q.id), `${q.id} listed twice`);
            ids.add(q.id);
          }
          const more = page.find((n) => n.kind === 'more');
          assert.equal(ids.size + (more?.more?.remaining ?? 0), total, 'listed and left add up to the code\'s quotes');
          offset = more?.more?.offset;
        }
      });

      it('publishes diagnostics after a keystroke in the middle', async () => {
        // A closer more: it closes a span without a block, or closes none. The space after
        // it keeps it from joining a run of stray closers (which only counts one more).
        // Compared whole: past the published limit the count stays, the last message changes.
        const before = JSON.stringify(client.diagnostics.get(uri));
        const at = shape.text.length >> 1;
        client.change(file, 2, shape.text.slice(0, at) + '}} ' + shape.text.slice(at));
        await client.waitForDiagnostics(file, (ds) => JSON.stringify(ds) !== before, 55000);
        assert.ok(await client.request('axial/getStatus', {}), 'the server is still up');
      });
    });
  }
});
