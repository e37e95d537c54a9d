import type { Connection } from 'vscode-languageserver/node';
import {
  AddCodeCommand,
  CodedSpanRequest,
  CodeSelectionCommand,
  RemoveCodeCommand,
  SpanDecorationsRequest,
  SPAN_DECORATION_LIMIT,
  UncodeCommand,
  type AddCodeArgs,
  type CodedSpanParams,
  type CodedSpanResult,
  type CodeSelectionArgs,
  type LspRange,
  type NewCodeArgs,
  type RefactorCommandResult,
  type RemoveCodeArgs,
  type SpanDecorationsParams,
  type SpanDecorationsResult,
  type UncodeArgs,
} from '../common/protocol';
import {
  addCodes,
  codedSpanAt,
  codeSelection,
  removeCode,
  spanTints,
  uncode,
  type CodingRequest,
  type ProjectIndex,
  type RefactorResult,
} from '../core';
import { applyOrPreview, registerServerCommand } from './commands';
import { linesOfIndex } from './convert';
import type { Health } from './health';

/**
 * Coding in the editor: the server commands of common/protocol.ts that code a
 * selection, add a code to a span, remove one and uncode a span (each one core
 * call, core/coding/, applied with `workspace/applyEdit`), the span under the
 * cursor for the client's pickers, and the tints of coded spans.
 */
export function registerCoding(connection: Connection, index: ProjectIndex, health: Health): void {
  const linesOf = linesOfIndex(index);
  /** The offsets of an LSP range in a file the index knows. */
  const offsets = (uri: string, range: LspRange | undefined) => {
    const lines = linesOf(uri);
    if (!lines || !range || !range.start || !range.end) return undefined;
    return { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
  };

  const command = <A extends { uri?: unknown; range?: LspRange; dryRun?: boolean }>(
    label: string,
    run: (uri: string, range: { start: number; end: number }, arg: A) => RefactorResult,
  ) => (args: unknown[]) => {
    const arg = (args[0] ?? {}) as A;
    return health.guardAsync<RefactorCommandResult>(label, { applied: false, error: `${label} failed; see the Axial output.` }, async () => {
      const uri = typeof arg.uri === 'string' ? arg.uri : undefined;
      const range = uri ? offsets(uri, arg.range) : undefined;
      if (!uri || !range) return { applied: false, error: 'This file is not a transcript of an Axial project, or the server has not read it yet.' };
      const result = run(uri, range, arg);
      return applyOrPreview(connection, index, result, arg.dryRun, linesOf);
    });
  };

  registerServerCommand(
    CodeSelectionCommand,
    command<CodeSelectionArgs>('code selection', (uri, range, a) => codeSelection(index, uri, range, request(a))),
  );
  registerServerCommand(
    AddCodeCommand,
    command<AddCodeArgs>('add code', (uri, range, a) => addCodes(index, uri, range, request(a))),
  );
  registerServerCommand(
    RemoveCodeCommand,
    command<RemoveCodeArgs>('remove code', (uri, range, a) => removeCode(index, uri, range, text(a.code), optional(a.coder))),
  );
  registerServerCommand(
    UncodeCommand,
    command<UncodeArgs>('uncode', (uri, range) => uncode(index, uri, range)),
  );

  connection.onRequest(CodedSpanRequest.type, (params: CodedSpanParams): CodedSpanResult | null =>
    health.guard('coded span', null, () => {
      const range = offsets(params.uri, params.range);
      const lines = linesOf(params.uri);
      const info = range && lines && codedSpanAt(index, params.uri, range);
      return info && lines ? { range: lines.range(info.range), quote: info.quote, blocks: info.blocks } : null;
    }),
  );

  connection.onRequest(SpanDecorationsRequest.type, (params: SpanDecorationsParams): SpanDecorationsResult | null =>
    health.guard('span decorations', null, () => {
      const tints = spanTints(index, params.uri);
      const lines = linesOf(params.uri);
      if (!tints || !lines) return null;
      // The first spans only, past a number no transcript typed by hand reaches: the answer stays small.
      const spans = tints.spans.slice(0, SPAN_DECORATION_LIMIT);
      const markup = tints.markup.slice(0, 2 * SPAN_DECORATION_LIMIT);
      return {
        spans: spans.map((s) => ({ range: lines.range(s.range), color: s.color, codes: s.codes })),
        markup: markup.map((r) => lines.range(r)),
        ...(spans.length < tints.spans.length || markup.length < tints.markup.length ? { truncated: { spans: tints.spans.length, markup: tints.markup.length } } : {}),
      };
    }),
  );
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function optional(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The coding request of a command's arguments, read defensively (they come from any client). */
function request(a: CodeSelectionArgs | AddCodeArgs): CodingRequest {
  const codes = Array.isArray(a.codes) ? a.codes.filter((c): c is string => typeof c === 'string') : typeof a.codes === 'string' ? [a.codes] : [];
  const n = a.newCode as NewCodeArgs | undefined;
  const newCode =
    n && typeof n === 'object' && typeof n.id === 'string'
      ? {
          id: n.id,
          ...(optional(n.name) ? { name: optional(n.name) } : {}),
          ...(optional(n.parent) ? { parent: optional(n.parent) } : {}),
          ...(optional(n.definition) ? { definition: optional(n.definition) } : {}),
        }
      : undefined;
  return { codes, coder: optional(a.coder), ...(newCode ? { newCode } : {}) };
}
