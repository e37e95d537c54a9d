/**
 * A growable stack of 32-bit integers in a typed array. The scanner's open stack
 * holds an entry per opener: a line of millions of `{{` made three plain arrays of
 * millions of elements (8 bytes each, and every copy as they grew), 135 MB of
 * allocation for a 5 MB line; this is 4 bytes an entry, outside the JS heap.
 */
export class IntStack {
  private data = new Int32Array(16);
  /** How many entries are on the stack. */
  length = 0;

  /** Pushes `v` on top. */
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** Removes the top entry (nothing when empty). */
  pop(): void {
    if (this.length > 0) this.length--;
  }

  /** The entry at position `k` (0 is the bottom); `k` must be below `length`. */
  at(k: number): number {
    return this.data[k];
  }

  /** Replaces the entry at position `k`. */
  set(k: number, v: number): void {
    this.data[k] = v;
  }
}
