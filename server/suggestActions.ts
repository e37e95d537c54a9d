import type { CodeAction } from 'vscode-languageserver/node';
import { suggestActions, type OffsetRange, type ProjectIndex } from '../core';
import { toWorkspaceEdit, type LinesOf } from './convert';

/**
 * Code suggestions as code actions: "Suggest: <name> (<id>) — why" on a selection
 * or on the speaker turn under the cursor, best first (top 3). Applying one wraps
 * the passage as a span with the code, or adds the code to the span the selection
 * is exactly. The ranking is core's local engine (core/suggest); nothing leaves
 * the machine.
 */
export const SUGGEST_KIND = 'refactor.rewrite.axial.suggest';

export const suggestProvider = (index: ProjectIndex, uri: string, range: OffsetRange, linesOf: LinesOf): CodeAction[] =>
  suggestActions(index, uri, range).flatMap((a): CodeAction[] => {
    const edit = toWorkspaceEdit(index, a.edits, linesOf);
    if (!edit) return [];
    return [
      {
        title: a.title,
        kind: SUGGEST_KIND,
        edit,
        data: {
          axial: 'suggestion',
          id: a.suggestion.id,
          target: a.target,
          score: Number(a.suggestion.score.toFixed(4)),
          why: a.suggestion.why,
          terms: a.suggestion.terms,
          nearest: a.suggestion.nearest && {
            path: a.suggestion.nearest.path,
            line: a.suggestion.nearest.line,
            quote: a.suggestion.nearest.quote,
            similarity: Number(a.suggestion.nearest.similarity.toFixed(4)),
          },
        },
      },
    ];
  });
