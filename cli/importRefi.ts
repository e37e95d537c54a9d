/**
 * `axial import <file.qdpx|file.qdc|file.qde> <folder>`: a REFI-QDA project or
 * codebook from ATLAS.ti, NVivo, MAXQDA or QualCoder as an Axial project
 * (docs/interchange.md). The importing is core/refi's; this file reads the
 * file, stages the result in a temporary folder beside the target and moves it
 * into place only when everything succeeded, so a failed import writes nothing.
 */
import { existsSync, statSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { importRefi, type ImportedFile } from '../core/refi';
import { readRefiFile } from '../host/readRefiFile';
import { ZipError } from '../host/readZip';

/** The file types this importer takes. */
export const REFI_EXTENSIONS = ['.qdpx', '.qdc', '.qde'];

/** Help text for `axial import` about REFI-QDA files. */
export const REFI_IMPORT_HELP = `
REFI-QDA (.qdpx project, .qde project XML, .qdc codebook) into <folder>:
codebook.yaml (codes, categories, coders, groups), one transcript per text
source under transcripts/ with its coded selections written inline, and memos/.
Positions are read as Unicode code points, or, where a tool counted UTF-16 code
units (NVivo), as those: the importer says which it used. A project exported
by Axial comes back byte for byte (codebook.yaml and each transcript whose
text and codings are unchanged since the export, from the Axial note); the
rest is written from its codings. The folder must be
new or empty, unless --force (files of the same name are then replaced).
Nothing is written when the import fails.

Exit codes for REFI-QDA files:
  0  imported
  1  imported, but parts were left out (sources missing from the archive,
     non-text sources): each is named
  2  usage error or bad input (not a REFI-QDA file, XML that does not parse,
     a selection out of range, a coding of an unknown code, an unsafe or too
     large archive, a folder that is not empty): one line, nothing written
`;

/** Options of `axial import` for REFI-QDA files. */
export interface RefiImportOptions {
  force?: boolean;
  /** Cap on the archive's total uncompressed size, in bytes. */
  maxBytes?: number;
}

/** Runs the import and returns the exit code; messages go to stdout and stderr. */
export async function importRefiCommand(file: string, folder: string | undefined, opts: RefiImportOptions = {}): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`axial import: ${message}\n`);
    return 2;
  };
  if (!folder || folder.trim() === '') return fail('give the folder to import into: axial import <file> <folder>');
  if (!existsSync(file)) return fail(`no such file: ${file}`);
  const target = path.resolve(folder);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) return fail(`${folder} is a file, not a folder`);
    if (readdirSync(target).length > 0 && !opts.force) return fail(`${folder} is not empty; give --force to import into it (files of the same name are replaced)`);
  }
  let input;
  try {
    input = await readRefiFile(file, opts.maxBytes);
  } catch (e) {
    if (e instanceof ZipError) return fail(e.message);
    throw e;
  }
  const result = importRefi(input);
  if (!result.ok) return fail(`${path.basename(file)}: ${result.error}; nothing written`);
  for (const f of result.files) if (!isInside(target, f.path)) return fail(`refusing to write ${JSON.stringify(f.path)} outside ${folder}; nothing written`);
  try {
    await writeStaged(target, result.files);
  } catch (e) {
    return fail(`cannot write into ${folder} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing written`);
  }
  const shown = path.relative(process.cwd(), target) || '.';
  const what = input.kind === 'qdc' ? `${result.codes} codes` : `${result.sources} transcript${result.sources === 1 ? '' : 's'}, ${result.codes} codes`;
  process.stdout.write(`Imported ${what} into ${shown}\n`);
  if (result.fromAxial && result.sources > 0) process.stdout.write(`  ${transcriptsLine(result.restored, result.sources - result.restored)}\n`);
  for (const n of result.notes) process.stdout.write(`  ${n}\n`);
  for (const l of result.leftOut) process.stderr.write(`axial import: left out: ${l}\n`);
  return result.leftOut.length ? 1 : 0;
}

/** Files written at once while staging. */
const WRITE_CONCURRENCY = 16;

/** How the transcripts were written: restored exactly from an Axial export's note, or rendered from their codings. */
export function transcriptsLine(restored: number, rendered: number): string {
  const n = (k: number) => `${k} transcript${k === 1 ? '' : 's'}`;
  return `${n(restored)} restored exactly as exported, ${n(rendered)} written from their codings`;
}

/** True when `rel` is a plain relative path that stays inside `root`. */
function isInside(root: string, rel: string): boolean {
  if (rel === '' || path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.includes('\\') || rel.split('/').some((s) => s === '..' || s === '.' || s === '')) return false;
  const full = path.resolve(root, rel);
  return full.startsWith(root + path.sep);
}

/**
 * Writes every file into a temporary folder beside `target`, then moves it into
 * place: the whole folder when `target` does not exist yet (one rename), else
 * file by file. The temporary folder is removed whatever happens.
 */
async function writeStaged(target: string, files: ImportedFile[]): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const stage = await mkdtemp(path.join(parent, `.${path.basename(target)}.axial-import-`));
  try {
    // Each folder made once, then the files written several at a time: one after another, a thousand transcripts waited on each write's round trip.
    for (const dir of new Set(files.map((f) => path.dirname(path.join(stage, ...f.path.split('/')))))) await mkdir(dir, { recursive: true });
    let next = 0;
    const writer = async () => {
      while (next < files.length) {
        const f = files[next++];
        await writeFile(path.join(stage, ...f.path.split('/')), f.text, 'utf8');
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, files.length) }, writer));
    if (!existsSync(target)) {
      await rename(stage, target);
      return;
    }
    for (const f of files) {
      const to = path.join(target, ...f.path.split('/'));
      await mkdir(path.dirname(to), { recursive: true });
      await rename(path.join(stage, ...f.path.split('/')), to);
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
