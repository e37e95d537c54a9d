/**
 * A generated project in a scratch folder, for the benchmarks that time a CLI
 * command on a project of realistic size: written, handed over, removed after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject, type ProjectOptions, type ProjectSummary } from './project';

/**
 * Writes a project (bench/project.ts) to a fresh temporary folder, runs `fn` on it and
 * removes the folder (kept when AXIAL_BENCH_KEEP is set). AXIAL_BENCH_TRANSCRIPTS
 * overrides the number of transcripts, for a quick run.
 */
export function withGeneratedProject<T>(name: string, opts: ProjectOptions, fn: (dir: string, project: ProjectSummary) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), `axial-bench-${name}-`));
  try {
    const project = writeProject(dir, { ...opts, transcripts: Number(process.env.AXIAL_BENCH_TRANSCRIPTS) || opts.transcripts });
    console.log(`project: ${project.transcripts} transcripts, ${(project.bytes / 1e6).toFixed(1)} MB, ${project.codes} codes, ${project.spans} spans, ${project.doubleCoded} transcripts with two coders`);
    return fn(dir, project);
  } finally {
    if (process.env.AXIAL_BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
