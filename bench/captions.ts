/**
 * Caption import (core/importing/subtitles.ts) on generated WebVTT and SRT files
 * of 1,000, 10,000 and 40,000 cues, two speakers with voice tags (WebVTT) or
 * "Name:" (SRT). Prints each time and the ratio 40k/10k: about 4 is linear,
 * 16 quadratic (media-captions' own parseText was: 10,000 cues took 3.6 s,
 * 40,000 took 39 s). A benchmark, not a test: it reports, it never fails.
 *
 *   node scripts/run-bench.mjs captions
 */
import { performance } from 'node:perf_hooks';
import { transcriptFromText } from '../core/importing';

const SIZES = [1000, 10000, 40000];
const RUNS = 3;

function stamp(s: number, sep: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}${sep}000`;
}

/** A caption file of `n` cues, two seconds each, speakers alternating every third cue. */
export function captions(n: number, type: 'vtt' | 'srt'): string {
  const out = type === 'vtt' ? ['WEBVTT', ''] : [];
  const sep = type === 'vtt' ? '.' : ',';
  for (let i = 0; i < n; i++) {
    const who = i % 3 ? 'Ana' : 'Lucía Núñez';
    const words = `word ${i}, and more words said here`;
    out.push(String(i + 1), `${stamp(2 * i, sep)} --> ${stamp(2 * i + 2, sep)}`, type === 'vtt' ? `<v ${who}>${words}</v>` : `${who}: ${words}`, '');
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  for (const type of ['vtt', 'srt'] as const) {
    const times = new Map<number, number>();
    for (const n of SIZES) {
      const text = captions(n, type);
      const samples: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const result = await transcriptFromText(text, type, 'bench');
        samples.push(performance.now() - t0);
        if (!result.ok) throw new Error(result.error);
      }
      const median = samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
      times.set(n, median);
      console.log(`${type} ${String(n).padStart(6)} cues: ${median.toFixed(0).padStart(6)} ms (median of ${RUNS})`);
    }
    console.log(`${type} ratio 40k/10k: ${(times.get(40000)! / times.get(10000)!).toFixed(1)} (4 is linear, 16 quadratic)`);
  }
}

void main();
