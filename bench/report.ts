/**
 * How Axial's benchmarks measure and print: samples in milliseconds, median and
 * p95, each line with its target and the ratio to it (under 1 meets the target).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Median, p95 and maximum of samples. */
export function stats(samples: number[]): { median: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

/** Prints one measurement with its target and ratio. */
export function reportValue(name: string, ms: number, target: number, extra = '', width = 66): void {
  console.log(`${name.padEnd(width)} ${ms.toFixed(2).padStart(9)} ms   target ${String(target).padStart(4)} ms   ratio ${(ms / target).toFixed(3)}${extra ? '   ' + extra : ''}`);
}

/** Prints the median and p95 of samples against a target; `extra` goes on its own line. */
export function reportSamples(name: string, samples: number[], target: number, extra = '', width = 66): void {
  const s = stats(samples);
  reportValue(`${name}, median`, s.median, target, '', width);
  reportValue(`${name}, p95`, s.p95, target, '', width);
  if (extra) console.log(`${''.padEnd(width)} ${extra}`);
}

/** Runs `fn`, pushing its time to `samples`, and returns its result. */
export function time<T>(samples: number[], fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  samples.push(performance.now() - t0);
  return r;
}

/** CPU time of the waited-for children so far (Linux /proc; undefined elsewhere), in ms. */
export function childCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}
