/**
 * The reading view: a transcript reads as prose. Its openers, closers and blocks
 * are hidden (client/coding/decorations.ts), coded passages keep their tint,
 * each line of a coded passage gets coloured stripes in the margin, and each
 * span gets a clickable line above it with its codes, which opens the span's
 * codes, coders and memos with add, remove and uncode. The mode is per file and
 * remembered; the status bar and the editor title toggle it. Coding commands
 * work as usual: the text and its offsets are the same, only hidden.
 */
import * as vscode from 'vscode';
import { CodedSpanRequest, TRANSCRIPT_LANGUAGE_ID, type CodedSpanResult } from '../../common/protocol';
import { ADD_CODE_COMMAND, REMOVE_CODE_COMMAND, UNCODE_COMMAND } from '../coding/commands';
import type { AppliedDecorations, SpanDecorator } from '../coding/decorations';
import type { CodingServer } from '../coding/server';
import { ReadingModes } from './modes';

export { ReadingModes } from './modes';

export const TOGGLE_READING_COMMAND = 'axial.toggleReadingView';
export const SPAN_MENU_COMMAND = 'axial.reading.spanMenu';

/** One choice of a span's menu. */
export interface SpanMenuItem extends vscode.QuickPickItem {
  /** What choosing it does: a command and its argument, or nothing (a memo shown for reading). */
  command?: string;
  args?: unknown;
}

/** What tests can ask of the reading view; part of activate()'s API (under `coding`). */
export interface ReadingApi {
  isOn(uri: string): boolean;
  /** Turns the reading view on or off for a document (default: the active editor's; toggles without `on`). */
  toggle(args?: { uri?: string; on?: boolean }): Promise<boolean | undefined>;
  /** The choices the span menu offers for the span at `position` (undefined: no coded span there). */
  spanMenu(uri: string, position: { line: number; character: number }): Promise<SpanMenuItem[] | undefined>;
  /** The status bar item's text now. */
  statusText(): string;
}

/** The span menu's choices: each code with its coder (remove), each memo, add a code, uncode. */
export function spanMenuItems(uri: string, span: CodedSpanResult): SpanMenuItem[] {
  const at = { uri, range: { start: span.range.start, end: span.range.start } };
  const items: SpanMenuItem[] = [];
  for (const b of span.blocks) {
    for (const code of b.codes) {
      items.push({ label: `$(close) Remove #${code}`, description: b.coder ? `@${b.coder}` : undefined, command: REMOVE_CODE_COMMAND, args: { ...at, code, ...(b.coder ? { coder: b.coder } : {}) } });
    }
    if (b.memo) items.push({ label: `$(note) ${b.memo}`, description: b.coder ? `memo by @${b.coder}` : 'memo' });
  }
  items.push({ label: '$(add) Add Code…', command: ADD_CODE_COMMAND, args: at });
  items.push({ label: '$(trash) Uncode Span', description: 'remove the markup, keep the words', command: UNCODE_COMMAND, args: at });
  return items;
}

/**
 * Lenses above each coded span of a transcript in the reading view: its codes, opening
 * the span menu. They read the spans the decorator last applied (asked again after each
 * application), so the server is asked once per refresh, not once more for the lenses.
 */
class SpanLenses implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly modes: ReadingModes,
    private readonly decorations: (uri: string) => Pick<AppliedDecorations, 'version' | 'coded'> | undefined,
  ) {}

  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const uri = doc.uri.toString();
    const applied = this.modes.isOn(uri) ? this.decorations(uri) : undefined;
    // Spans of an older version would stand in the wrong places; the next application refreshes.
    if (!applied || applied.version !== doc.version) return [];
    return applied.coded.map((s) => {
      const at = s.range.start;
      return new vscode.CodeLens(new vscode.Range(at, at), {
        title: `▍${s.codes.join(' · ') || '(no code: a memo)'}`,
        tooltip: 'The codes of this passage: click for coders, memos, add and remove',
        command: SPAN_MENU_COMMAND,
        arguments: [{ uri, position: { line: at.line, character: at.character } }],
      });
    });
  }
}

/** Registers the reading view's commands, status bar item and lenses. */
export function registerReadingView(
  context: vscode.ExtensionContext,
  server: CodingServer,
  modes: ReadingModes,
  decorator: Pick<SpanDecorator, 'decorations' | 'onDidApply'>,
): ReadingApi {
  const lenses = new SpanLenses(modes, (uri) => decorator.decorations(uri));
  const item = vscode.window.createStatusBarItem('axial.reading', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Axial reading view';
  item.command = TOGGLE_READING_COMMAND;

  const render = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== TRANSCRIPT_LANGUAGE_ID) {
      item.hide();
      void vscode.commands.executeCommand('setContext', 'axial.readingView', false);
      return;
    }
    const on = modes.isOn(doc.uri.toString());
    item.text = on ? '$(book) Reading' : '$(symbol-namespace) Markup';
    item.tooltip = on ? 'Axial: the markup is hidden. Click to show it.' : 'Axial: click to read this transcript as prose (markup hidden, codes in the margin).';
    item.show();
    void vscode.commands.executeCommand('setContext', 'axial.readingView', on);
  };

  const toggle = async (args?: { uri?: string; on?: boolean }) => {
    const uri = args?.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
    if (!uri) {
      void vscode.window.showInformationMessage('Axial: open a transcript to read it without markup.');
      return undefined;
    }
    const on = args?.on ?? !modes.isOn(uri);
    await modes.set(uri, on);
    return on;
  };

  const spanMenu = async (uri: string, position: { line: number; character: number }) => {
    const span = await server.request(CodedSpanRequest.type, { uri, range: { start: position, end: position } });
    return span ? spanMenuItems(uri, span) : undefined;
  };

  context.subscriptions.push(
    item,
    vscode.languages.registerCodeLensProvider({ language: TRANSCRIPT_LANGUAGE_ID }, lenses),
    modes.onDidChange(() => {
      render();
      lenses.refresh();
    }),
    decorator.onDidApply(() => lenses.refresh()),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.commands.registerCommand(TOGGLE_READING_COMMAND, toggle),
    vscode.commands.registerCommand(SPAN_MENU_COMMAND, async (args?: { uri?: string; position?: { line: number; character: number } }) => {
      const editor = vscode.window.activeTextEditor;
      const uri = args?.uri ?? editor?.document.uri.toString();
      const position = args?.position ?? (editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
      if (!uri || !position) return undefined;
      const items = await spanMenu(uri, position);
      if (!items) {
        void vscode.window.showInformationMessage('Axial: there is no coded span here.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(items, { title: 'Axial: this passage', placeHolder: 'Codes, coders and memos of the span' });
      if (picked?.command) return vscode.commands.executeCommand(picked.command, picked.args);
      return undefined;
    }),
  );
  render();
  return { isOn: (uri) => modes.isOn(uri), toggle, spanMenu, statusText: () => item.text };
}
