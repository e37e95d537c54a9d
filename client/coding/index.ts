/**
 * Coding in the editor (client side): the coding commands and their pickers
 * (commands.ts, picker.ts), the "Code selection…" code action, and the tints of
 * coded spans (decorations.ts). The edits themselves are computed by the server.
 */
import * as vscode from 'vscode';
import { TRANSCRIPT_LANGUAGE_ID } from '../../common/protocol';
import { CODE_SELECTION_COMMAND, CodingCommands, lspRange } from './commands';
import { SpanDecorator, type AppliedDecorations } from './decorations';
import type { CodeItem } from './picker';
import type { CodingServer } from './server';
import { ReadingModes, registerReadingView, type ReadingApi } from '../reading';

export type { CodingServer } from './server';
export type { AppliedDecorations } from './decorations';
export type { CodeItem } from './picker';

/** The kind of the "Code selection…" action. */
export const CODE_SELECTION_KIND = vscode.CodeActionKind.RefactorRewrite.append('axial').append('code');

/** What tests (and other parts of the extension) can ask of coding in the editor; part of activate()'s API. */
export interface CodingApi {
  /** The tints and dimmed markup the editors of a document show (undefined before the first answer). */
  decorations(uri: string): AppliedDecorations | undefined;
  /** Asks the server again for every visible transcript and applies the answers. */
  refreshDecorations(): Promise<void>;
  /** Fires with a document URI after its decorations were applied. */
  onDidApplyDecorations: vscode.Event<string>;
  /** The items "Code Selection…" would show for a file now (recently used first). */
  pickerItems(uri: string): Promise<CodeItem[] | undefined>;
  /** The reading view (client/reading): markup hidden, codes in the margin. */
  reading: ReadingApi;
}

/** Offers "Code selection…" on a non-empty selection of a transcript. */
class CodeSelectionActions implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (range.isEmpty || document.getText(range).trim() === '') return [];
    const action = new vscode.CodeAction('Code selection…', CODE_SELECTION_KIND);
    action.command = {
      command: CODE_SELECTION_COMMAND,
      title: 'Code selection…',
      arguments: [{ uri: document.uri.toString(), range: lspRange(range) }],
    };
    return [action];
  }
}

export function registerCoding(context: vscode.ExtensionContext, server: CodingServer): CodingApi {
  const commands = new CodingCommands(context, server);
  const modes = new ReadingModes(context.workspaceState);
  const decorator = new SpanDecorator(server, modes);
  const reading = registerReadingView(context, server, modes, decorator);
  context.subscriptions.push(
    modes,
    decorator,
    ...commands.register(),
    vscode.languages.registerCodeActionsProvider({ language: TRANSCRIPT_LANGUAGE_ID }, new CodeSelectionActions(), {
      providedCodeActionKinds: [CODE_SELECTION_KIND],
    }),
  );
  return {
    decorations: (uri) => decorator.decorations(uri),
    refreshDecorations: () => decorator.refreshNow(),
    onDidApplyDecorations: decorator.onDidApply,
    pickerItems: (uri) => commands.pickerItems(uri),
    reading,
  };
}
