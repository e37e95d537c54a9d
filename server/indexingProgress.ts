import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** The title every editor shows for the scan. */
export const INDEXING_TITLE = 'Axial: indexing';

/** How often a report goes out at most: often enough to move, rarely enough to cost nothing. */
export const REPORT_EVERY_MS = 250;

/**
 * The workspace scan as LSP work-done progress (`window/workDoneProgress/create`,
 * then `$/progress` begin, reports, end), for every editor that shows progress
 * (Neovim, Helix, Emacs…), beside the `axial/status` counts the VS Code status
 * bar shows. Nothing is sent to a client that did not declare
 * `window.workDoneProgress`, or that asked for none (initialization option
 * `indexingProgress: false`: the VS Code extension shows the counts itself).
 *
 * Reports are throttled (at most one per REPORT_EVERY_MS, and only when the text
 * changed) and their percentage never goes down, even when a second folder's
 * files join the total. The end is sent only after the begin, whatever order the
 * client's answer to the create request and the end of the scan come in.
 */
export class IndexingProgress {
  private enabled = false;
  /** The reporter of the progress under way, once the client accepted its token. */
  private reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
  private done = 0;
  private total = 0;
  private lastPercentage = 0;
  private lastMessage = '';
  private timer: NodeJS.Timeout | undefined;
  private lastReportAt = 0;

  constructor(private readonly connection: Connection) {}

  /** Decides from initialize whether to send progress at all. */
  initialize(clientSupportsProgress: boolean, options: { indexingProgress?: boolean }): void {
    this.enabled = clientSupportsProgress && options.indexingProgress !== false;
  }

  /** Indexing starts: asks the client for a token, then sends the begin. */
  start(): void {
    if (!this.enabled || this.reporter) return;
    this.done = 0;
    this.total = 0;
    this.lastPercentage = 0;
    this.lastMessage = '';
    this.reporter = this.connection.window.createWorkDoneProgress().then(
      (r) => {
        r.begin(INDEXING_TITLE, this.percentage(), this.message(), false);
        this.lastMessage = this.message();
        this.lastReportAt = Date.now();
        return r;
      },
      // A client that refuses the token sees no progress; the status still counts.
      () => undefined,
    );
  }

  /** Files read (`done`) of files found (`total`) so far; reported at most every REPORT_EVERY_MS. */
  update(done: number, total: number): void {
    if (!this.reporter) return;
    this.done = done;
    this.total = total;
    if (this.timer) return;
    const wait = Math.max(0, this.lastReportAt + REPORT_EVERY_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reporter?.then((r) => r && this.report(r));
    }, wait);
  }

  /** Indexing is over: the end goes out (after the begin), and a later scan starts a new progress. */
  finish(): void {
    const reporter = this.reporter;
    if (!reporter) return;
    this.reporter = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    void reporter.then((r) => r?.done());
  }

  private report(r: WorkDoneProgressServerReporter): void {
    const message = this.message();
    if (message === this.lastMessage) return;
    this.lastMessage = message;
    this.lastReportAt = Date.now();
    r.report(this.percentage(), message);
  }

  /** Whole percent of files read, never lower than one already sent. */
  private percentage(): number {
    const p = this.total > 0 ? Math.floor((100 * Math.min(this.done, this.total)) / this.total) : 0;
    this.lastPercentage = Math.max(this.lastPercentage, p);
    return this.lastPercentage;
  }

  private message(): string {
    return this.total > 0 ? `${Math.min(this.done, this.total)} of ${this.total} files` : 'listing files';
  }
}
