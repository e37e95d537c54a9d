/**
 * "Axial: Compare Coders": a webview with the inter-coder agreement of the project
 * (the server's `axial/agreement`, core/agreement as `axial agree` computes it, over
 * the open documents and the disk): a table of codes with percent, kappa and alpha
 * coloured by the `axial.agreement.*` thresholds, unit and coder pickers, and the
 * disagreements of the code clicked; a click on one opens the transcript with the
 * quote selected and every coder's blocks of the unit on screen. The coders are
 * those in the same files, or two revisions picked as "Show Coding Changes…"
 * picks one (each revision one coder, as `axial agree <rev-a> <rev-b>`); their
 * disagreements open in the working tree's file. One panel, reused.
 */
import * as vscode from 'vscode';
import { AgreementRequest, type AgreementResult } from '../../common/protocol';
import type { UnitKind } from '../../core/agreement';
import type { Requester } from '../requests';
import { activeProjectUri, createPagePanel, pageNonce, ReusedPanel, serverAnswered, setPage } from '../webview/panel';
import { openBeside } from '../webview/openBeside';
import { MessageWaiters, pageMessages } from '../webview/waiters';
import { pickRevision } from '../changes/revisions';
import { agreementHtml, DEFAULT_THRESHOLDS, type Thresholds } from './html';

export const COMPARE_CODERS_COMMAND = 'axial.compareCoders';
const VIEW_TYPE = 'axial.agreement';
const UNITS: readonly UnitKind[] = ['turn', 'line', 'char'];
/** The most disagreements of one code the page lists (the rest are counted): enough to discuss, few enough to draw. */
const DISAGREEMENTS_PER_CODE = 200;

/** What the extension-host tests can see of the panel (through the API `activate` returns). */
export interface AgreementState {
  /** The project file or folder asked about. */
  uri: string;
  unit: UnitKind;
  /** The coders asked for (empty: every coder). */
  coders: string[];
  /** The two revisions compared (empty: the coders in the same files). */
  revisions: string[];
  result: AgreementResult;
  thresholds: Thresholds;
  html: string;
  /** The webview's script ran and reported what it shows. */
  ready: boolean;
  /** Each table row's cells as the page shows them, the header first. */
  rows: string[][];
  /** The alpha cell's grade per row (codes, then overall): good, tentative, poor or undefined. */
  alphaGrades: string[];
  coderPicker: boolean;
  visible: boolean;
}

export interface AgreementApi {
  state(): AgreementState | undefined;
  /** Posts a message to the webview (`{ type: 'click', selector }`, `{ type: 'set', selector, value | checked }`). */
  post(message: unknown): Promise<boolean>;
  /** The next message of `type` the webview sends. */
  nextMessage(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

interface Shown {
  panel: vscode.WebviewPanel;
  uri: string;
  unit: UnitKind;
  coders: string[];
  revisions: string[];
  result: AgreementResult;
  html: string;
  ready: boolean;
  rows: string[][];
  alphaGrades: string[];
  coderPicker: boolean;
  waiters: MessageWaiters;
}

/** The thresholds from the settings, kept in order (a tentative above good is taken as good). */
export function thresholds(): Thresholds {
  const config = vscode.workspace.getConfiguration('axial.agreement');
  const num = (key: string, fallback: number) => {
    const v = config.get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  };
  const good = num('goodAlpha', DEFAULT_THRESHOLDS.good);
  return { good, tentative: Math.min(good, num('tentativeAlpha', DEFAULT_THRESHOLDS.tentative)) };
}

export class CoderAgreementPanel implements vscode.Disposable {
  private readonly page = new ReusedPanel<Shown>((s, msg) => this.onMessage(s, msg));
  private get shown(): Shown | undefined {
    return this.page.current;
  }
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly request: Requester) {
    this.disposables.push(
      vscode.commands.registerCommand(COMPARE_CODERS_COMMAND, (arg?: unknown) => this.show(arg)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.shown && e.affectsConfiguration('axial.agreement')) this.render(this.shown);
      }),
    );
  }

  readonly api: AgreementApi = {
    state: () => {
      const s = this.shown;
      return (
        s && {
          uri: s.uri,
          unit: s.unit,
          coders: [...s.coders],
          revisions: [...s.revisions],
          result: s.result,
          thresholds: thresholds(),
          html: s.html,
          ready: s.ready,
          rows: s.rows,
          alphaGrades: s.alphaGrades,
          coderPicker: s.coderPicker,
          visible: s.panel.visible,
        }
      );
    },
    ...pageMessages(() => this.shown, 'Compare Coders'),
  };

  /**
   * Shows the agreement: `arg` may give `{ uri, unit, coders, revisions }` (tests,
   * keybindings; two revisions compare them, each one coder, as `axial agree
   * <rev-a> <rev-b>`); otherwise the active file's project (else the first
   * folder's) with the options shown last. Returns whether the panel shows a result.
   */
  async show(arg?: unknown): Promise<boolean> {
    const given = arg && typeof arg === 'object' ? (arg as { uri?: unknown; unit?: unknown; coders?: unknown; revisions?: unknown }) : {};
    const uri = typeof given.uri === 'string' ? given.uri : given.uri instanceof vscode.Uri ? given.uri.toString() : (this.shown?.uri ?? activeProjectUri());
    if (!uri) {
      void vscode.window.showErrorMessage('Axial: open a folder with a codebook.yaml to compare its coders.');
      return false;
    }
    const unit = (UNITS as readonly unknown[]).includes(given.unit) ? (given.unit as UnitKind) : (this.shown?.unit ?? 'turn');
    const coders = Array.isArray(given.coders) ? given.coders.filter((c): c is string => typeof c === 'string') : (this.shown?.coders ?? []);
    const revisions = Array.isArray(given.revisions) ? given.revisions.filter((r): r is string => typeof r === 'string' && r.trim() !== '') : (this.shown?.revisions ?? []);
    const result = await this.request(AgreementRequest.type, { uri, unit, coders, revisions, disagreementsPerCode: DISAGREEMENTS_PER_CODE });
    if (!serverAnswered(result)) return false;
    const s = this.page.show(() => ({
      panel: createPagePanel(VIEW_TYPE, 'Compare Coders', vscode.ViewColumn.Active, true),
      uri, unit, coders, revisions, result, html: '', ready: false, rows: [], alphaGrades: [], coderPicker: false, waiters: new MessageWaiters(),
    }));
    Object.assign(s, { uri, unit, coders, revisions, result });
    this.render(s);
    return result.report !== undefined;
  }

  /**
   * Asks for two revisions (the picker of "Show Coding Changes…": HEAD, recent
   * commits, branches, or one typed) and compares them; cancelling either keeps
   * what is shown. Returns whether a comparison was asked for.
   */
  async pickRevisions(s: Pick<Shown, 'uri' | 'unit'> & { root?: string }): Promise<boolean> {
    const folder = s.root ?? s.uri;
    const first = await pickRevision(this.request, folder, 'Compare coders: the first revision (one coder)');
    if (!first) return false;
    const second = await pickRevision(this.request, folder, `Compare coders: the revision to compare with ${first}`);
    if (!second) return false;
    await this.show({ uri: s.uri, unit: s.unit, coders: [], revisions: [first, second] });
    return true;
  }

  private render(s: Shown): void {
    s.panel.title = `Compare Coders${s.result.title ? `: ${s.result.title}` : ''}`;
    setPage(s, agreementHtml({ result: s.result, chosenCoders: s.coders, thresholds: thresholds(), nonce: pageNonce() }));
  }

  private onMessage(s: Shown, msg: Record<string, unknown>): void {
    switch (msg.type) {
      case 'ready':
        s.ready = true;
        s.rows = Array.isArray(msg.rows) ? msg.rows.map((r) => (Array.isArray(r) ? r.map(String) : [])) : [];
        s.alphaGrades = Array.isArray(msg.alphaGrades) ? msg.alphaGrades.map(String) : [];
        s.coderPicker = msg.coderPicker === true;
        break;
      case 'open': {
        const d = s.result.report?.disagreements[Number(msg.index)];
        if (d) void openBeside(s.panel, d.uri, d.file, d.range, d.reveal);
        // The span was found in the file at a revision: the working tree's text may have moved it.
        if (d?.atRevision) void vscode.window.showInformationMessage(`Axial: ${d.file} in the working tree is not the text compared; it is opened where the span stands at ${d.atRevision}.`);
        break;
      }
      case 'options':
        void this.show({ uri: s.uri, unit: msg.unit, coders: Array.isArray(msg.coders) ? msg.coders : [], revisions: s.revisions });
        break;
      case 'mode': {
        const unit = (UNITS as readonly unknown[]).includes(msg.unit) ? (msg.unit as UnitKind) : s.unit;
        if (msg.mode === 'revisions') {
          void this.pickRevisions({ uri: s.uri, unit, root: s.result.root }).then((asked) => {
            if (!asked) this.render(s); // the select shows what is compared again
          });
        } else void this.show({ uri: s.uri, unit, coders: [], revisions: [] });
        break;
      }
    }
    s.waiters.deliver(msg);
  }

  dispose(): void {
    this.page.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
