/**
 * The benchmark suite's results: what bench/results.json holds, percentiles, and
 * the table printed and copied into docs/benchmarks.md.
 */

/** One measurement beside its bound. `ratio` is the measurement over the bound (for latencies p99 over the bound's p99, and `ratioP50` the p50s). */
export type Measurement =
  | { name: string; kind: 'whole'; ms: number; cpuMs?: number; bound: string; boundMs: number; boundCpuMs?: number; ratio: number; cpuRatio?: number; targetMs?: number }
  | { name: string; kind: 'memory'; mb: number; bound: string; boundMb: number; ratio: number; targetMb: number }
  | { name: string; kind: 'latency'; p50: number; p99: number; bound: string; boundP50: number; boundP99: number; ratioP50: number; ratio: number; targetMs?: number; answer?: string };

/** bench/results.json. */
export interface Results {
  date: string;
  mode: 'small' | 'full' | 'latency';
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGb: number; loadBefore: number[]; loadAfter: number[] };
  corpus: { transcripts: number; bytes: number; codes: number; spans: number; turns: number; codedTurns: number; doubleCoded: number; seed: number };
  /** The whole-project bound's tool: `rg`, or `grep` where ripgrep is missing. */
  scanTool: string;
  measurements: Measurement[];
}

/** The nearest-rank percentile `p` (0 to 1) of samples. */
export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)) + ' ms';

/** The results as a Markdown table: measurement, value, bound, ratio to the bound, target. */
export function formatTable(r: Results): string {
  const rows = [
    ['measurement', 'value', 'bound (same run)', 'bound', 'ratio', 'target'],
    ['---', '---:', '---', '---:', '---:', '---:'],
  ];
  for (const m of r.measurements) {
    if (m.kind === 'whole') {
      const cpu = (v?: number) => (v !== undefined ? ` (CPU ${ms(v)})` : '');
      rows.push([m.name, ms(m.ms) + cpu(m.cpuMs), m.bound, ms(m.boundMs) + cpu(m.boundCpuMs), `${m.ratio.toFixed(1)}×` + (m.cpuRatio !== undefined ? ` (CPU ${m.cpuRatio.toFixed(1)}×)` : ''), m.targetMs ? `< ${ms(m.targetMs)}` : '']);
    } else if (m.kind === 'memory') {
      rows.push([m.name, `${m.mb.toFixed(0)} MB`, m.bound, `${m.boundMb.toFixed(1)} MB`, `${m.ratio.toFixed(1)}×`, `< ${m.targetMb.toFixed(0)} MB`]);
    } else {
      rows.push([m.name + (m.answer ? ` (${m.answer})` : ''), `p50 ${ms(m.p50)}, p99 ${ms(m.p99)}`, m.bound, `p50 ${ms(m.boundP50)}, p99 ${ms(m.boundP99)}`, `${m.ratioP50.toFixed(1)}×, ${m.ratio.toFixed(1)}×`, m.targetMs ? `p99 < ${ms(m.targetMs)}` : '']);
    }
  }
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
