/**
 * How `axial diff` prints: plain text for the terminal, Markdown for a
 * pull-request comment, JSON for scripts. A change of the words themselves is
 * flagged in every format so a reviewer cannot miss it.
 */
import type { CodebookDiff, CodingChange, FileDiff } from '../core/diff';
import type { DiffResult } from '../host/revisionDiff';

/** Totals for the summary line. */
export interface DiffSummary {
  coded: number;
  uncoded: number;
  recoded: number;
  memos: number;
  files: number;
  /** Existing transcripts (modified or renamed) whose words changed; new and deleted ones are counted apart. */
  textChanged: number;
  added: number;
  deleted: number;
  unreadable: number;
  codebookChanges: number;
}

/** Counts what the summary line says. */
export function summarize(d: DiffResult): DiffSummary {
  const count = (k: CodingChange['kind']) => d.files.reduce((n, f) => n + f.changes.filter((c) => c.kind === k).length, 0);
  return {
    coded: count('coded'),
    uncoded: count('uncoded'),
    recoded: count('recoded'),
    memos: d.files.reduce((n, f) => n + f.memos.length, 0),
    files: d.files.length,
    textChanged: d.files.filter(wordsEdited).length,
    added: d.files.filter((f) => f.status === 'added').length,
    deleted: d.files.filter((f) => f.status === 'deleted').length,
    unreadable: d.files.filter((f) => f.problems.length > 0).length + d.projects.filter((p) => p.problems.length > 0).length,
    codebookChanges: d.projects.reduce((n, p) => n + codebookCount(p.codebook), 0),
  };
}

/** An existing transcript whose words changed (a new or deleted one is no edit of words). */
function wordsEdited(f: FileDiff): boolean {
  return f.textChanged && (f.status === 'modified' || f.status === 'renamed');
}

/** True when the diff found anything at all (for --exit-code). */
export function hasChanges(d: DiffResult): boolean {
  return d.files.length > 0 || d.projects.length > 0;
}

function codebookCount(c: CodebookDiff): number {
  return c.added.length + c.removed.length + c.renamed.length + c.moved.length + c.redefined.length;
}

/** The codebook changes of every project in one object (ids deduplicated), as the JSON's `codebook`. */
export function mergedCodebook(d: DiffResult): CodebookDiff {
  const out: CodebookDiff = { added: [], removed: [], renamed: [], moved: [], redefined: [] };
  for (const p of d.projects) {
    out.added.push(...p.codebook.added);
    out.removed.push(...p.codebook.removed);
    out.renamed.push(...p.codebook.renamed);
    out.moved.push(...p.codebook.moved);
    out.redefined.push(...p.codebook.redefined);
  }
  out.added = [...new Set(out.added)];
  out.removed = [...new Set(out.removed)];
  return out;
}

/** The JSON scripts and tests rely on (see `axial diff --help`). */
export function toJson(d: DiffResult): unknown {
  return {
    from: d.from,
    to: d.to,
    summary: summarize(d),
    files: d.files.map((f) => ({
      path: f.path,
      ...(f.oldPath !== undefined ? { oldPath: f.oldPath } : {}),
      status: f.status,
      project: f.project,
      textChanged: f.textChanged,
      changes: f.changes.map((c) => ({
        kind: c.kind,
        codes: c.codes,
        ...(c.kind === 'recoded' ? { from: c.from, to: c.to } : {}),
        coder: c.coder,
        quote: c.quote,
        line: c.line,
      })),
      memos: f.memos,
      problems: f.problems,
    })),
    codebook: mergedCodebook(d),
    projects: d.projects,
  };
}

/** Colours for the terminal; identity functions when colour is off. */
export interface Paint {
  add: (s: string) => string;
  del: (s: string) => string;
  mod: (s: string) => string;
  warn: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function paintFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  const on = Boolean(stream.isTTY) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const sgr = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { add: sgr('32'), del: sgr('31'), mod: sgr('33'), warn: sgr('1;33'), dim: sgr('2'), bold: sgr('1') };
}

const tags = (ids: string[]) => ids.map((i) => `#${i}`).join(' ');
const coderOf = (c: { coder: string }) => (c.coder ? `@${c.coder}` : '(no coder)');

/** The terminal report: one block per project codebook and per file, then the summary. */
export function formatText(d: DiffResult, p: Paint): string {
  const out: string[] = [];
  for (const proj of d.projects) {
    const file = proj.path ? `${proj.path}/codebook.yaml` : 'codebook.yaml';
    out.push(p.bold(`${file}${proj.status === 'modified' ? '' : ` (${proj.status === 'added' ? 'new project' : 'project removed'})`}`));
    for (const line of codebookLines(proj.codebook)) out.push(`  ${line.sign === '+' ? p.add(line.text) : line.sign === '-' ? p.del(line.text) : p.mod(line.text)}`);
    for (const pr of proj.problems) out.push(`  ${p.warn(`! ${pr}`)}`);
  }
  for (const f of d.files) {
    out.push(p.bold(`${f.path}${fileNote(f)}`));
    if (f.textChanged && f.status === 'modified') out.push(`  ${p.warn('⚠ text changed: the words of this transcript were edited, not only its coding')}`);
    if (f.textChanged && f.status === 'renamed') out.push(`  ${p.warn('⚠ text changed while renamed')}`);
    for (const pr of f.problems) out.push(`  ${p.warn(`! ${pr}`)}`);
    for (const c of f.changes) {
      const what = c.kind === 'recoded' ? `${tags(c.from!)} → ${tags(c.to!)}` : tags(c.codes);
      const sign = c.kind === 'coded' ? '+' : c.kind === 'uncoded' ? '-' : '~';
      const colour = c.kind === 'coded' ? p.add : c.kind === 'uncoded' ? p.del : p.mod;
      out.push(`  ${colour(`${sign} ${c.kind.padEnd(7)} ${what} ${coderOf(c)}`)} ${p.dim(`line ${c.line}`)} “${c.quote}”`);
    }
    for (const m of f.memos) {
      const colour = m.kind === 'added' ? p.add : p.del;
      out.push(`  ${colour(`${m.kind === 'added' ? '+' : '-'} memo    ${coderOf(m)}`)} ${p.dim(`line ${m.line}`)} “${m.quote}”: ${JSON.stringify(m.memo)}`);
    }
  }
  if (out.length === 0) out.push('No coding changes.');
  out.push(summaryLine(summarize(d), `${d.from} → ${d.to}`));
  return out.join('\n') + '\n';
}

function fileNote(f: FileDiff): string {
  if (f.status === 'added') return ' (new file)';
  if (f.status === 'deleted') return ' (deleted)';
  if (f.status === 'renamed') return ` (renamed from ${f.oldPath})`;
  return '';
}

function codebookLines(c: CodebookDiff): { sign: '+' | '-' | '~'; text: string }[] {
  return [
    ...c.added.map((id) => ({ sign: '+' as const, text: `+ added     #${id}` })),
    ...c.removed.map((id) => ({ sign: '-' as const, text: `- removed   #${id}` })),
    ...c.renamed.map((r) => ({ sign: '~' as const, text: `~ renamed   #${r.from} → #${r.to}` })),
    ...c.moved.map((m) => ({ sign: '~' as const, text: `~ moved     #${m.id}: ${m.from ?? '(top level)'} → ${m.to ?? '(top level)'}` })),
    ...c.redefined.map((r) => ({ sign: '~' as const, text: `~ redefined #${r.id}: ${r.fields.join(', ')}` })),
  ];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 codings added, 1 removed, 1 recoded in 2 files; ⚠ 1 file with text changes". */
function summaryLine(s: DiffSummary, range: string): string {
  const parts = [`${plural(s.coded, 'coding')} added, ${s.uncoded} removed, ${s.recoded} recoded in ${plural(s.files, 'file')}`];
  if (s.memos > 0) parts.push(plural(s.memos, 'memo change'));
  if (s.codebookChanges > 0) parts.push(plural(s.codebookChanges, 'codebook change'));
  if (s.added + s.deleted > 0) parts.push([s.added && `${plural(s.added, 'new transcript')}`, s.deleted && `${plural(s.deleted, 'transcript')} deleted`].filter(Boolean).join(', '));
  if (s.textChanged > 0) parts.push(`⚠ ${plural(s.textChanged, 'file')} with text changes`);
  if (s.unreadable > 0) parts.push(`${plural(s.unreadable, 'file')} not fully read`);
  return `${range}: ${parts.join('; ')}`;
}

/** A pull-request comment: a summary line, the codebook, then one collapsible section per file. */
export function formatMarkdown(d: DiffResult): string {
  const s = summarize(d);
  const out: string[] = ['### Axial: coding changes', ''];
  const head = [`**${plural(s.coded, 'coding')} added, ${s.uncoded} removed, ${s.recoded} recoded** in ${plural(s.files, 'file')}`];
  if (s.memos > 0) head.push(plural(s.memos, 'memo change'));
  if (s.codebookChanges > 0) head.push(plural(s.codebookChanges, 'codebook change'));
  if (s.added + s.deleted > 0) head.push([s.added && `${plural(s.added, 'new transcript')}`, s.deleted && `${plural(s.deleted, 'transcript')} deleted`].filter(Boolean).join(', '));
  if (s.textChanged > 0) head.push(`⚠️ **${plural(s.textChanged, 'file')} with text changes**`);
  if (s.unreadable > 0) head.push(`❗ ${plural(s.unreadable, 'file')} not fully read`);
  out.push(`${head.join(' · ')} (\`${esc(d.from)}\` → \`${esc(d.to)}\`)`, '');
  if (s.textChanged > 0) {
    out.push(`> [!WARNING]`, `> The words of ${plural(s.textChanged, 'transcript')} changed, not only the coding: ${d.files.filter(wordsEdited).map((f) => `\`${esc(f.path)}\``).join(', ')}.`, '');
  }
  for (const proj of d.projects) {
    const file = proj.path ? `${proj.path}/codebook.yaml` : 'codebook.yaml';
    out.push(`<details open><summary><b>${esc(file)}</b>${proj.status === 'added' ? ' (new project)' : proj.status === 'deleted' ? ' (project removed)' : ''}</summary>`, '');
    const c = proj.codebook;
    for (const id of c.added) out.push(`- ➕ added \`${id}\``);
    for (const id of c.removed) out.push(`- ➖ removed \`${id}\``);
    for (const r of c.renamed) out.push(`- ✏️ renamed \`${r.from}\` → \`${r.to}\``);
    for (const m of c.moved) out.push(`- ↪️ moved \`${m.id}\`: ${m.from ? `\`${m.from}\`` : '(top level)'} → ${m.to ? `\`${m.to}\`` : '(top level)'}`);
    for (const r of c.redefined) out.push(`- 📝 redefined \`${r.id}\`: ${r.fields.join(', ')}`);
    for (const pr of proj.problems) out.push(`- ❗ ${esc(pr)}`);
    out.push('', '</details>', '');
  }
  for (const f of d.files) {
    const counts = [
      f.changes.filter((c) => c.kind === 'coded').length && `+${f.changes.filter((c) => c.kind === 'coded').length}`,
      f.changes.filter((c) => c.kind === 'uncoded').length && `−${f.changes.filter((c) => c.kind === 'uncoded').length}`,
      f.changes.filter((c) => c.kind === 'recoded').length && `~${f.changes.filter((c) => c.kind === 'recoded').length}`,
    ].filter(Boolean);
    const flags = [wordsEdited(f) ? '⚠️ text changed' : '', f.problems.length > 0 ? '❗ not fully read' : '', fileNote(f).trim()].filter(Boolean);
    // Sections that need a reviewer's eyes start open.
    const open = wordsEdited(f) || f.problems.length > 0 ? ' open' : '';
    out.push(`<details${open}><summary>${flags.includes('⚠️ text changed') ? '⚠️ ' : ''}<code>${esc(f.path)}</code> ${[...counts, ...flags.filter((x) => x !== '⚠️ text changed')].join(' · ')}</summary>`, '');
    if (wordsEdited(f)) out.push('⚠️ **Text changed**: the words of this transcript were edited, not only its coding.', '');
    for (const pr of f.problems) out.push(`❗ ${esc(pr)}`, '');
    if (f.changes.length > 0 || f.memos.length > 0) {
      out.push('| | Line | Codes | Coder | Quote |', '|---|---:|---|---|---|');
      for (const c of f.changes) {
        const what = c.kind === 'recoded' ? `${codeList(c.from!)} → ${codeList(c.to!)}` : codeList(c.codes);
        const icon = c.kind === 'coded' ? '➕ coded' : c.kind === 'uncoded' ? '➖ uncoded' : '🔁 recoded';
        out.push(`| ${icon} | ${c.line} | ${what} | ${esc(c.coder)} | ${cell(c.quote)} |`);
      }
      for (const m of f.memos) out.push(`| ${m.kind === 'added' ? '➕ memo' : '➖ memo'} | ${m.line} | ${cell(m.memo)} | ${esc(m.coder)} | ${cell(m.quote)} |`);
      out.push('');
    }
    out.push('</details>', '');
  }
  if (d.files.length === 0 && d.projects.length === 0) out.push('No coding changes.', '');
  return out.join('\n');
}

const codeList = (ids: string[]) => ids.map((i) => `\`${i}\``).join(' ');

/** Text safe inside HTML and Markdown (the quote is the researcher's, anything may be in it). */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A table cell: escaped, pipes and Markdown emphasis neutralised. */
function cell(s: string): string {
  return esc(s.replace(/([\\*_`[\]])/g, '\\$1').replace(/\|/g, '\\|'));
}
