/**
 * Where the benchmarks that talk to the server point in a generated transcript
 * (bench/project.ts): right after the `{#` of a code tag, where hover shows the
 * code's definition and completion offers every code, and a participant's turn
 * without markup, where hover answers nothing (the trivial request of the bounds).
 */

/** A place in a document as LSP counts it (0-based line, UTF-16 character). */
export interface Place {
  line: number;
  character: number;
}

/** The opening of a code tag: `{#` and the first character of an id (not a coder, label or memo). */
const CODE_TAG = /\{#[^\s}@^"]/;

/** Just after the `{#` of the first code tag in `lines`; throws when there is none, since every generated transcript has one. */
export function firstCodeTag(lines: readonly string[]): Place {
  const line = lines.findIndex((l) => CODE_TAG.test(l));
  if (line < 0) throw new Error('bench: the transcript has no code tag to point at');
  return { line, character: lines[line].search(CODE_TAG) + 2 };
}

/** The first participant turn (`P: `) with no coding markup on its line; throws when there is none. */
export function plainTurnLine(lines: readonly string[]): number {
  const line = lines.findIndex((l) => l.startsWith('P: ') && !/[{}]/.test(l));
  if (line < 0) throw new Error('bench: the transcript has no participant turn without markup');
  return line;
}

/**
 * Word starts outside every coded span in the body of `text` (after a space, on a
 * line of its own turn or paragraph), where a coder types `{{` to start coding:
 * `count` of them, spread over the file in a deterministic order from `seed`.
 */
export function wordStartsOutsideSpans(text: string, spans: readonly { open: { start: number }; close?: { end: number } }[], bodyStart: number, count: number, seed: number): Place[] {
  // Where spans cover the text, merged: top-level ones in opener order.
  const covered: [number, number][] = [];
  for (const s of spans) {
    const end = s.close ? s.close.end : text.length;
    const last = covered[covered.length - 1];
    if (last && s.open.start <= last[1]) last[1] = Math.max(last[1], end);
    else covered.push([s.open.start, end]);
  }
  const starts: number[] = [];
  let c = 0;
  const re = /(?<= )\p{L}/gu;
  re.lastIndex = bodyStart;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    while (c < covered.length && covered[c][1] <= m.index) c++;
    if (c < covered.length && covered[c][0] <= m.index) continue;
    starts.push(m.index);
  }
  if (starts.length === 0) throw new Error('bench: no word outside the coded spans');
  // A fixed-step walk through the candidates: spread out and reproducible.
  const picked: number[] = [];
  const step = Math.max(1, Math.floor(starts.length / count) | 1);
  for (let i = 0, k = seed % starts.length; i < count; i++, k = (k + step * 7919) % starts.length) picked.push(starts[k]);
  // Offsets to LSP places (UTF-16, as the offsets are).
  const lineStarts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  return picked.map((at) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - lineStarts[lo] };
  });
}
