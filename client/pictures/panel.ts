/**
 * The pictures' webview panels: "Axial: Show Axial Model", "Axial: Show Code
 * Co-occurrence", "Axial: Show Code × Case Matrix" and "Axial: Export Picture as
 * SVG…". One panel per picture; it follows edits to the project (debounced), and a
 * click on a quote in its list opens the transcript with the span selected.
 * "Axial: Filter Pictures by Coder…" keeps only some coders' codings in all of them.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DARK_PALETTE, LIGHT_PALETTE, paletteFrom, type RenderedPicture } from '../../core/analysis';
import { activeProjectFile, firstCodebook, isProjectDocument } from '../projectFile';
import type { Requester } from '../requests';
import { pictureHtml } from './html';
import { openBeside } from '../webview/openBeside';
import { createPagePanel, pageMessage, pageNonce, setPage } from '../webview/panel';
import { MessageWaiters } from '../webview/waiters';
import { EXPORT_PICTURE_COMMAND, FILTER_PICTURES_BY_CODER_COMMAND, PICTURE_KINDS, PICTURES, renderPicture, viewType, type AnyPictureData, type PictureKind } from './kinds';


/** What the extension-host tests can see of a picture (through the API `activate` returns). */
export interface PictureState {
  /** The project the picture shows (any file URI of it, as asked). */
  uri: string;
  /** The webview's script ran and reported its clickable elements. */
  ready: boolean;
  elements: number;
  /** The last element the webview selected and how many quotes it listed. */
  selected?: { key: string; quotes: number };
  html: string;
  svg: string;
  /** The keys of the clickable elements. */
  keys: string[];
  visible: boolean;
  /** The coder filter in force (empty: every coder). */
  coders: string[];
}

export interface PicturesApi {
  state(kind: PictureKind): PictureState | undefined;
  /** Posts a message to a picture's webview (e.g. `{ type: 'click', key }`). */
  post(kind: PictureKind, message: unknown): Promise<boolean>;
  /** The next message of `type` the picture's webview sends. */
  nextMessage(kind: PictureKind, type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

interface Picture {
  kind: PictureKind;
  panel: vscode.WebviewPanel;
  uri: string;
  nonce: string;
  data?: AnyPictureData;
  rendered?: RenderedPicture;
  html: string;
  ready: boolean;
  elements: number;
  selected?: { key: string; quotes: number };
  stale: boolean;
  waiters: MessageWaiters;
}

const REFRESH_MS = 400;
const SERVER_WAIT_MS = 15_000;

export class PicturePanels implements vscode.Disposable {
  private readonly pictures = new Map<PictureKind, Picture>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastActive: PictureKind | undefined;
  /** Only these coders' blocks are drawn (empty: all); shared by the three pictures. */
  private coders: string[] = [];

  constructor(
    private readonly request: Requester,
    private readonly log: (line: string) => void,
  ) {
    for (const kind of PICTURE_KINDS) {
      this.disposables.push(vscode.commands.registerCommand(PICTURES[kind].command, (arg?: unknown) => this.show(kind, arg)));
    }
    this.disposables.push(
      vscode.commands.registerCommand(EXPORT_PICTURE_COMMAND, (arg?: { kind?: PictureKind; path?: string; uri?: string }) => this.exportPicture(arg ?? {})),
      vscode.commands.registerCommand(FILTER_PICTURES_BY_CODER_COMMAND, (arg?: { coders?: unknown }) => this.filterByCoder(arg)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isProjectDocument(e.document)) this.scheduleRefresh();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => isProjectDocument(d) && this.scheduleRefresh()),
      vscode.workspace.onDidCreateFiles(() => this.scheduleRefresh()),
      vscode.workspace.onDidDeleteFiles(() => this.scheduleRefresh()),
      vscode.workspace.onDidRenameFiles(() => this.scheduleRefresh()),
    );
  }

  readonly api: PicturesApi = {
    state: (kind) => {
      const p = this.pictures.get(kind);
      if (!p) return undefined;
      return {
        uri: p.uri,
        ready: p.ready,
        elements: p.elements,
        selected: p.selected,
        html: p.html,
        svg: p.rendered?.svg ?? '',
        keys: Object.keys(p.rendered?.items ?? {}),
        visible: p.panel.visible,
        coders: [...this.coders],
      };
    },
    post: async (kind, message) => {
      const p = this.pictures.get(kind);
      return p ? p.panel.webview.postMessage(message) : false;
    },
    nextMessage: async (kind, type, timeoutMs = 15_000) => {
      const p = this.pictures.get(kind);
      if (!p) throw new Error(`the ${kind} picture is not open`);
      return p.waiters.next(type, `the ${kind} picture`, timeoutMs);
    },
  };

  /** Opens (or reveals and refreshes) a picture of the project of `arg` (a URI), the active file, or the workspace's first project. */
  async show(kind: PictureKind, arg?: unknown): Promise<void> {
    const existing = this.pictures.get(kind);
    const uri = uriArg(arg) ?? activeProjectFile() ?? existing?.uri ?? (await firstCodebook());
    if (!uri) {
      void vscode.window.showWarningMessage('Axial: there is no project (a folder with codebook.yaml) in this workspace.');
      return;
    }
    let p = existing;
    if (p) {
      p.uri = uri;
      p.panel.reveal(undefined, false);
    } else {
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      const panel = createPagePanel(viewType(kind), PICTURES[kind].title, column, true);
      p = { kind, panel, uri, nonce: pageNonce(), html: '', ready: false, elements: 0, stale: false, waiters: new MessageWaiters() };
      this.pictures.set(kind, p);
      this.attach(p);
    }
    this.lastActive = kind;
    await this.refresh(p);
  }

  /**
   * Sets the coder filter of every picture: from `arg.coders` (tests, keybindings),
   * else from a multi-select list of the coders of the shown project. Returns the
   * filter in force, or undefined when cancelled.
   */
  async filterByCoder(arg?: { coders?: unknown }): Promise<string[] | undefined> {
    let chosen: string[] | undefined;
    if (arg && Array.isArray(arg.coders)) {
      chosen = arg.coders.filter((c): c is string => typeof c === 'string');
    } else {
      const shown = [...this.pictures.values()].find((p) => p.data)?.data;
      const uri = shown?.root ?? activeProjectFile() ?? (await firstCodebook());
      const data = shown ?? (uri ? await this.fetch('model', uri) : undefined);
      const all = data?.coders ?? [];
      if (all.length === 0) {
        void vscode.window.showInformationMessage('Axial: no coder is named in this project (a block `@XX` or front matter `coder`).');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        all.map((c) => ({ label: c, picked: this.coders.length === 0 || this.coders.includes(c) })),
        { canPickMany: true, title: 'Pictures: show the codings of', placeHolder: 'Two codes co-occur only when one coder applied both' },
      );
      if (!picked) return undefined;
      chosen = picked.length === all.length ? [] : picked.map((i) => i.label);
    }
    this.coders = chosen;
    await Promise.all([...this.pictures.values()].map((p) => this.refresh(p)));
    return [...this.coders];
  }

  private attach(p: Picture): void {
    const { panel } = p;
    panel.onDidDispose(() => {
      if (this.pictures.get(p.kind) === p) this.pictures.delete(p.kind);
    });
    panel.onDidChangeViewState(() => {
      if (panel.active) this.lastActive = p.kind;
      if (panel.visible && p.stale) void this.refresh(p);
    });
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(p, m));
  }

  private onMessage(p: Picture, m: unknown): void {
    const msg = pageMessage(m);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        p.ready = true;
        p.elements = Number(msg.elements) || 0;
        break;
      case 'select':
        p.selected = { key: String(msg.key), quotes: Number(msg.quotes) || 0 };
        break;
      case 'open':
        void this.openQuote(p, Number(msg.quote));
        break;
      case 'export':
        void this.exportPicture({ kind: p.kind, colors: msg.colors });
        break;
    }
    p.waiters.deliver(msg);
  }

  private scheduleRefresh(): void {
    if (this.pictures.size === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const p of this.pictures.values()) {
        if (p.panel.visible) void this.refresh(p);
        else p.stale = true;
      }
    }, REFRESH_MS);
  }

  /** Asks the server for the data again and redraws when it changed. */
  private async refresh(p: Picture): Promise<void> {
    p.stale = false;
    const spec = PICTURES[p.kind];
    let data: AnyPictureData | null | undefined;
    let message: string | undefined;
    try {
      data = await this.fetch(p.kind, p.uri);
      if (data === undefined) message = 'The Axial language server is not running (see Axial: Show Output).';
      else if (data === null) message = 'This file is not part of an Axial project (a folder with codebook.yaml).';
    } catch (err) {
      message = `Could not get the picture's data: ${err instanceof Error ? err.message : String(err)}`;
      this.log(`${spec.request.method} failed: ${message}`);
    }
    if (this.pictures.get(p.kind) !== p) return; // closed meanwhile
    p.data = data ?? undefined;
    p.rendered = data ? renderPicture(p.kind, data, { mode: 'theme' }) : undefined;
    const html = pictureHtml({
      title: spec.title,
      hint: spec.hint,
      svg: p.rendered?.svg ?? '',
      items: p.rendered?.items ?? {},
      quotes: data?.quotes ?? [],
      cases: Object.fromEntries((data?.cases ?? []).map((c) => [c.id, c.label])),
      names: data ? codeNames(p.kind, data) : {},
      nonce: p.nonce,
      message,
    });
    const only = this.coders.length > 0 ? ` (${this.coders.join(', ')})` : '';
    if (data?.title) p.panel.title = `${spec.title}: ${data.title}${only}`;
    if (html !== p.html) setPage(p, html);
  }

  private async fetch(kind: PictureKind, uri: string): Promise<AnyPictureData | null | undefined> {
    const deadline = Date.now() + SERVER_WAIT_MS;
    for (;;) {
      const result = await this.request(PICTURES[kind].request.type, this.coders.length > 0 ? { uri, coders: this.coders } : { uri });
      if (result !== undefined || Date.now() > deadline) return result;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Opens the transcript of a quote with its span selected, beside the picture. */
  private async openQuote(p: Picture, index: number): Promise<void> {
    const q = p.data?.quotes[index];
    if (!q) return;
    await openBeside(p.panel, q.uri, q.path, q.range);
  }

  /**
   * Writes a picture as a standalone SVG file: to `path` when given (tests), else
   * where the save dialog says. Colours: those the webview reported (its theme), else
   * a light or dark set matching the theme. Returns the file's path, or undefined.
   */
  async exportPicture(arg: { kind?: PictureKind; path?: string; uri?: string; colors?: unknown }): Promise<string | undefined> {
    const kind = arg.kind && PICTURES[arg.kind] ? arg.kind : this.activeKind();
    if (!kind) {
      void vscode.window.showWarningMessage('Axial: open a picture first (Axial: Show Axial Model, Show Code Co-occurrence or Show Code × Case Matrix).');
      return undefined;
    }
    const spec = PICTURES[kind];
    const p = this.pictures.get(kind);
    let data = arg.uri ? undefined : p?.data;
    if (!data) {
      const uri = arg.uri ?? p?.uri ?? activeProjectFile() ?? (await firstCodebook());
      data = uri ? ((await this.fetch(kind, uri)) ?? undefined) : undefined;
    }
    if (!data) {
      void vscode.window.showWarningMessage(`Axial: no project data to export for the ${spec.title.toLowerCase()}.`);
      return undefined;
    }
    const kindOfTheme = vscode.window.activeColorTheme.kind;
    const dark = kindOfTheme === vscode.ColorThemeKind.Dark || kindOfTheme === vscode.ColorThemeKind.HighContrast;
    const palette = paletteFrom(arg.colors, dark ? DARK_PALETTE : LIGHT_PALETTE);
    const svg = renderPicture(kind, data, { mode: 'export', palette }).svg;
    let target: vscode.Uri | undefined;
    if (arg.path) {
      target = vscode.Uri.file(arg.path);
    } else {
      target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(data.root), spec.fileName),
        filters: { 'SVG image': ['svg'] },
        saveLabel: 'Export',
        title: `Export the ${spec.title.toLowerCase()} as SVG`,
      });
      if (!target) return undefined;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(svg, 'utf8'));
    if (!arg.path) void vscode.window.showInformationMessage(`Axial: saved ${path.basename(target.fsPath)}.`);
    return target.fsPath;
  }

  private activeKind(): PictureKind | undefined {
    for (const p of this.pictures.values()) if (p.panel.active) return p.kind;
    return this.lastActive && this.pictures.has(this.lastActive) ? this.lastActive : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const p of this.pictures.values()) p.panel.dispose();
    this.pictures.clear();
    for (const d of this.disposables) d.dispose();
  }
}


function uriArg(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.toString();
  if (typeof arg === 'string' && arg !== '') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { uri?: unknown }).uri === 'string') return (arg as { uri: string }).uri;
  return undefined;
}

/** Code id → name, for the code chips in the quote lists. */
function codeNames(kind: PictureKind, data: AnyPictureData): Record<string, string> {
  const entries: { id: string; name: string }[] =
    kind === 'model' ? (data as { nodes: { id: string; name: string }[] }).nodes
    : kind === 'cooccurrence' ? (data as { codes: { id: string; name: string }[] }).codes
    : (data as { rows: { id: string; name: string }[] }).rows;
  return Object.fromEntries(entries.map((e) => [e.id, e.name]));
}
