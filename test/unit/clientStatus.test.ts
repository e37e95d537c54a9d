/** The status bar text and tooltip of the VS Code client (pure part, no `vscode`). */
import * as assert from 'node:assert/strict';
import { formatStatus, formatStopped, projectName } from '../../client/statusFormat';
import type { ProjectCounts } from '../../common/protocol';

const project = (over: Partial<ProjectCounts> = {}): ProjectCounts => ({
  root: 'file:///home/r/my-study',
  codes: 27,
  categories: 5,
  transcripts: 7,
  spans: 142,
  errors: 2,
  warnings: 1,
  ...over,
});

describe('client status bar', () => {
  it('shows the counts of one project, problems in the tooltip', () => {
    const view = formatStatus({ health: 'ok', projects: [project({ title: 'Therapy' })] });
    assert.equal(view.text, '$(symbol-class) 27 codes · 7 transcripts · 142 spans');
    assert.equal(view.severity, 'ok');
    assert.match(view.tooltip, /Therapy: 27 codes \(5 categories\), 7 transcripts, 142 spans — 2 errors, 1 warning/);
  });

  it('sums several projects and lists each in the tooltip', () => {
    const view = formatStatus({
      health: 'ok',
      projects: [project(), project({ root: 'file:///home/r/caf%C3%A9', codes: 1, transcripts: 1, spans: 1, errors: 0, warnings: 0 })],
    });
    assert.equal(view.text, '$(symbol-class) 28 codes · 8 transcripts · 143 spans');
    assert.match(view.tooltip, /2 projects, 2 errors, 1 warning/);
    assert.match(view.tooltip, /my-study: 27 codes/);
    assert.match(view.tooltip, /café: 1 code \(5 categories\), 1 transcript, 1 span — 0 errors, 0 warnings/);
  });

  it('shows degraded health with the last error', () => {
    const view = formatStatus({ health: 'degraded', projects: [project()], lastError: 'hover failed: boom' });
    assert.ok(view.text.startsWith('$(warning) '));
    assert.equal(view.severity, 'warning');
    assert.match(view.tooltip, /Last error: hover failed: boom/);
  });

  it('handles no project and a stopped server', () => {
    assert.equal(formatStatus({ health: 'ok', projects: [] }).text, '$(symbol-class) Axial');
    assert.equal(formatStopped().text, '$(error) Axial stopped');
    assert.equal(projectName(project({ root: 'file:///a/b/' })), 'b');
  });
});

describe('status bar while indexing', () => {
  it('says the server is still reading the workspace instead of showing partial counts', () => {
    const view = formatStatus({ health: 'ok', indexing: true, projects: [{ root: 'file:///p', codes: 3, categories: 0, transcripts: 0, spans: 0, errors: 0, warnings: 0 }] });
    assert.equal(view.text, '$(sync~spin) Axial: indexing…');
    assert.doesNotMatch(view.text, /0 transcripts/);
  });

  it('shows how many of the files found have been read', () => {
    const view = formatStatus({ health: 'ok', indexing: true, progress: { done: 120, total: 1000 }, projects: [] });
    assert.equal(view.text, '$(sync~spin) Axial: indexing 120 of 1000 files');
    assert.match(view.tooltip, /120 of 1000 files read/);
    // Counts that run ahead of a listing (a file read twice) never show more than the total.
    assert.equal(formatStatus({ health: 'ok', indexing: true, progress: { done: 7, total: 5 }, projects: [] }).text, '$(sync~spin) Axial: indexing 5 of 5 files');
  });

  it('says indexing without numbers before the files are listed', () => {
    assert.equal(formatStatus({ health: 'ok', indexing: true, progress: { done: 0, total: 0 }, projects: [] }).text, '$(sync~spin) Axial: indexing…');
  });
});
