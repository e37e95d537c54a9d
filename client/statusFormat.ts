/**
 * What the status bar item says. Pure functions of the server's `axial/status`
 * payload and the client state, kept free of `vscode` so unit tests can run them.
 */
import type { ProjectCounts, StatusParams } from '../common/protocol';
import { plural } from '../core/text';

export type StatusSeverity = 'ok' | 'warning' | 'error';

export interface StatusView {
  text: string;
  tooltip: string;
  severity: StatusSeverity;
}

const CLICK_HINT = 'Click to show the Axial output.';

/** A short name for a project: its title, else the last segment of its folder URI. */
export function projectName(p: ProjectCounts): string {
  if (p.title && p.title.trim()) return p.title.trim();
  const path = p.root.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || p.root;
  } catch {
    return last || p.root;
  }
}

function projectLine(p: ProjectCounts): string {
  const codes = plural(p.codes, 'code') + (p.categories > 0 ? ` (${plural(p.categories, 'category', 'categories')})` : '');
  const problems = `${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}`;
  return `${projectName(p)}: ${codes}, ${plural(p.transcripts, 'transcript')}, ${plural(p.spans, 'span')} — ${problems}`;
}

/** The view for a status notification from a running server. */
export function formatStatus(status: StatusParams): StatusView {
  const projects = status.projects ?? [];
  const degraded = status.health === 'degraded';
  const icon = degraded ? '$(warning)' : '$(symbol-class)';
  const lines: string[] = [];
  if (degraded) {
    lines.push('Axial is degraded: a feature failed; the server is still running.');
    if (status.lastError) lines.push(`Last error: ${status.lastError}`);
    lines.push('');
  }
  let text: string;
  if (status.indexing) {
    const progress = status.progress;
    if (progress && progress.total > 0) {
      const done = Math.min(progress.done, progress.total);
      text = `$(sync~spin) Axial: indexing ${done} of ${plural(progress.total, 'file')}`;
      lines.push(`Axial is reading the workspace: ${done} of ${plural(progress.total, 'file')} read. Features already answer for the files read.`);
    } else {
      text = '$(sync~spin) Axial: indexing…';
      lines.push('Axial is reading the workspace.');
    }
  } else if (projects.length === 0) {
    text = `${icon} Axial`;
    lines.push('Axial: no codebook.yaml found in this workspace.');
  } else {
    const sum = (key: 'codes' | 'transcripts' | 'spans' | 'errors' | 'warnings') =>
      projects.reduce((acc, p) => acc + (Number.isFinite(p[key]) ? p[key] : 0), 0);
    text = `${icon} ${plural(sum('codes'), 'code')} · ${plural(sum('transcripts'), 'transcript')} · ${plural(sum('spans'), 'span')}`;
    if (projects.length > 1) {
      lines.push(`Axial: ${projects.length} projects, ${plural(sum('errors'), 'error')}, ${plural(sum('warnings'), 'warning')}`);
    }
    for (const p of projects) lines.push(projectLine(p));
  }
  lines.push('', CLICK_HINT);
  return { text, tooltip: lines.join('\n'), severity: degraded ? 'warning' : 'ok' };
}

export function formatStarting(): StatusView {
  return { text: '$(sync~spin) Axial', tooltip: `Axial: starting the language server…\n\n${CLICK_HINT}`, severity: 'ok' };
}

/** Running, before the first status arrives. */
export function formatRunning(): StatusView {
  return { text: '$(symbol-class) Axial', tooltip: `Axial: the language server is running.\n\n${CLICK_HINT}`, severity: 'ok' };
}

export function formatStopped(): StatusView {
  return {
    text: '$(error) Axial stopped',
    tooltip: `The Axial language server stopped.\nRun "Axial: Restart Language Server" to start it again.\n\n${CLICK_HINT}`,
    severity: 'error',
  };
}
