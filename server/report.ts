import type { Connection } from 'vscode-languageserver/node';
import { ReportRequest, type ReportParams, type ReportResult } from '../common/protocol';
import { projectFor, type ProjectIndex } from '../core';
import { resolveCode } from '../core/codebook';
import { reportData, reportHtml } from '../core/report';
import type { Health } from './health';

/**
 * `axial/report` ("Axial: Open Report"): the html report of the file's project,
 * over the project as the index holds it (open documents win over the disk), as
 * `axial report --format html` writes it. Filters the project does not know are
 * left out (the client offers only known ones).
 */
export function registerReport(connection: Connection, index: ProjectIndex, health: Health): void {
  connection.onRequest(ReportRequest.type, (p: ReportParams): ReportResult | null =>
    health.guard('report', null, () => {
      const project = projectFor(index, p.uri);
      if (!project) return null;
      const codes = [...new Set(strings(p.codes).flatMap((id) => resolveCode(project.codebook, id.replace(/^#/, ''))?.id ?? []))];
      const data = reportData(project, { coders: strings(p.coders).map((c) => c.replace(/^@/, '')), cases: strings(p.cases), codes });
      return { root: project.root, title: data.title, html: reportHtml(data), skipped: data.skipped };
    }),
  );
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}
