/**
 * Plots how cost grows with the corpus: cold index time (wall and CPU) and server
 * memory against corpus size, from the suite's results at several sizes
 * (bench/scaling/results-N.json), as two SVG files for docs/benchmarks.md. Also
 * prints the growth exponent between the smallest and the largest corpus
 * (1 = linear, below 1 = better than linear). Plain SVG text: no library, no network.
 *
 *   node scripts/run-bench.mjs plot     (after npm run bench -- --transcripts N --results bench/scaling/results-N.json for each N)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Measurement, Results } from './results';

const REPO = process.cwd();
const SCALING = path.join(REPO, 'bench', 'scaling');

/** One series of points (x in MB of corpus, y in the plot's unit). */
interface Series {
  name: string;
  colour: string;
  dashed?: boolean;
  points: [number, number][];
}

/** A line chart with linear axes from 0, labelled points and a legend. */
function chart(title: string, yUnit: string, series: Series[]): string {
  const W = 640;
  const H = 400;
  const m = { left: 70, right: 190, top: 40, bottom: 50 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMax = nice(Math.max(...xs));
  const yMax = nice(Math.max(...ys));
  const X = (x: number) => m.left + (x / xMax) * (W - m.left - m.right);
  const Y = (y: number) => H - m.bottom - (y / yMax) * (H - m.top - m.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - m.right / 2 + m.left / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const yv = (yMax * i) / 5;
    const xv = (xMax * i) / 5;
    out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${Y(yv)}" y2="${Y(yv)}" stroke="#ddd"/>`);
    out.push(`<text x="${m.left - 6}" y="${Y(yv) + 4}" text-anchor="end">${fmt(yv)}</text>`);
    out.push(`<text x="${X(xv)}" y="${H - m.bottom + 16}" text-anchor="middle">${fmt(xv)}</text>`);
  }
  out.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${H - m.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${H - m.bottom}" y2="${H - m.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 12}" text-anchor="middle">corpus size (MB of transcripts)</text>`);
  out.push(`<text transform="translate(16 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yUnit)}</text>`);
  series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    out.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${pts.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ')}"/>`);
    if (!s.dashed) for (const [x, y] of pts) out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3.5" fill="${s.colour}"><title>${fmt(x)} MB: ${fmt(y)} ${esc(yUnit)}</title></circle>`);
    const ly = m.top + 10 + i * 20;
    out.push(`<line x1="${W - m.right + 12}" x2="${W - m.right + 36}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${W - m.right + 42}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** A round axis maximum at or above v. */
function nice(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const k of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (k * p >= v) return k * p;
  return 10 * p;
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '') || '0';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** log(y2/y1) / log(x2/x1): 1 is linear growth, below 1 better. */
function exponent(points: [number, number][]): number {
  const s = [...points].sort((a, b) => a[0] - b[0]);
  const [a, b] = [s[0], s[s.length - 1]];
  return Math.log(b[1] / a[1]) / Math.log(b[0] / a[0]);
}

function main(): void {
  const runs: Results[] = readdirSync(SCALING)
    .filter((f) => /^results-\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(SCALING, f), 'utf8')) as Results)
    .sort((a, b) => a.corpus.bytes - b.corpus.bytes);
  if (runs.length < 2) throw new Error(`need results at two sizes or more in ${SCALING}`);
  const find = (r: Results, re: RegExp) => r.measurements.find((m) => re.test(m.name)) as Measurement | undefined;
  const mb = (r: Results) => r.corpus.bytes / 1e6;
  const cold: Series = { name: 'cold index, wall', colour: '#4e79a7', points: [] };
  const coldCpu: Series = { name: 'cold index, CPU', colour: '#f28e2b', points: [] };
  const check: Series = { name: 'axial check, CPU', colour: '#59a14f', points: [] };
  const scan: Series = { name: 'rg scan, wall', colour: '#999', points: [] };
  const rss: Series = { name: 'server RSS', colour: '#4e79a7', points: [] };
  const target: Series = { name: 'target 4× corpus + 150', colour: '#e15759', dashed: true, points: [] };
  for (const r of runs) {
    const c = find(r, /cold index/);
    if (c?.kind === 'whole') {
      cold.points.push([mb(r), c.ms / 1000]);
      if (c.cpuMs !== undefined) coldCpu.points.push([mb(r), c.cpuMs / 1000]);
      scan.points.push([mb(r), c.boundMs / 1000]);
    }
    const k = find(r, /^axial check$/);
    if (k?.kind === 'whole' && k.cpuMs !== undefined) check.points.push([mb(r), k.cpuMs / 1000]);
    const m = find(r, /RSS/);
    if (m?.kind === 'memory') {
      rss.points.push([mb(r), m.mb]);
      target.points.push([mb(r), m.targetMb]);
    }
  }
  const docs = path.join(REPO, 'docs');
  writeFileSync(path.join(docs, 'bench-cold-index.svg'), chart('Cold index against corpus size', 'seconds', [cold, coldCpu, check, scan].filter((s) => s.points.length)));
  writeFileSync(path.join(docs, 'bench-memory.svg'), chart('Server memory after indexing', 'MB', [rss, target].filter((s) => s.points.length)));
  console.log(`sizes: ${runs.map((r) => `${r.corpus.transcripts} transcripts (${mb(r).toFixed(1)} MB, load ${r.machine.loadBefore[0].toFixed(1)})`).join(', ')}`);
  for (const s of [cold, coldCpu, check, scan, rss]) {
    // The exponent over the whole range includes the fixed cost of starting Node; between the two largest sizes it is the marginal growth.
    if (s.points.length >= 2) console.log(`${s.name}: ${s.points.map(([x, y]) => `${fmt(x)} MB → ${fmt(y)}`).join(', ')}; growth exponent ${exponent(s.points).toFixed(2)} overall, ${exponent(s.points.slice(-2)).toFixed(2)} between the two largest (1 = linear)`);
  }
  console.log('wrote docs/bench-cold-index.svg and docs/bench-memory.svg');
}

main();
