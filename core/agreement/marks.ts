/**
 * Unit × code → mask of the coders who marked it, and the first coding that did,
 * for one file at a time. Dense typed arrays reused from file to file (only the
 * touched entries are cleared), or a Map when a file would need too large an array.
 */
export class Marks {
  /** @param denseLimit the most keys held in typed arrays; a larger file uses a Map. */
  constructor(private readonly denseLimit = 1 << 24) {}

  private masks = new Uint32Array(0);
  private firsts = new Int32Array(0);
  private sparse?: Map<number, [number, number]>;
  /** Keys marked in this file, each once, in the order first marked. */
  touched: number[] = [];

  /** Starts a file of `size` keys. */
  reset(size: number): void {
    if (this.sparse) this.sparse = undefined;
    else for (const key of this.touched) this.masks[key] = 0;
    this.touched = [];
    if (size > this.denseLimit) this.sparse = new Map();
    else if (size > this.masks.length) {
      this.masks = new Uint32Array(Math.max(size, this.masks.length * 2));
      this.firsts = new Int32Array(this.masks.length);
    }
  }

  /** Adds a coder's bit to a key; the first coding to mark a key is remembered. */
  mark(key: number, bit: number, coding: number): void {
    if (this.sparse) {
      const e = this.sparse.get(key);
      if (e) e[0] |= bit;
      else {
        this.sparse.set(key, [bit, coding]);
        this.touched.push(key);
      }
      return;
    }
    if (this.masks[key] === 0) {
      this.firsts[key] = coding;
      this.touched.push(key);
    }
    this.masks[key] |= bit;
  }

  /** The coder mask of a key (0 when unmarked). */
  get(key: number): number {
    return this.sparse ? (this.sparse.get(key)?.[0] ?? 0) : this.masks[key];
  }

  /** The first coding that marked a (marked) key. */
  first(key: number): number {
    return this.sparse ? this.sparse.get(key)![1] : this.firsts[key];
  }
}

