/**
 * How `axial check` writes diagnostics: as lines for people (`text`), as
 * GitHub Actions workflow commands (`github`), or as JSON for scripts (`json`).
 *
 * Diagnostics quote transcript and codebook text, so this is the one place where
 * what reaches a terminal or a CI log is made safe: every message and file name is
 * passed through core's `printable` (one line, control characters escaped), and
 * the GitHub format also applies GitHub's own escaping, so no transcript can start
 * a line of its own, forge a diagnostic, or inject a workflow command (`::…`).
 */
import { printable } from '../core';

/** One diagnostic as `axial check` reports it: 1-based lines and columns (UTF-16 units), the end just after the last character. */
export interface CheckDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
}

/** The totals of one check. */
export interface CheckSummary {
  projects: number;
  transcripts: number;
  errors: number;
  warnings: number;
  /** Warnings fail the check too (`--strict`). */
  strict: boolean;
  /** Whether the check passed (exit code 0). */
  ok: boolean;
}

/** Output formats of `axial check`. */
export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const RANK: Record<CheckDiagnostic['severity'], number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** By file, line and column (then the rest, so the order never depends on how files were read). */
export function compareDiagnostics(a: CheckDiagnostic, b: CheckDiagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    RANK[a.severity] - RANK[b.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** `n word` or `n words`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Whether to colour a stream: only a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
const SEVERITY_COLOR: Record<CheckDiagnostic['severity'], string> = { error: '31', warning: '33', information: '36', hint: '2' };

/** `file:line:col severity code message`, one line, the format editors and CI annotate from. */
export function formatText(d: CheckDiagnostic, color = false): string {
  const where = `${printable(d.file)}:${d.line}:${d.column}`;
  return `${paint(color, '1', where)} ${paint(color, SEVERITY_COLOR[d.severity], d.severity)} ${paint(color, '2', d.code)} ${printable(d.message)}`;
}

/** GitHub's escaping of a workflow command's message. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a workflow command's property value (`file=…`, `title=…`). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Record<CheckDiagnostic['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=code::message`, a GitHub Actions annotation. */
export function formatGithub(d: CheckDiagnostic): string {
  const props = [
    `file=${escapeGithubProperty(printable(d.file))}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `endLine=${d.endLine}`,
    `endColumn=${d.endColumn}`,
    `title=${escapeGithubProperty(d.code)}`,
  ].join(',');
  return `::${GITHUB_LEVEL[d.severity]} ${props}::${escapeGithubData(printable(d.message))}`;
}

/** The summary line: `1 project, 7 transcripts: 0 errors, 1 warning`. */
export function formatSummary(s: CheckSummary): string {
  const base = `${plural(s.projects, 'project')}, ${plural(s.transcripts, 'transcript')}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
  return s.strict && s.warnings > 0 && s.errors === 0 ? `${base} (--strict: warnings fail)` : base;
}

/** The whole output on stdout, for one format; the text formats end with a line break when not empty. */
export function render(format: Format, diagnostics: CheckDiagnostic[], summary: CheckSummary, color = false): string {
  if (format === 'json') return JSON.stringify({ diagnostics, summary }, null, 2) + '\n';
  const lines = diagnostics.map((d) => (format === 'github' ? formatGithub(d) : formatText(d, color)));
  return lines.length ? lines.join('\n') + '\n' : '';
}
