/**
 * Tints coded spans with their code's colour and, with `axial.dimMarkup`, dims the
 * coding markup so a transcript reads as prose. What to tint comes from the server
 * (`axial/spanDecorations`, answered from its index); the editor asks again after
 * edits (debounced), when editors become visible, when settings change and when
 * the server reports a new status (after indexing, after codebook changes).
 */
import * as vscode from 'vscode';
import {
  SpanDecorationsRequest,
  TRANSCRIPT_LANGUAGE_ID,
  type LspRange,
  type SpanDecorationsResult,
} from '../../common/protocol';
import type { ReadingModes } from '../reading/modes';
import { stripeSvg, stripesByLine } from '../reading/stripes';
import type { CodingServer } from './server';

/** How long after the last keystroke the tints are asked for again. */
export const REFRESH_DELAY_MS = 150;

/** Alpha (hex) of span tints: light enough to read through, also when nested spans overlap. */
const TINT_ALPHA = '2e';
const RULER_ALPHA = 'b3';
const DIM_OPACITY = '0.4';

/** What an editor shows, as tests read it back. */
export interface AppliedDecorations {
  uri: string;
  version: number;
  spans: { range: vscode.Range; color: string; codes: string[] }[];
  /** Every coded span the server reported, tinted or not (the reading view's lenses read them). */
  coded: { range: vscode.Range; codes: string[] }[];
  /** Markup ranges dimmed (empty when `axial.dimMarkup` is off). */
  dimmed: vscode.Range[];
  /** Markup ranges the server reported. */
  markup: vscode.Range[];
  /** Markup ranges hidden (the reading view; empty otherwise). */
  hidden: vscode.Range[];
  /** The reading view's margin stripes: each line's span colours (empty outside the reading view). */
  stripes: { line: number; colors: string[] }[];
}

const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

function settings(uri: vscode.Uri): { highlight: boolean; dim: boolean } {
  const config = vscode.workspace.getConfiguration('axial', uri);
  return { highlight: config.get<boolean>('highlightSpans', true), dim: config.get<boolean>('dimMarkup', false) };
}

export class SpanDecorator implements vscode.Disposable {
  private readonly tints = new Map<string, vscode.TextEditorDecorationType>();
  private readonly dim = vscode.window.createTextEditorDecorationType({ opacity: DIM_OPACITY });
  // The reading view: markup takes no room at all (the editor's CSS lets a decoration hide text).
  private readonly hide = vscode.window.createTextEditorDecorationType({ textDecoration: 'none; display: none;', rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
  private readonly stripeTypes = new Map<string, vscode.TextEditorDecorationType>();
  private readonly applied = new Map<string, AppliedDecorations>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Transcripts whose tints were cut (logged once each). */
  private readonly warned = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  /** Fires with a document URI after its decorations were applied. */
  readonly onDidApply = this.changeEmitter.event;

  constructor(
    private readonly server: CodingServer,
    private readonly reading?: Pick<ReadingModes, 'isOn' | 'onDidChange'>,
  ) {
    this.disposables.push(
      this.dim,
      this.hide,
      ...(reading ? [reading.onDidChange((uri) => this.schedule(uri, 0))] : []),
      this.changeEmitter,
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshVisible()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (isCodebook(e.document)) this.refreshVisible(REFRESH_DELAY_MS);
        else if (e.document.languageId === TRANSCRIPT_LANGUAGE_ID) this.schedule(e.document.uri.toString(), REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        // A language switch (markdown → transcript) reopens the document.
        if (doc.languageId === TRANSCRIPT_LANGUAGE_ID) this.schedule(doc.uri.toString(), 0);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('axial.dimMarkup') || e.affectsConfiguration('axial.highlightSpans')) this.refreshVisible();
      }),
      server.onDidReceiveStatus(() => this.refreshVisible(REFRESH_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.applied.delete(doc.uri.toString())),
    );
    this.refreshVisible();
  }

  /** What the editors of a document show (undefined before the first answer). */
  decorations(uri: string): AppliedDecorations | undefined {
    return this.applied.get(uri);
  }

  /** Asks again for every visible transcript (after `delay` ms, coalesced per document). */
  refreshVisible(delay = 0): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.languageId === TRANSCRIPT_LANGUAGE_ID) this.schedule(editor.document.uri.toString(), delay);
    }
  }

  /** Refreshes every visible transcript now and waits for the answers. */
  async refreshNow(): Promise<void> {
    const uris = new Set(vscode.window.visibleTextEditors.filter((e) => e.document.languageId === TRANSCRIPT_LANGUAGE_ID).map((e) => e.document.uri.toString()));
    await Promise.all([...uris].map((u) => this.refresh(u)));
  }

  private schedule(uri: string, delay: number): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.refresh(uri);
      }, delay),
    );
  }

  private async refresh(uri: string): Promise<void> {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri);
    if (editors.length === 0) return;
    const doc = editors[0].document;
    const version = doc.version;
    let result: SpanDecorationsResult | null | undefined;
    try {
      result = await this.server.request(SpanDecorationsRequest.type, { uri });
    } catch (err) {
      this.server.log(`${SpanDecorationsRequest} failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    // Typed since the request left: the ranges may be off; the refresh scheduled by that edit applies.
    if (doc.version !== version || doc.isClosed) return;
    if (result?.truncated && !this.warned.has(uri)) {
      this.warned.add(uri);
      this.server.log(`${uri}: ${result.truncated.spans} coded spans; only the first ${result.spans.length} are tinted.`);
    }
    const { highlight, dim } = settings(doc.uri);
    const coded = (result?.spans ?? []).map((s) => ({ range: toRange(s.range), color: s.color, codes: s.codes }));
    const spans = highlight ? coded : [];
    const markup = (result?.markup ?? []).map(toRange);
    const byColor = new Map<string, vscode.Range[]>();
    for (const s of spans) {
      let list = byColor.get(s.color);
      if (!list) byColor.set(s.color, (list = []));
      list.push(s.range);
    }
    const reading = this.reading?.isOn(uri) ?? false;
    const hidden = reading ? markup : [];
    const dimmed = dim && !reading ? markup : [];
    const stripes = reading
      ? [...stripesByLine((result?.spans ?? []).map((s) => ({ startLine: s.range.start.line, endLine: s.range.end.line, color: s.color })))].map(([line, colors]) => ({ line, colors })).sort((a, b) => a.line - b.line)
      : [];
    const byStripes = new Map<string, vscode.Range[]>();
    for (const s of stripes) {
      const key = s.colors.join(',');
      let list = byStripes.get(key);
      if (!list) byStripes.set(key, (list = []));
      list.push(new vscode.Range(s.line, 0, s.line, 0));
    }
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== uri) continue;
      for (const [color, type] of this.tints) if (!byColor.has(color)) editor.setDecorations(type, []);
      for (const [color, ranges] of byColor) editor.setDecorations(this.tint(color), ranges);
      editor.setDecorations(this.dim, dimmed);
      editor.setDecorations(this.hide, hidden);
      for (const [key, type] of this.stripeTypes) if (!byStripes.has(key)) editor.setDecorations(type, []);
      for (const [key, ranges] of byStripes) editor.setDecorations(this.stripeType(key), ranges);
    }
    this.applied.set(uri, { uri, version, spans, coded, dimmed, markup, hidden, stripes });
    this.changeEmitter.fire(uri);
  }

  /** The decoration type of one colour, made once. */
  private tint(color: string): vscode.TextEditorDecorationType {
    let type = this.tints.get(color);
    if (!type) {
      const hex = /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#888888';
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: `${hex}${TINT_ALPHA}`,
        overviewRulerColor: `${hex}${RULER_ALPHA}`,
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.tints.set(color, type);
    }
    return type;
  }

  /** The gutter decoration of one stripe pattern (colours joined by ','), made once. */
  private stripeType(key: string): vscode.TextEditorDecorationType {
    let type = this.stripeTypes.get(key);
    if (!type) {
      const svg = stripeSvg(key.split(','));
      type = vscode.window.createTextEditorDecorationType({ gutterIconPath: vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`), gutterIconSize: 'contain' });
      this.stripeTypes.set(key, type);
    }
    return type;
  }

  dispose(): void {
    for (const type of this.stripeTypes.values()) type.dispose();
    this.stripeTypes.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const type of this.tints.values()) type.dispose();
    this.tints.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function isCodebook(doc: vscode.TextDocument): boolean {
  return /(^|\/)codebook\.yaml$/.test(doc.uri.path);
}
