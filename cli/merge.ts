import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { mergeText, type MarkerOptions } from '../core/merge';
import { mergeTranscripts } from '../core/merge';
import { writeFileAtomically } from '../host/atomicWrite';

/** What `axial merge` did, for the command to report and exit with. */
export interface MergeOutcome {
  /** 0 clean, 1 conflicts (markers written), 2 a file could not be read or written. */
  code: 0 | 1 | 2;
  /** One-line messages for stderr. */
  messages: string[];
}

/** Options of `axial merge`, as `git merge-file` and git's merge driver placeholders give them. */
export interface MergeOptions extends MarkerOptions {
  /** The path being merged (git's %P): decides between a transcript and a plain text merge. */
  path?: string;
  /** Print the result instead of writing it into ours. */
  stdout?: boolean;
}

/**
 * True for a file merged as a transcript: `.md` and `.txt`, and a path with no
 * extension at all (git hands a driver temporary files named like
 * `.merge_file_a1b2c3` when it is not given `--path %P`).
 */
export function isTranscriptPath(file: string): boolean {
  const ext = path.extname(path.basename(file)).toLowerCase();
  return ext === '' || ext === '.md' || ext === '.txt';
}

/**
 * The git merge driver: merges base, ours and theirs and writes the result into
 * ours atomically. Transcripts merge their coding as sets (FORMAT.md section 6);
 * any other file (codebook.yaml) gets a plain three-way line merge.
 */
export async function mergeFiles(base: string, ours: string, theirs: string, opts: MergeOptions = {}): Promise<MergeOutcome> {
  const texts: string[] = [];
  for (const f of [base, ours, theirs]) {
    const t = await readUtf8(f);
    if (typeof t !== 'string') return { code: 2, messages: [`axial merge: ${t.error}`] };
    texts.push(t);
  }
  const [b, o, t] = texts;
  const target = opts.path ?? ours;
  const markers: MarkerOptions = { ours: opts.ours, base: opts.base, theirs: opts.theirs, markerSize: opts.markerSize };
  const messages: string[] = [];
  let result: { text: string; conflicts: number };
  if (isTranscriptPath(target)) {
    const m = mergeTranscripts(b, o, t, markers);
    for (const d of m.dropped) {
      messages.push(`axial merge: ${target}: dropped ${d.what} by ${d.coder || 'unknown coder'} on "${oneLine(d.quote)}": the other side deleted that text`);
    }
    result = m;
  } else {
    result = mergeText(b, o, t, markers);
  }
  if (result.conflicts > 0) {
    messages.push(`axial merge: ${target}: ${result.conflicts} conflict${result.conflicts === 1 ? '' : 's'} (text changed on both sides); resolve the conflict markers`);
  }
  if (opts.stdout) process.stdout.write(result.text);
  else {
    try {
      if (result.text !== o) await writeFileAtomically(ours, result.text);
    } catch (err) {
      return { code: 2, messages: [`axial merge: cannot write ${ours}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`] };
    }
  }
  return { code: result.conflicts > 0 ? 1 : 0, messages };
}

/** A file's text, or why it cannot be merged (missing, unreadable, not UTF-8). */
async function readUtf8(file: string): Promise<string | { error: string }> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `no such file: ${file}` : code === 'EISDIR' ? `a folder, not a file: ${file}` : `cannot read ${file} (${code})` };
  }
  try {
    // The BOM is kept: the merged file starts as ours did.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return { error: `not UTF-8 text: ${file}` };
  }
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 60 ? flat.slice(0, 57) + '…' : flat;
}

/** Registers `axial merge` on the CLI. */
export function registerMerge(program: import('commander').Command): void {
  program
    .command('merge')
    .description('Three-way merge of a transcript for git (merge driver): the text line by line, the coding as sets; the result goes into <ours>.')
    .argument('<base>', 'the common ancestor (git: %O)')
    .argument('<ours>', 'our version; receives the result (git: %A)')
    .argument('<theirs>', 'their version (git: %B)')
    .option('-L, --label <label>', 'label for conflict markers: the first for ours, the second for base, the third for theirs', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--marker-size <n>', 'length of conflict markers (git: %L)', (v) => Number.parseInt(v, 10))
    .option('--path <path>', 'the path being merged (git: %P): .md/.txt merge as transcripts, other files as plain text')
    .option('-p, --stdout', 'print the result instead of writing it into <ours>')
    .addHelpText(
      'after',
      '\nExit codes: 0 merged cleanly; 1 conflicts (text changed on both sides), written with git\'s conflict markers; 2 usage error or a file that cannot be read or written.\n' +
        'Set up as git\'s merge driver by `axial init-git` (see docs/git.md).',
    )
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (base: string, ours: string, theirs: string, opts: { label: string[]; markerSize?: number; path?: string; stdout?: boolean }) => {
      if (opts.markerSize !== undefined && !(opts.markerSize > 0)) {
        process.stderr.write('axial merge: --marker-size takes a positive number\n');
        process.exitCode = 2;
        return;
      }
      const [l0, l1, l2] = opts.label;
      const out = await mergeFiles(base, ours, theirs, { ours: l0, base: l1, theirs: l2, markerSize: opts.markerSize, path: opts.path, stdout: opts.stdout });
      for (const m of out.messages) process.stderr.write(m + '\n');
      process.exitCode = out.code;
    });
}
