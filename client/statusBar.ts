/**
 * The Axial status bar item (left): project counts from `axial/status`, the server's
 * health, and "stopped" when the client stops. Clicking it shows the output channel.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../common/protocol';
import { formatRunning, formatStarting, formatStatus, formatStopped, StatusView } from './statusFormat';

export const SHOW_OUTPUT_COMMAND = 'axial.showOutput';

export class AxialStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private lastStatus: StatusParams | undefined;
  private running = false;

  constructor() {
    this.item = vscode.window.createStatusBarItem('axial.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Axial';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.render(formatStarting());
    this.item.show();
  }

  /** The server is starting (first start or restart): forget the old counts. */
  setStarting(): void {
    this.running = false;
    this.lastStatus = undefined;
    this.render(formatStarting());
  }

  /** The client is running; show the last status if one arrived during start-up. */
  setRunning(): void {
    this.running = true;
    this.render(this.lastStatus ? formatStatus(this.lastStatus) : formatRunning());
  }

  /** The text shown now (read by the extension's API for tests). */
  get text(): string {
    return this.item.text;
  }

  setStopped(): void {
    this.running = false;
    this.render(formatStopped());
  }

  update(status: StatusParams): void {
    this.lastStatus = status;
    if (this.running) this.render(formatStatus(status));
  }

  private render(view: StatusView): void {
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor =
      view.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
