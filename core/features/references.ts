import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import { memoRefsOfCode } from '../project/memos';
import { scalarInner } from '../refactor/text';
import { codebookTargetAt, memoAt, memoTargetAt, transcriptTargetAt } from './targetAt';
import type { FileLocation } from './definition';
import { codeUsage } from './usage';

/**
 * Every span coded with the code under the cursor (a tag in a transcript, a code
 * in codebook.yaml, or a code a memo names), across the project, as the span's
 * full range from `{{` to its blocks; then every place a memo names the code (the
 * id's characters). With `includeDeclaration`, the codebook entry comes first.
 */
export function references(index: ProjectIndex, uri: string, offset: number, includeDeclaration: boolean): FileLocation[] {
  uri = normalizeUri(uri);
  const memo = index.projectOf(uri) ? undefined : memoAt(index, uri);
  const project = memo?.project ?? index.projectOf(uri);
  if (!project) return [];
  let id: string | undefined;
  if (memo) {
    id = memoTargetAt(memo.project, memo.entry, offset)?.id;
  } else if (uri === project.codebookUri) {
    id = codebookTargetAt(project.codebook, offset)?.id;
  } else {
    const entry = project.transcripts.get(uri);
    const target = entry && transcriptTargetAt(entry.transcript, offset);
    if (target?.kind === 'code') id = target.ref.id;
  }
  if (id === undefined) return [];
  const out: FileLocation[] = [];
  const code = project.codebook.codes.get(id);
  if (includeDeclaration && code) out.push({ uri: project.codebookUri, range: code.keyRange });
  const seen = new Set<string>();
  for (const use of codeUsage(project, id).uses) {
    const key = `${use.uri}#${use.span.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const end = use.span.close?.end ?? project.transcripts.get(use.uri)!.transcript.text.length;
    out.push({ uri: use.uri, range: { start: use.span.open.start, end } });
  }
  for (const { entry, ref } of memoRefsOfCode(project, id)) {
    out.push({ uri: entry.uri, range: ref.inFrontMatter ? scalarInner(entry.lines.text, ref.range) : ref.range });
  }
  return out;
}
