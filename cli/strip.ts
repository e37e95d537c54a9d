/**
 * `axial strip <file>`: the stripped text of a transcript (FORMAT.md section 3),
 * for git's `textconv`, so `git diff` and `git log -p` can show the words alone.
 * A textconv that fails breaks `git diff` for the file, so content never makes
 * this fail: markup that does not parse is stripped as far as it parses, and a
 * binary or non-UTF-8 file is printed unchanged.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseTranscript } from '../core';
import { decode } from '../host/decode';
import { quietOnClosedPipe } from './closedPipe';
import { usageExits2 } from './usageExits';

/** Why strip could not run: the file is missing or unreadable (exit 2). */
export class StripError extends Error {}

/** The bytes `axial strip` prints for a file. */
export function stripFile(file: string, options: { frontMatter?: boolean } = {}): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StripError(code === 'ENOENT' ? `no such file: ${file}` : code === 'EISDIR' ? `${file} is a folder, not a file` : `cannot read ${file} (${code ?? 'error'})`);
  }
  const text = decode(bytes);
  if (typeof text !== 'string') return bytes;
  const t = parseTranscript(text);
  const head = options.frontMatter && t.frontMatter ? text.slice(0, t.bodyStart) : '';
  return Buffer.from(head + t.stripped.text, 'utf8');
}

const STRIP_HELP = `
Prints the transcript without its coding markup (openers, closers with their
blocks, escape backslashes) and without its front matter: the words alone.
Meant for git's textconv (see \`axial init-git --help\` and docs/git.md):

  git config diff.axial.textconv "axial strip"
  echo '*.md diff=axial' >> .gitattributes

Content never makes it fail: markup that does not parse is stripped as far as
it parses, and a binary or non-UTF-8 file is printed unchanged.

Exit codes:
  0  printed
  2  usage error, or the file does not exist or cannot be read
`;

/** Adds `axial strip <file>`. */
export function registerStrip(program: Command): void {
  const cmd = program
    .command('strip')
    .description('Print a transcript’s stripped text (the words without coding markup), e.g. as git’s textconv.')
    .argument('<file>', 'the transcript')
    .option('--front-matter', 'keep the front matter above the stripped text')
    .addHelpText('after', STRIP_HELP)
    .action((file: string, opts: { frontMatter?: boolean }) => {
      quietOnClosedPipe();
      try {
        process.stdout.write(stripFile(file, { frontMatter: opts.frontMatter }));
      } catch (err) {
        if (!(err instanceof StripError)) throw err;
        process.stderr.write(`axial strip: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
  usageExits2(cmd);
}
