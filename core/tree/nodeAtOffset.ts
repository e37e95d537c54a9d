import { codebookTargetAt, transcriptTargetAt } from '../features/targetAt';
import type { ProjectIndex } from '../project/index';
import type { CodeUse } from '../project/types';
import { normalizeUri } from '../project/uris';
import { formatTreeId } from './ids';

/**
 * The tree node for a place in a file, for "Reveal in Axial Tree": on a tag, the
 * code's node (an unknown code's under "Unknown codes"); on a coder or inside a
 * coded span, the quote node of the span under its first code; in codebook.yaml,
 * the node of the code whose key or value the offset is on.
 */
export function treeNodeIdAt(index: ProjectIndex, uri: string, offset: number): string | undefined {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) return undefined;
  const root = project.root;
  const codeId = (code: string) =>
    formatTreeId(project.codebook.codes.has(code) ? { kind: 'code', root, code } : { kind: 'unknownCode', root, code });
  if (uri === project.codebookUri) {
    const target = codebookTargetAt(project.codebook, offset);
    return target && project.codebook.codes.has(target.id) ? codeId(target.id) : undefined;
  }
  const entry = project.transcripts.get(uri);
  if (!entry) return undefined;
  const target = transcriptTargetAt(entry.transcript, offset);
  if (!target) return undefined;
  if (target.kind === 'code') return codeId(target.ref.id);
  let use: CodeUse | undefined;
  if (target.kind === 'coder') use = target.block && entry.uses.find((u) => u.block === target.block);
  else use = entry.uses.find((u) => u.span === target.span);
  return use && formatTreeId({ kind: 'quote', root, code: use.ref.id, uri, span: use.span.index });
}
