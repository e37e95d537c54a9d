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

/** A shown panel as its test API sees it. */
interface ShownPage {
  panel: { webview: { postMessage(message: unknown): Thenable<boolean> } };
  waiters: MessageWaiters;
}

/**
 * The `post` and `nextMessage` of a panel's test API (through the API `activate`
 * returns), for the page `current` gives; `name` says which page in the errors
 * ("Compare Coders is not shown", "no 'ready' message from Compare Coders …").
 */
export function pageMessages(current: () => ShownPage | undefined, name: string): {
  post(message: unknown): Promise<boolean>;
  nextMessage(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
} {
  return {
    post: async (message) => {
      const s = current();
      return s ? s.panel.webview.postMessage(message) : false;
    },
    nextMessage: async (type, timeoutMs = 15_000) => {
      const s = current();
      if (!s) throw new Error(`${name} is not shown`);
      return s.waiters.next(type, name, timeoutMs);
    },
  };
}
