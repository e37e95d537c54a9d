/**
 * Every request the server answers, through the real bundled server over stdio, on
 * pathological transcripts at n, 2n and 4n: the time of each answer, its size in
 * bytes of JSON, and the time's ratio to the size before (about 2 per doubling is
 * linear, 4 quadratic). A benchmark, not a test: it reports, it never fails.
 * Run `npm run build` first (it measures dist/server.js).
 *
 *   node scripts/run-bench.mjs pathologicalServer
 *   AXIAL_BENCH_SHAPES=nested AXIAL_BENCH_SIZES=1 node scripts/run-bench.mjs pathologicalServer
 *   AXIAL_BENCH_PROF=/tmp/prof ...   (the server runs with --cpu-prof into that folder)
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from '../test/lsp/harness';
import { MARKUP_LINE_SHAPES } from './markupLineShapes';

interface Shape {
  key: string;
  name: string;
  n: number;
  make: (n: number) => string;
  /** A line and character inside a `#trust` tag of the text at n. */
  tag: (n: number) => { line: number; character: number };
}

/** One unknown code at the end, so every shape publishes diagnostics (empty ones are not sent). */
const TAIL = '\nQ: {{x}}{#nope}\n';

const SHAPES: Shape[] = [
  {
    key: 'nested',
    name: "nested, CR   'P: ' + '{{a\\r' * n + '}}{#trust}\\r' * n",
    n: 12500,
    make: (n) => 'P: ' + '{{a\r'.repeat(n) + '}}{#trust}\r'.repeat(n) + TAIL,
    tag: (n) => ({ line: 2 * n, character: 4 }),
  },
  {
    key: 'closers',
    name: "closers run  'P: {{x}}{#trust} ' + '}}' * n",
    n: 65536,
    make: (n) => 'P: {{x}}{#trust} ' + '}}'.repeat(n) + TAIL,
    tag: () => ({ line: 0, character: 10 }),
  },
  {
    key: 'frontmatter',
    name: "front matter left open above '{' * n",
    n: 106750,
    make: (n) => '---\ncase: x\n' + '{'.repeat(n) + '\nP: {{x}}{#trust}' + TAIL,
    tag: () => ({ line: 3, character: 12 }),
  },
  {
    key: 'spans',
    name: "many spans   'P: {{words}}{#trust}\\n' * n",
    n: 25000,
    make: (n) => Array.from({ length: n }, (_, i) => `P${i % 7}: some words {{there we go ${i}}}{#trust} again\n`).join('') + TAIL,
    tag: () => ({ line: 0, character: 34 }),
  },
  // Lines of markup past the parse limits (bench/markupLineShapes.ts; n in megabytes).
  ...Object.entries(MARKUP_LINE_SHAPES).map(([key, make]) => ({
    key,
    name: `${key} line  'P: {{x}}{#trust} ' + ${key} of n MB`,
    n: 1,
    make: (n: number) => 'P: {{x}}{#trust} ' + make(n) + TAIL,
    tag: () => ({ line: 0, character: 10 }),
  })),
];

function requests(uri: string, root: string, tag: { line: number; character: number }): [string, string, unknown][] {
  const td = { uri };
  const code = `c|${root}|trust`;
  const zero = { line: 0, character: 0 };
  return [
    ['documentSymbol', 'textDocument/documentSymbol', { textDocument: td }],
    ['hover', 'textDocument/hover', { textDocument: td, position: tag }],
    ['completion', 'textDocument/completion', { textDocument: td, position: tag }],
    ['definition', 'textDocument/definition', { textDocument: td, position: tag }],
    ['references', 'textDocument/references', { textDocument: td, position: tag, context: { includeDeclaration: true } }],
    ['prepareRename', 'textDocument/prepareRename', { textDocument: td, position: tag }],
    ['codeAction', 'textDocument/codeAction', { textDocument: td, range: { start: zero, end: tag }, context: { diagnostics: [] } }],
    ['spanDecorations', 'axial/spanDecorations', { uri }],
    ['codedSpan', 'axial/codedSpan', { uri, range: { start: tag, end: tag } }],
    ['codebook', 'axial/codebook', { uri }],
    ['getStatus', 'axial/getStatus', {}],
    ['tree top', 'axial/tree/children', {}],
    ['tree quotes', 'axial/tree/children', { parentId: code }],
    ['tree search', 'axial/tree/children', { parentId: code, filter: { text: 'a a' } }],
    ['tree locate', 'axial/tree/locate', { uri, position: tag }],
    ['tree facets', 'axial/tree/facets', {}],
    ['tree markdown', 'axial/tree/markdown', { id: code }],
    ['model', 'axial/analysis/model', { uri }],
    ['cooccurrence', 'axial/analysis/cooccurrence', { uri }],
    ['matrix', 'axial/analysis/matrix', { uri }],
    ['code selection (dry run)', 'workspace/executeCommand', { command: 'axial.server.codeSelection', arguments: [{ uri, range: { start: zero, end: { line: 0, character: 3 } }, codes: ['trust'], dryRun: true }] }],
  ];
}

interface Row {
  ms: number;
  bytes: number;
}

async function measure(shape: Shape, n: number): Promise<{ size: number; open: number; rows: Map<string, Row> }> {
  const dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
  const file = path.join(dir, 'transcripts', 'huge.md');
  writeFileSync(file, '');
  const text = shape.make(n);
  const prof = process.env.AXIAL_BENCH_PROF;
  const client = new LspClient(dir, prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []);
  const rows = new Map<string, Row>();
  let open = 0;
  try {
    await client.start();
    const t0 = performance.now();
    client.open(file, text);
    // Any diagnostics: the shapes all have some (past 5,000 only the first are published).
    await client.waitForDiagnostics(file, (ds) => ds.length > 0, 600000);
    open = performance.now() - t0;
    for (const [name, method, params] of requests(uriOf(file), uriOf(dir), shape.tag(n))) {
      const t1 = performance.now();
      const answer = await client.request(method, params);
      const ms = performance.now() - t1;
      rows.set(name, { ms, bytes: Buffer.byteLength(JSON.stringify(answer ?? null)) });
    }
  } finally {
    await client.stop();
    cleanup(dir);
  }
  return { size: text.length, open, rows };
}

const fmtBytes = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(0)} KB` : `${b} B`);

async function main() {
  const only = process.env.AXIAL_BENCH_SHAPES?.split(',');
  const sizes = (process.env.AXIAL_BENCH_SIZES ?? '1,2,4').split(',').map(Number);
  console.log(`Every request through the server — node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}; ms (ratio to the size before: 2 = linear, 4 = quadratic) and answer size`);
  for (const shape of SHAPES.filter((s) => !only || only.includes(s.key))) {
    console.log(`\n${shape.name}`);
    const results: { n: number; size: number; open: number; rows: Map<string, Row> }[] = [];
    for (const k of sizes) results.push({ n: shape.n * k, ...(await measure(shape, shape.n * k)) });
    const ratio = (a: number, b: number | undefined) => (b === undefined ? '' : `×${(a / Math.max(b, 1)).toFixed(1)}`);
    const head = results.map((r) => `n=${r.n} (${(r.size / 1e6).toFixed(2)} MB)`.padEnd(34)).join('');
    console.log(`  ${''.padEnd(26)}${head}`);
    console.log(`  ${'open → diagnostics'.padEnd(26)}${results.map((r, i) => `${r.open.toFixed(0).padStart(7)} ms ${ratio(r.open, results[i - 1]?.open).padEnd(24)}`).join('')}`);
    for (const name of results[0].rows.keys()) {
      const cells = results.map((r, i) => {
        const row = r.rows.get(name)!;
        return `${row.ms.toFixed(0).padStart(7)} ms ${ratio(row.ms, results[i - 1]?.rows.get(name)?.ms).padEnd(6)} ${fmtBytes(row.bytes).padStart(8)}`.padEnd(34);
      });
      console.log(`  ${name.padEnd(26)}${cells.join('')}`);
    }
  }
}

void main();
