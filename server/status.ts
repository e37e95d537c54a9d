import type { Connection } from 'vscode-languageserver/node';
import { StatusNotification, type StatusParams } from '../common/protocol';
import { projectCounts, type ProjectIndex } from '../core';
import type { Health } from './health';

/** Sends the status bar's counts and health, debounced so typing does not flood it. */
export class StatusReporter {
  private timer: NodeJS.Timeout | undefined;
  /** When the scheduled status goes out (Date.now() time). */
  private due = 0;
  /** True until the start-up scan of the workspace has finished. */
  indexing = true;
  /** Files read of those found by the scan under way, while indexing. */
  progress: { done: number; total: number } | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly index: ProjectIndex,
    private readonly health: Health,
  ) {
    health.onChange = () => this.schedule();
  }

  /**
   * The status for the status request and notification. Counting runs under
   * Health.guard: when it throws, the answer is a degraded status without counts
   * (`lastError` says what failed) instead of an error.
   */
  answer(): StatusParams {
    return (
      this.health.guard<StatusParams | undefined>('status', undefined, () => this.current()) ?? {
        health: this.health.state,
        indexing: this.indexing || undefined,
        ...this.progressNow(),
        lastError: this.health.lastError,
        projects: [],
      }
    );
  }

  /** The status with every project's counts; throws when counting does. */
  private current(): StatusParams {
    return {
      health: this.health.state,
      indexing: this.indexing || undefined,
      ...this.progressNow(),
      lastError: this.health.lastError,
      projects: this.index.projects().map((p) => projectCounts(p, this.index.codebookDiagnostics(p))),
    };
  }

  /** `progress` while indexing, as a copy (the scan keeps counting after a status is sent); no key otherwise. */
  private progressNow(): Pick<StatusParams, 'progress'> {
    return this.indexing && this.progress ? { progress: { ...this.progress } } : {};
  }

  /**
   * Sends the status after `delayMs`, or sooner when one is already due sooner. A
   * shorter delay replaces a longer one: the end of indexing is worth telling at once.
   */
  schedule(delayMs = 100): void {
    if (this.timer) {
      if (this.due <= Date.now() + delayMs) return;
      clearTimeout(this.timer);
    }
    this.due = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      // Computed while the timer is still set: a failure marks the server degraded,
      // which asks for a new status; that must not schedule another (failing) one.
      const status = this.answer();
      this.timer = undefined;
      void this.connection.sendNotification(StatusNotification.type, status).catch(() => undefined);
    }, delayMs);
  }
}
