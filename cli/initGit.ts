import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ProjectIndex } from '../core';
import { writeFileAtomically } from '../host/atomicWrite';
import { loadFolder } from '../host/nodeFiles';
import { noCodebookMessage } from '../host/projectAbove';

/** The comment line that introduces Axial's lines in `.gitattributes`. */
export const ATTRIBUTES_HEADER = '# Axial: transcripts diff as text and merge their coding as sets (axial init-git)';

/** What `axial init-git` did. */
export interface InitGitOutcome {
  /** 0 done (or nothing to do), 2 not a git repository, no project, git missing. */
  code: 0 | 2;
  messages: string[];
}

/**
 * Sets up a repository for Axial: `.gitattributes` lines sending every project's
 * transcripts (its `transcripts` globs) to the `axial` diff and merge drivers, and
 * the local git config that defines those drivers. Running it again changes nothing.
 * `command` is how git should call Axial; by default the running CLI by its
 * absolute path, so it works without `axial` on the PATH.
 */
export async function initGit(folder: string, command?: string): Promise<InitGitOutcome> {
  // An empty command would make git run " merge …" and " strip" on every merge and diff.
  if (command !== undefined && command.trim() === '') return fail('--command is empty: give how git should run Axial, e.g. --command axial');
  const dir = path.resolve(folder);
  try {
    if (!(await fs.stat(dir)).isDirectory()) return fail(`not a folder: ${folder}`);
  } catch {
    return fail(`no such folder: ${folder}`);
  }
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  if (top.error) return fail(top.error);
  if (top.status !== 0) return fail(`not a git repository: ${folder}`);
  const root = await fs.realpath(top.stdout.trim());

  const index = new ProjectIndex();
  await loadFolder(index, dir, (f) => URI.file(f).toString());
  const projects = index.projects();
  if (projects.length === 0) return fail(noCodebookMessage(folder));

  const wanted: string[] = [];
  for (const p of projects) {
    const projectDir = await fs.realpath(URI.parse(p.root).fsPath).catch(() => URI.parse(p.root).fsPath);
    const rel = path.relative(root, projectDir).split(path.sep).join('/');
    for (const glob of p.codebook.transcripts.flatMap(expandBraces)) {
      const g = glob.replace(/^\.\//, '');
      if (g.startsWith('/') || g.startsWith('../')) continue;
      const pattern = (rel ? rel + '/' : '') + g;
      wanted.push(`${/\s/.test(pattern) ? JSON.stringify(pattern) : pattern} diff=axial merge=axial`);
    }
  }

  const messages: string[] = [];
  const attributesFile = path.join(root, '.gitattributes');
  const before = await fs.readFile(attributesFile, 'utf8').catch(() => '');
  const present = new Set(before.split(/\r?\n/).map((l) => l.trim()));
  const missing = [...new Set(wanted)].filter((l) => !present.has(l));
  if (missing.length > 0) {
    const eol = before.includes('\r\n') ? '\r\n' : '\n';
    let text = before;
    if (text.length > 0 && !text.endsWith('\n')) text += eol;
    if (!present.has(ATTRIBUTES_HEADER)) text += (text.length > 0 ? eol : '') + ATTRIBUTES_HEADER + eol;
    text += missing.join(eol) + eol;
    await writeFileAtomically(attributesFile, text);
    messages.push(`.gitattributes: added ${missing.map((l) => l.split(' ')[0]).join(', ')}`);
  }

  const cmd = command ?? `${shellQuote(process.execPath)} ${shellQuote(path.resolve(process.argv[1]))}`;
  const config: [string, string][] = [
    ['diff.axial.textconv', `${cmd} strip`],
    ['merge.axial.name', 'Axial: merge the coding of transcripts as sets'],
    ['merge.axial.driver', `${cmd} merge --marker-size %L --path %P %O %A %B`],
  ];
  for (const [key, value] of config) {
    const cur = git(root, ['config', '--local', '--get', key]);
    if (cur.status === 0 && cur.stdout.replace(/\n$/, '') === value) continue;
    const set = git(root, ['config', '--local', key, value]);
    if (set.status !== 0) return fail(`git config ${key} failed: ${set.stderr.trim().split('\n')[0]}`);
    messages.push(`git config ${key} = ${value}`);
  }
  if (messages.length === 0) messages.push('already set up: nothing changed');
  return { code: 0, messages };
}

/** `a/*.{md,txt}` → `a/*.md`, `a/*.txt`: git's attribute patterns have no brace alternatives. */
export function expandBraces(glob: string): string[] {
  const m = /\{([^{}]*,[^{}]*)\}/.exec(glob);
  if (!m) return [glob];
  return m[1].split(',').flatMap((alt) => expandBraces(glob.slice(0, m.index) + alt + glob.slice(m.index + m[0].length)));
}

function fail(message: string): InitGitOutcome {
  return { code: 2, messages: [`axial init-git: ${message}`] };
}

function git(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string; error?: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.error) return { status: null, stdout: '', stderr: '', error: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed (not on the PATH)' : r.error.message };
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Quotes a word for the shell git runs drivers with, when it needs quoting. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Registers `axial init-git` on the CLI. */
export function registerInitGit(program: import('commander').Command): void {
  program
    .command('init-git')
    .description('Set up git for Axial: .gitattributes lines for every project\'s transcripts and the local git config of the axial diff and merge drivers. Running it again changes nothing.')
    .argument('[folder]', 'a folder in the repository holding one or more projects (codebook.yaml)', '.')
    .option('--command <cmd>', 'how git should run Axial, e.g. `axial` when it is installed on the PATH (default: this CLI by its absolute path)')
    .addHelpText('after', '\nExit codes: 0 set up (or already set up); 2 usage error, not a git repository, no project, or git missing.')
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(async (folder: string, opts: { command?: string }) => {
      const out = await initGit(folder, opts.command);
      for (const m of out.messages) (out.code === 0 ? process.stdout : process.stderr).write(m + '\n');
      process.exitCode = out.code;
    });
}
