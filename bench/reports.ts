/**
 * `axial report` on a project of realistic size: 1,000 generated transcripts
 * (about 50 MB, bench/project.ts), two coders on a fifth of them, 500 codes.
 * Times the bundled CLI as a process for each format (target under 3 s for csv),
 * prints the size of each file and, for html, of each section of the page (the
 * html report is bounded to a few megabytes whatever the project's size).
 * Prints numbers and ratios; it never fails on a slow machine.
 *
 *   npm run build && node scripts/run-bench.mjs reports
 *   AXIAL_BENCH_TRANSCRIPTS=20 node scripts/run-bench.mjs reports   (also 300)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { withGeneratedProject } from './scratch';
import * as os from 'node:os';
import { childCpuMs, reportSamples, time } from './report';

const CLI = path.join(process.cwd(), 'dist', 'cli.js');
const TRANSCRIPTS = 1000;
const RUNS = 3;
const TARGET_MS = 3000;

withGeneratedProject('reports', { transcripts: TRANSCRIPTS }, (dir, project) => {
  const out = path.join(dir, 'out');
  for (const [format, target] of [
    ['csv', out],
    ['md', path.join(dir, 'report.md')],
    ['html', path.join(dir, 'report.html')],
  ]) {
    const samples: number[] = [];
    const cpu0 = childCpuMs();
    for (let run = 0; run < RUNS; run++) {
      const r = time(samples, () => spawnSync(process.execPath, [CLI, 'report', dir, '--format', format, '--out', target], { encoding: 'utf8' }));
      if (r.status !== 0) throw new Error(`axial report --format ${format} exited ${r.status}: ${r.stderr}`);
    }
    const size =
      format === 'csv'
        ? `${readFileSync(path.join(out, 'quotes.csv'), 'utf8').split('\r\n').length - 2} rows in quotes.csv`
        : `${(statSync(target).size / 1e6).toFixed(1)} MB written`;
    const cpu1 = childCpuMs();
    // CPU per run and the load average: on a shared machine the wall time alone says little.
    const cpu = cpu0 !== undefined && cpu1 !== undefined ? `, CPU ${((cpu1 - cpu0) / RUNS / 1000).toFixed(2)} s per run` : '';
    reportSamples(`axial report --format ${format} (${project.transcripts} transcripts)`, samples, TARGET_MS, `${size}${cpu}, load ${os.loadavg()[0].toFixed(1)}`);
    if (format === 'html') for (const line of htmlSections(readFileSync(target, 'utf8'))) console.log(`  ${line}`);
  }
});

/** The size of each section of an html report (its h2 headings and figures), in MB and share of the page. */
function htmlSections(page: string): string[] {
  const marks: [number, string][] = [[0, 'head']];
  for (const m of page.matchAll(/<h2>([^<]*)<\/h2>|<figure><figcaption>([^<]*)<\/figcaption>/g)) marks.push([m.index!, m[1] ?? `picture: ${m[2]}`]);
  const total = Buffer.byteLength(page);
  return marks.map(([start, name], i) => {
    const bytes = Buffer.byteLength(page.slice(start, i + 1 < marks.length ? marks[i + 1][0] : page.length));
    return `${name.padEnd(28)} ${(bytes / 1e6).toFixed(2).padStart(7)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)}%`;
  });
}
