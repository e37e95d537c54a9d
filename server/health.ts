import type { Connection } from 'vscode-languageserver/node';

/**
 * Keeps one failing feature from taking the server down: each handler runs
 * inside `guard`, which logs the error, marks the server degraded for the status
 * bar, and answers with an empty result instead.
 */
export class Health {
  state: 'ok' | 'degraded' = 'ok';
  lastError?: string;
  onChange: () => void = () => {};

  constructor(private readonly connection: Connection) {}

  guard<T>(feature: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.fail(feature, err);
      return fallback;
    }
  }

  async guardAsync<T>(feature: string, fallback: T, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.fail(feature, err);
      return fallback;
    }
  }

  private fail(feature: string, err: unknown): void {
    const message = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
    this.connection.console.error(`Axial: ${feature} failed: ${message}`);
    this.state = 'degraded';
    this.lastError = `${feature}: ${err instanceof Error ? err.message : String(err)}`;
    this.onChange();
  }
}
