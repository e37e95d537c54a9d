/**
 * The coding commands: Code Selection…, Add Code to Span, Remove Code from Span,
 * Uncode Span, Merge Codes… and Move Code…. Each gathers what it needs (quick
 * picks, unless the arguments already say it, as tests and other commands pass
 * them) and runs one server command (common/protocol.ts), which computes the edit
 * and applies it. Refusals come back as messages.
 */
import * as vscode from 'vscode';
import { ID_PATTERN } from '../../core/codebook';
import { plural } from '../../core/text';
import {
  AddCodeCommand,
  CodebookRequest,
  CodedSpanRequest,
  CodeSelectionCommand,
  MergeCodeCommand,
  MoveCodeCommand,
  RemoveCodeCommand,
  ServerCommandRequest,
  UncodeCommand,
  type CodebookEntry,
  type CodebookResult,
  type LspRange,
  type NewCodeArgs,
  type RefactorCommandResult,
  type ServerCommandArgs,
  type ServerCommandId,
  type ServerCommandParams,
} from '../../common/protocol';
import { categoryOf, codeItems, isCodable, matching, newCodeParents, parentCandidates, rememberRecent, type CodeItem } from './picker';
import type { CodingServer } from './server';

export const CODE_SELECTION_COMMAND = 'axial.codeSelection';
export const ADD_CODE_COMMAND = 'axial.addCodeToSpan';
export const REMOVE_CODE_COMMAND = 'axial.removeCodeFromSpan';
export const UNCODE_COMMAND = 'axial.uncodeSpan';
export const MERGE_CODE_COMMAND = 'axial.mergeCode';
export const MOVE_CODE_COMMAND = 'axial.moveCode';

const RECENT_KEY = 'axial.recentCodes';
/** workspaceState key: the parent chosen for the last new code. */
const LAST_PARENT_KEY = 'axial.lastNewCodeParent';

/** Where a command acts: a transcript and a range in it (default: the active editor and its selection). */
export interface TargetArgs {
  uri?: string;
  range?: LspRange;
}

export interface CodeSelectionCommandArgs extends TargetArgs {
  /** Codes to apply; given, no picker is shown. */
  codes?: string[];
  /** Default: the setting `axial.coder`, else the front matter's `coder`. */
  coder?: string;
  newCode?: NewCodeArgs;
}

export interface RemoveCodeCommandArgs extends TargetArgs {
  code?: string;
  coder?: string;
}

export interface MergeCodeCommandArgs {
  uri?: string;
  from?: string;
  to?: string;
  mode?: 'delete' | 'deprecate';
}

export interface MoveCodeCommandArgs {
  uri?: string;
  id?: string;
  /** The new parent; `null` for the top level. */
  parent?: string | null;
}

/** A plain LSP range (a vscode.Range serialises differently). */
export function lspRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): LspRange {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export class CodingCommands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: CodingServer,
  ) {}

  register(): vscode.Disposable[] {
    const reg = <A>(id: string, run: (args: A) => Promise<unknown>) =>
      vscode.commands.registerCommand(id, (args?: A) => run((args ?? {}) as A));
    return [
      reg<CodeSelectionCommandArgs>(CODE_SELECTION_COMMAND, (a) => this.codeSelection(a)),
      reg<CodeSelectionCommandArgs>(ADD_CODE_COMMAND, (a) => this.addCode(a)),
      reg<RemoveCodeCommandArgs>(REMOVE_CODE_COMMAND, (a) => this.removeCode(a)),
      reg<TargetArgs>(UNCODE_COMMAND, (a) => this.uncode(a)),
      reg<MergeCodeCommandArgs>(MERGE_CODE_COMMAND, (a) => this.mergeCode(a)),
      reg<MoveCodeCommandArgs>(MOVE_CODE_COMMAND, (a) => this.moveCode(a)),
    ];
  }

  // ------------------------------------------------------------------ coding

  async codeSelection(args: CodeSelectionCommandArgs): Promise<RefactorCommandResult | undefined> {
    const target = this.target(args);
    if (!target) return this.nothing('Open a transcript and select the text to code.');
    if (!args.range && isEmpty(target.range)) return this.nothing('Select the text to code first.');
    let codes = args.codes;
    let newCode = args.newCode;
    if (!codes && !newCode) {
      const codebook = await this.codebook(target.uri);
      if (!codebook) return this.nothing('This file is in no Axial project (a folder with codebook.yaml).');
      // A selection inside a coded span: a new code goes, by default, in that span's category.
      const around = await this.server.request(CodedSpanRequest.type, { uri: target.uri, range: { start: target.range.start, end: target.range.start } });
      const picked = await this.pickCodes(codebook, { title: 'Axial: Code Selection', exclude: [], preferredParent: this.preferredParent(codebook, around?.blocks.flatMap((b) => b.codes) ?? []) });
      if (!picked) return undefined;
      ({ codes, newCode } = picked);
    }
    const result = await this.run(CodeSelectionCommand, { uri: target.uri, range: target.range, codes: codes ?? [], coder: this.coder(target.uri, args.coder), newCode });
    if (result?.applied) await this.remember([...(codes ?? []), ...(newCode ? [newCode.id] : [])], newCode, target.uri);
    return result;
  }

  async addCode(args: CodeSelectionCommandArgs): Promise<RefactorCommandResult | undefined> {
    const target = this.target(args);
    if (!target) return this.nothing('Put the cursor in a coded span of a transcript.');
    const coder = this.coder(target.uri, args.coder);
    let codes = args.codes;
    let newCode = args.newCode;
    if (!codes && !newCode) {
      const span = await this.server.request(CodedSpanRequest.type, { uri: target.uri, range: target.range });
      if (!span) return this.nothing('There is no coded span under the cursor.');
      const codebook = await this.codebook(target.uri);
      if (!codebook) return undefined;
      // The codes this coder already applies to the span are not offered again.
      // (With no coder set, the front matter's applies, which the client does not know: then every code of the span.)
      const have = span.blocks.filter((b) => coder === undefined || b.coder === coder).flatMap((b) => b.codes);
      const picked = await this.pickCodes(codebook, { title: `Axial: Add Code to “${excerpt(span.quote)}”`, exclude: have, preferredParent: this.preferredParent(codebook, span.blocks.flatMap((b) => b.codes)) });
      if (!picked) return undefined;
      ({ codes, newCode } = picked);
    }
    const result = await this.run(AddCodeCommand, { uri: target.uri, range: target.range, codes: codes ?? [], coder, newCode });
    if (result?.applied) await this.remember([...(codes ?? []), ...(newCode ? [newCode.id] : [])], newCode, target.uri);
    return result;
  }

  async removeCode(args: RemoveCodeCommandArgs): Promise<RefactorCommandResult | undefined> {
    const target = this.target(args);
    if (!target) return this.nothing('Put the cursor in a coded span of a transcript.');
    let code = args.code;
    let coder = args.coder;
    if (!code) {
      const span = await this.server.request(CodedSpanRequest.type, { uri: target.uri, range: target.range });
      if (!span) return this.nothing('There is no coded span under the cursor.');
      const codebook = await this.codebook(target.uri);
      const names = new Map((codebook?.codes ?? []).map((c) => [c.id, c.name]));
      const several = new Set(span.blocks.map((b) => b.coder ?? '')).size > 1;
      const items = span.blocks.flatMap((b) =>
        b.codes.map((id) => ({
          label: names.get(id) ?? id,
          description: [`#${id}`, several && b.coder ? `by ${b.coder}` : undefined].filter(Boolean).join(' · '),
          id,
          coder: b.coder,
        })),
      );
      const pick =
        items.length === 1
          ? items[0]
          : await vscode.window.showQuickPick(items, { title: `Axial: Remove Code from “${excerpt(span.quote)}”`, placeHolder: 'The code to remove', matchOnDescription: true });
      if (!pick) return undefined;
      code = pick.id;
      coder = pick.coder;
    }
    return this.run(RemoveCodeCommand, { uri: target.uri, range: target.range, code, coder });
  }

  async uncode(args: TargetArgs): Promise<RefactorCommandResult | undefined> {
    const target = this.target(args);
    if (!target) return this.nothing('Put the cursor in a coded span of a transcript.');
    return this.run(UncodeCommand, { uri: target.uri, range: target.range });
  }

  // ------------------------------------------------------------------ codebook

  async mergeCode(args: MergeCodeCommandArgs): Promise<RefactorCommandResult | undefined> {
    const uri = await this.projectUri(args.uri);
    if (!uri) return this.nothing('Open a file of an Axial project (a folder with codebook.yaml).');
    const codebook = await this.codebook(uri);
    if (!codebook) return this.nothing('This file is in no Axial project (a folder with codebook.yaml).');
    const byId = new Map(codebook.codes.map((c) => [c.id, c]));
    const interactive = !(args.from && args.to && args.mode);
    const from = args.from ?? (await this.pickOne(codebook.codes, { title: 'Axial: Merge Codes (1/3)', placeHolder: 'The code to merge away (its tags are retagged)' }))?.id;
    if (!from) return undefined;
    const a = byId.get(from);
    let to = args.to;
    if (!to) {
      const kind = a?.kind ?? 'code';
      const targets = codebook.codes.filter((c) => c.id !== from && c.kind === kind && c.status === 'active');
      to = (await this.pickOne(targets, { title: `Axial: Merge Codes (2/3)`, placeHolder: `Merge '${from}' into…` }))?.id;
      if (!to) return undefined;
    }
    let mode = args.mode;
    if (!mode) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: `$(trash) Remove '${from}' from the codebook`, detail: 'Its entry is deleted from codebook.yaml.', mode: 'delete' as const },
          { label: `$(archive) Keep '${from}' as deprecated`, detail: `Its entry stays with status: deprecated and replaced_by: ${to}.`, mode: 'deprecate' as const },
        ],
        { title: `Axial: Merge Codes (3/3): every #${from} becomes #${to}; and then?` },
      );
      if (!pick) return undefined;
      mode = pick.mode;
    }
    const params = { uri, from, to, mode };
    if (interactive) {
      const preview = await this.server.request(ServerCommandRequest.type, { command: MergeCodeCommand, arguments: [{ ...params, dryRun: true }] });
      if (!preview || preview.error) return this.report(preview);
      const ok = await vscode.window.showWarningMessage(`${preview.summary ?? `Merge '${from}' into '${to}'.`}`, { modal: true }, 'Merge');
      if (ok !== 'Merge') return undefined;
    }
    return this.run(MergeCodeCommand, params, true);
  }

  async moveCode(args: MoveCodeCommandArgs): Promise<RefactorCommandResult | undefined> {
    const uri = await this.projectUri(args.uri);
    if (!uri) return this.nothing('Open a file of an Axial project (a folder with codebook.yaml).');
    const codebook = await this.codebook(uri);
    if (!codebook) return this.nothing('This file is in no Axial project (a folder with codebook.yaml).');
    const id = args.id ?? (await this.pickOne(codebook.codes, { title: 'Axial: Move Code (1/2)', placeHolder: 'The code or category to move' }))?.id;
    if (!id) return undefined;
    let parent = args.parent;
    if (parent === undefined) {
      const current = codebook.codes.find((c) => c.id === id)?.parent;
      const top = { label: '$(arrow-up) Top level', description: 'no parent', id: null as string | null };
      const items = [top, ...parentCandidates(codebook, id).map((c) => ({ ...entryItem(c, codebook), id: c.id as string | null }))].map((item) =>
        item.id === (current ?? null) ? { ...item, description: `${item.description ?? ''} (current)`.trim() } : item,
      );
      const pick = await vscode.window.showQuickPick(items, { title: 'Axial: Move Code (2/2)', placeHolder: `Move '${id}' under…`, matchOnDescription: true });
      if (!pick) return undefined;
      parent = pick.id;
    }
    return this.run(MoveCodeCommand, { uri, id, parent }, true);
  }

  // ------------------------------------------------------------------ pieces

  /** The items the code picker would show for a file now (tests read them). */
  async pickerItems(uri: string): Promise<CodeItem[] | undefined> {
    const codebook = await this.codebook(uri);
    return codebook ? codeItems(codebook, { recent: this.recent() }) : undefined;
  }

  private recent(): string[] {
    return this.context.workspaceState.get<string[]>(RECENT_KEY, []);
  }

  /**
   * Records the codes just applied; after a new code, also its parent (offered first
   * next time) and opens its codebook entry beside the transcript, for its definition.
   */
  private async remember(used: string[], newCode?: NewCodeArgs, uri?: string): Promise<void> {
    if (used.length > 0) await this.context.workspaceState.update(RECENT_KEY, rememberRecent(this.recent(), used));
    if (!newCode || !uri) return;
    await this.context.workspaceState.update(LAST_PARENT_KEY, newCode.parent ?? null);
    const codebook = await this.codebook(uri);
    if (codebook) await revealCodebookEntry(vscode.Uri.parse(codebook.codebookUri), newCode.id);
  }

  /** The parent a new code is offered first: the category of the codes at the cursor, else the parent used last. */
  private preferredParent(codebook: CodebookResult, codesHere: string[]): string | undefined {
    for (const id of codesHere) {
      const category = categoryOf(codebook, id);
      if (category) return category;
    }
    const last = this.context.workspaceState.get<string | null>(LAST_PARENT_KEY);
    return last ?? undefined;
  }

  private codebook(uri: string): Promise<CodebookResult | null | undefined> {
    return this.server.request(CodebookRequest.type, { uri });
  }

  /** The transcript and range a coding command acts on. */
  private target(args: TargetArgs): { uri: string; range: LspRange } | undefined {
    const editor = vscode.window.activeTextEditor;
    const uri = args.uri ?? editor?.document.uri.toString();
    if (!uri) return undefined;
    if (args.range) return { uri, range: lspRange(args.range) };
    if (!editor || editor.document.uri.toString() !== uri) return undefined;
    return { uri, range: lspRange(editor.selection) };
  }

  /** The coder: the command's, else the setting `axial.coder`; undefined lets the front matter's `coder` apply. */
  private coder(uri: string, given: string | undefined): string | undefined {
    const setting = vscode.workspace.getConfiguration('axial', vscode.Uri.parse(uri)).get<string>('coder', '');
    const coder = (given ?? setting ?? '').trim();
    return coder === '' ? undefined : coder;
  }

  /** A file of the project for codebook commands: the given one, the active editor's, or the workspace's only codebook.yaml. */
  private async projectUri(given: string | undefined): Promise<string | undefined> {
    if (given) return given;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && active.scheme === 'file' && (await this.codebook(active.toString()))) return active.toString();
    const books = await vscode.workspace.findFiles('**/codebook.yaml', '{**/node_modules/**,**/.git/**}', 20);
    if (books.length <= 1) return books[0]?.toString();
    const pick = await vscode.window.showQuickPick(
      books.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u.toString() })),
      { title: 'Axial: which project?' },
    );
    return pick?.uri;
  }

  /** The multi-select code picker; "New code…" asks for the new code's id, name and parent. */
  private async pickCodes(codebook: CodebookResult, options: { title: string; exclude: string[]; preferredParent?: string }): Promise<{ codes: string[]; newCode?: NewCodeArgs } | undefined> {
    const qp = vscode.window.createQuickPick<CodeItem>();
    qp.title = options.title;
    qp.placeholder = 'Type an id, a name or an alias; ↓ and Space check codes; Enter applies';
    qp.canSelectMany = true;
    qp.matchOnDescription = true;
    qp.items = codeItems(codebook, { recent: this.recent(), exclude: options.exclude });
    const chosen = await new Promise<{ items: readonly CodeItem[]; value: string } | undefined>((resolve) => {
      let done = false;
      qp.onDidAccept(() => {
        let items: readonly CodeItem[] = qp.selectedItems.length > 0 ? qp.selectedItems : qp.activeItems.slice(0, 1);
        if (items.length === 0 && qp.value.trim() !== '') {
          // Enter on a filter with nothing checked: the one code it matches, or a new code named as typed.
          const matches = matching(qp.items, qp.value);
          if (matches.length === 1) items = matches;
          else if (matches.length === 0) items = qp.items.filter((i) => i.newCode);
          else {
            qp.title = `${options.title}: ${matches.length} codes match; check them with ↓ and Space, then Enter`;
            return;
          }
        }
        done = true;
        resolve({ items, value: qp.value });
        qp.hide();
      });
      qp.onDidHide(() => {
        if (!done) resolve(undefined);
        qp.dispose();
      });
      qp.show();
    });
    if (!chosen || chosen.items.length === 0) return undefined;
    const codes = chosen.items.filter((i) => i.id).map((i) => i.id!);
    if (!chosen.items.some((i) => i.newCode)) return { codes };
    const newCode = await askNewCode(codebook, chosen.value, options.preferredParent);
    return newCode ? { codes, newCode } : undefined;
  }

  private async pickOne(codes: CodebookEntry[], options: { title: string; placeHolder: string }): Promise<{ id: string } | undefined> {
    const codebook = { codes } as CodebookResult;
    return vscode.window.showQuickPick(
      codes.map((c) => ({ ...entryItem(c, codebook), id: c.id })),
      { ...options, matchOnDescription: true },
    );
  }

  /** Runs a server command and says how it went. */
  private async run<C extends ServerCommandId>(command: C, args: ServerCommandArgs[C], announce = false): Promise<RefactorCommandResult | undefined> {
    let result: RefactorCommandResult | undefined;
    try {
      // The union of commands cannot be narrowed by the generic `C`; the signature above keeps command and argument together.
      result = await this.server.request(ServerCommandRequest.type, { command, arguments: [args] } as ServerCommandParams);
    } catch (err) {
      result = { applied: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (!result) return this.nothing('The Axial language server is not running.');
    return this.report(result, announce);
  }

  private report(result: RefactorCommandResult | undefined, announce = false): RefactorCommandResult | undefined {
    if (!result) return undefined;
    if (result.error) void vscode.window.showWarningMessage(`Axial: ${result.error}`);
    else if (result.summary && announce) void vscode.window.showInformationMessage(`Axial: ${result.summary}`);
    else if (result.summary) vscode.window.setStatusBarMessage(`Axial: ${result.summary}`, 5000);
    return result;
  }

  private nothing(message: string): undefined {
    void vscode.window.showInformationMessage(`Axial: ${message}`);
    return undefined;
  }
}

/** A code or category as a single-select item (merge and move pickers). */
function entryItem(c: CodebookEntry, codebook: CodebookResult): vscode.QuickPickItem {
  const parent = c.parent !== undefined ? codebook.codes.find((x) => x.id === c.parent) : undefined;
  const icon = c.kind === 'category' ? '$(folder)' : isCodable(c) ? '$(tag)' : '$(archive)';
  // The Axial view's count: a category's quotes are those of the codes below it.
  const facts = [c.kind === 'category' ? 'category' : undefined, c.status === 'deprecated' ? 'deprecated' : undefined, plural(c.subtreeQuotes ?? c.quotes, 'quote')];
  return {
    label: `${icon} ${c.name || c.id}`,
    description: [`#${c.id}`, ...facts.filter(Boolean)].join(' · '),
    ...(parent ? { detail: `under ${parent.name}` } : {}),
  };
}

/**
 * Asks for a new code's id (validated), name, definition and parent. The parent
 * picker offers `preferredParent` first (the category of the code at the cursor, or
 * the parent used last), with each candidate's real quote count.
 */
export async function askNewCode(codebook: CodebookResult, typed = '', preferredParent?: string): Promise<NewCodeArgs | undefined> {
  const taken = new Set(codebook.codes.map((c) => c.id));
  const guess = typed.trim().replace(/\s+/g, '-');
  const id = await vscode.window.showInputBox({
    title: 'Axial: New Code (1/4): id',
    prompt: 'The id used in tags (#id): a letter or digit, then letters, digits, _ . or -',
    value: ID_PATTERN.test(guess) && !taken.has(guess) ? guess : '',
    validateInput: (v) => validateNewId(v, taken),
  });
  if (id === undefined) return undefined;
  const name = await vscode.window.showInputBox({
    title: `Axial: New Code (2/4): name of ${id.trim()}`,
    prompt: 'A display name (optional)',
    value: humanise(id.trim()),
  });
  if (name === undefined) return undefined;
  const definition = await vscode.window.showInputBox({
    title: `Axial: New Code (3/4): definition of ${id.trim()}`,
    prompt: 'What the code means: when a passage gets it (optional; you can write it in codebook.yaml later)',
  });
  if (definition === undefined) return undefined;
  const top = { label: '$(circle-slash) No parent', description: 'at the top level', id: undefined as string | undefined };
  const parents = newCodeParents(codebook, preferredParent).map((c) => ({ ...entryItem(c, codebook), id: c.id as string | undefined }));
  const items = parents.length > 0 && parents[0].id === preferredParent ? [parents[0], top, ...parents.slice(1)] : [top, ...parents];
  const parent = await vscode.window.showQuickPick(items, {
    title: `Axial: New Code (4/4): parent of ${id.trim()}`,
    placeHolder: 'The category (or code) it belongs under',
    matchOnDescription: true,
  });
  if (!parent) return undefined;
  return {
    id: id.trim(),
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(definition.trim() ? { definition: definition.trim() } : {}),
    ...(parent.id ? { parent: parent.id } : {}),
  };
}

/**
 * Opens codebook.yaml beside the active editor (keeping the focus there) with the
 * entry of `id` at the top and selected: where a new code's definition is written.
 */
export async function revealCodebookEntry(codebook: vscode.Uri, id: string): Promise<vscode.TextEditor | undefined> {
  const doc = await vscode.workspace.openTextDocument(codebook);
  const key = new RegExp(`^\\s+["']?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
  let line = -1;
  for (let i = 0; i < doc.lineCount && line < 0; i++) if (key.test(doc.lineAt(i).text)) line = i;
  if (line < 0) return undefined;
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  const range = doc.lineAt(line).range;
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
  return editor;
}

/** Why an id cannot be a new code's, or undefined when it can. */
export function validateNewId(value: string, taken: Set<string>): string | undefined {
  const v = value.trim().normalize('NFC');
  if (v === '') return 'Type an id.';
  if (!ID_PATTERN.test(v)) return 'An id starts with a letter or digit, then letters, digits, _ . or - (no spaces).';
  if (taken.has(v)) return `The codebook already has '${v}'.`;
  return undefined;
}

/** `trust-as-key` → `Trust as key`. */
function humanise(id: string): string {
  const words = id.replace(/[-_.]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}

function isEmpty(r: LspRange): boolean {
  return r.start.line === r.end.line && r.start.character === r.end.character;
}

function excerpt(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ');
  return flat.length > 30 ? `${flat.slice(0, 29)}…` : flat;
}
