/**
 * A generated project in a scratch folder, for the benchmarks that time a CLI
 * command or a server session on a project of realistic size: written, handed
 * over, removed after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject, type ProjectOptions, type ProjectSummary } from './project';

/**
 * Writes a project (bench/project.ts) to a fresh temporary folder, runs `fn` on it and
 * removes the folder (kept when AXIAL_BENCH_KEEP is set) once `fn` has returned or, when
 * it returns a promise, once that settles. AXIAL_BENCH_TRANSCRIPTS overrides the number
 * of transcripts, for a quick run.
 */
export function withGeneratedProject<T>(name: string, opts: ProjectOptions, fn: (dir: string, project: ProjectSummary) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), `axial-bench-${name}-`));
  const remove = () => {
    if (process.env.AXIAL_BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
  let result: T;
  try {
    const project = writeProject(dir, { ...opts, transcripts: Number(process.env.AXIAL_BENCH_TRANSCRIPTS) || opts.transcripts });
    console.log(`project: ${project.transcripts} transcripts, ${(project.bytes / 1e6).toFixed(1)} MB, ${project.codes} codes, ${project.spans} spans, ${project.doubleCoded} transcripts with two coders`);
    result = fn(dir, project);
  } catch (e) {
    remove();
    throw e;
  }
  // An async benchmark still works in the folder until its promise settles.
  if (result instanceof Promise) return result.finally(remove) as T;
  remove();
  return result;
}

/**
 * Runs `fn` on the project in AXIAL_BENCH_DIR when that is set (one made by
 * bench/generate.ts, reused from run to run and never removed), else on a generated
 * one as withGeneratedProject writes it.
 */
export async function withBenchProject<T>(name: string, opts: ProjectOptions, fn: (dir: string) => Promise<T>): Promise<T> {
  const given = process.env.AXIAL_BENCH_DIR;
  if (given) {
    console.log(`project: ${given} (AXIAL_BENCH_DIR)`);
    return fn(given);
  }
  return withGeneratedProject(name, opts, (dir) => fn(dir));
}
