import type { Connection } from 'vscode-languageserver/node';
import { StatusNotification, type StatusParams } from '../common/protocol';
import { projectCounts, type ProjectIndex } from '../core';
import type { Health } from './health';

/** Sends the status bar's counts and health, debounced so typing does not flood it. */
export class StatusReporter {
  private timer: NodeJS.Timeout | undefined;
  /** True until the start-up scan of the workspace has finished. */
  indexing = true;

  constructor(
    private readonly connection: Connection,
    private readonly index: ProjectIndex,
    private readonly health: Health,
  ) {
    health.onChange = () => this.schedule();
  }

  current(): StatusParams {
    return {
      health: this.health.state,
      indexing: this.indexing || undefined,
      lastError: this.health.lastError,
      projects: this.index.projects().map((p) => projectCounts(p, this.index.codebookDiagnostics(p))),
    };
  }

  schedule(delayMs = 100): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        void this.connection.sendNotification(StatusNotification.type, this.current());
      } catch (err) {
        this.connection.console.error(`Axial: status failed: ${String(err)}`);
      }
    }, delayMs);
  }
}
