/**
 * Waiting for a webview's next message of a type: the extension-host tests ask a
 * panel for it (`nextMessage`) and the panel hands each message it receives here.
 */
export class MessageWaiters {
  private waiters: { type: string; resolve: (m: Record<string, unknown>) => void }[] = [];

  /** The next message of `type`; rejects with "no '<type>' message from <source> within …" after `timeoutMs`. */
  next(type: string, source: string, timeoutMs: number): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${type}' message from ${source} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Resolves everyone waiting for this message's type. */
  deliver(msg: Record<string, unknown>): void {
    const waiting = this.waiters.filter((w) => w.type === msg.type);
    this.waiters = this.waiters.filter((w) => w.type !== msg.type);
    for (const w of waiting) w.resolve(msg);
  }
}
