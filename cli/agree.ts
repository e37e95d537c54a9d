/**
 * `axial agree`: inter-coder agreement of the coders in one project's files
 * (blocks with different `@coder`), or of two revisions (one coder each), per
 * code and overall, with every disagreement. Exit codes: 0 ok, 1 below --min or --min-per-code, 2 usage error
 * (bad option, missing path, fewer than two coders, nothing to compare).
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { resolveCode } from '../core/codebook';
import { codersIn, computeAgreement, UNIT_KINDS, type UnitKind } from '../core/agreement';
import { agreeJson, agreeMarkdown, agreeText, paint, type AgreeOutput } from './agreeFormat';
import { withProgress } from './progress';
import { loadAgreementProject, UsageError, type LoadedProject } from './agreeLoad';
import { loadRevisionProject } from '../host/revisionAgreement';

/** The options of `axial agree`, as commander hands them over. */
export interface AgreeOptions {
  coders?: string;
  unit: string;
  code: string[];
  min?: string;
  minPerCode?: string;
  format: string;
  pretty?: boolean;
}

/** The most coders one comparison takes (each is one bit of a unit's mask). */
const MAX_CODERS = 30;

/**
 * Computes the report. One argument (or none) is a folder: the coders in its
 * files. Two or three are `<rev-a> <rev-b> [folder]`: each revision is a coder.
 * A UsageError for anything the user must fix.
 */
export async function agree(args: string[], opts: AgreeOptions, cwd = process.cwd()): Promise<AgreeOutput> {
  if (!(UNIT_KINDS as readonly string[]).includes(opts.unit)) throw new UsageError(`--unit must be one of ${UNIT_KINDS.join(', ')}, not '${opts.unit}'`);
  if (args.length > 3) throw new UsageError(`too many arguments: give a folder, or two revisions and a folder`);
  let project: LoadedProject;
  let coders: string[];
  if (args.length >= 2) {
    if (opts.coders !== undefined) throw new UsageError('--coders does not apply to revisions: each revision is one coder');
    const folder = args[2] ?? '.';
    if (!existsSync(path.resolve(cwd, folder))) throw new UsageError(`no such folder: ${folder}`);
    const rp = await loadRevisionProject(args[0], args[1], folder, cwd);
    project = rp;
    coders = rp.coders;
  } else {
    project = await loadAgreementProject(args[0] ?? '.', cwd);
    coders = opts.coders !== undefined ? [...new Set(opts.coders.split(',').map((c) => c.trim().replace(/^@/, '')).filter((c) => c !== ''))] : codersIn(project.files);
  }
  if (coders.length < 2) {
    const who = coders.length === 1 ? `only ${coders[0]} coded` : 'nobody coded';
    throw new UsageError(
      opts.coders !== undefined
        ? 'one coder only: --coders needs at least two coders, separated by commas (--coders CA,LN)'
        : `one coder only: ${who} in this project${skippedNote(project.skipped.length)}; agreement needs two coders in the same files (blocks with different @coder)`,
    );
  }
  if (coders.length > MAX_CODERS) throw new UsageError(`${coders.length} coders: compare at most ${MAX_CODERS} at once (--coders)`);
  let codes: string[] | undefined;
  if (opts.code.length > 0) {
    codes = [];
    for (const id of opts.code) {
      const code = resolveCode(project.codebook, id);
      if (!code) throw new UsageError(`unknown code '${id}': the codebook has no code or category with this id`);
      if (!codes.includes(code.id)) codes.push(code.id);
    }
  }
  const report = computeAgreement(project.files, { coders, unit: opts.unit as UnitKind, codes, codebook: project.codebook });
  if (report.files.length === 0) {
    const n = project.files.length;
    throw new UsageError(`no transcript was coded by all of ${coders.join(', ')} (${n} transcript${n === 1 ? '' : 's'} read${project.skipped.length > 0 ? `, ${project.skipped.length} skipped` : ''})`);
  }
  return { report, skipped: project.skipped };
}

/** " (in the transcripts read: N skipped for errors)" when some were skipped, which may be why too few coders are left. */
function skippedNote(skipped: number): string {
  return skipped === 0 ? '' : ` (in the transcripts read: ${skipped} skipped for errors or unreadable; axial check lists them)`;
}

/** Why the report fails --min / --min-per-code, one line each; empty when it passes. */
export function belowMinimum(out: AgreeOutput, min?: number, minPerCode?: number): string[] {
  const failures: string[] = [];
  const check = (what: string, alpha: { value: number | null; reason?: string }, threshold: number) => {
    if (alpha.value === null) failures.push(`${what}: alpha is undefined (${alpha.reason}), below --min ${threshold}`);
    else if (alpha.value < threshold) failures.push(`${what}: alpha ${alpha.value.toFixed(3)} is below ${threshold}`);
  };
  if (min !== undefined) check('overall', out.report.overall.alpha, min);
  if (minPerCode !== undefined) for (const c of out.report.codes) check(c.code, c.alpha, minPerCode);
  return failures;
}

/** Registers `axial agree` on the program. */
export function registerAgree(program: Command): void {
  program
    .command('agree')
    .description(
      'Inter-coder agreement of the coders in a project (blocks with different @coder), or of two revisions (each one coder): percent agreement, Cohen\'s kappa and Krippendorff\'s alpha per code and overall, and every disagreement. Exit 0 ok, 1 below --min/--min-per-code, 2 usage error.',
    )
    .usage('[options] [folder] | <rev-a> <rev-b> [folder]')
    .argument('[args...]', 'a folder holding the project (default .); or two revisions and a folder, each revision being one coder')
    .option('--coders <ids>', 'coders to compare, separated by commas (default: every coder who coded in the project)')
    .option('--unit <unit>', 'unit of agreement: turn, line or char', 'turn')
    .option('--code <id>', 'compare this code or category (repeatable; a category counts any of its codes)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--min <alpha>', 'exit 1 when the overall alpha is below this (or undefined)')
    .option('--min-per-code <alpha>', 'exit 1 when any code\'s alpha is below this (or undefined)')
    .option('--format <format>', 'text, md or json (json: one line when piped or redirected, indented on a terminal)', 'text')
    .option('--pretty', 'json indented by two spaces even when piped or redirected')
    .option('-q, --quiet', 'no progress bar (shown on a terminal when reading takes over a second)')
    .action(async (args: string[], opts: AgreeOptions & { quiet?: boolean }) => {
      try {
        if (!['text', 'md', 'json'].includes(opts.format)) throw new UsageError(`--format must be text, md or json, not '${opts.format}'`);
        const min = threshold('--min', opts.min);
        const minPerCode = threshold('--min-per-code', opts.minPerCode);
        const out = await withProgress('Comparing', opts, () => agree(args, opts));
        for (const s of out.skipped) process.stderr.write(`axial agree: skipped ${s.file}: ${s.reason}\n`);
        if (opts.format === 'json') process.stdout.write(jsonText(agreeJson(out), opts.pretty || Boolean(process.stdout.isTTY)));
        else if (opts.format === 'md') process.stdout.write(agreeMarkdown(out));
        else process.stdout.write(agreeText(out, paint(useColour())));
        const failures = belowMinimum(out, min, minPerCode);
        for (const f of failures) process.stderr.write(`axial agree: ${f}\n`);
        if (failures.length > 0) process.exitCode = 1;
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`axial agree: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}

/**
 * The JSON document and a newline. Scripts read it from a pipe or a file, where
 * it is one line: indenting a large project's disagreements more than doubled
 * the output (88 MB for 1,000 transcripts). People reading it on a terminal, or
 * asking with --pretty, get it indented. Same value either way.
 */
export function jsonText(value: unknown, indent: boolean): string {
  return JSON.stringify(value, null, indent ? 2 : undefined) + '\n';
}

function threshold(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n > 1) throw new UsageError(`${name} must be a number no greater than 1 (an alpha such as 0.8), not '${v}'`);
  return n;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
function useColour(): boolean {
  return Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}
