/**
 * A transcript as its exported text plus what REFI-QDA cannot say about it: the
 * front matter's text (the head) and every piece of markup (openers, closers
 * with their blocks, escape backslashes, the CR of each CRLF) at its offset in
 * the exported text. Inserting the pieces back gives the file byte for byte, so
 * an export → import round trip can restore a transcript exactly instead of
 * rendering its codings in the canonical form (which would reorder blocks and
 * codes, rename labels and drop CRLF). The pieces travel in the `Axial` note
 * (axialNote.ts); the importer uses them only when the text and codings are the
 * ones they were taken from (codingsCheck.ts).
 *
 * Offsets are UTF-16 code units of the exported text (the stripped text with
 * CRLF made LF), each given as the distance from the previous piece, so the
 * note stays small: `[12, "{{", 30, "}}{#a}"]` puts `{{` at 12 and `}}{#a}` at 42.
 */
import type { Transcript } from '../transcript/types';

/**
 * A transcript's layout: its head and its body's markup as insertions into the
 * exported text. Kept as JSON text: an export holds the layouts of every
 * transcript until it writes the note, and pieces sliced from a file would keep
 * the whole file alive; the JSON is a copy, and it is what the note holds.
 */
export interface MarkupLayout {
  /** Everything before the body (the front matter block with its fences), verbatim; '' when there is none. */
  head: string;
  /** JSON of the offset deltas and the text inserted there, alternating. */
  markupJson: string;
  /** True when every line end of the body is CRLF: the CRs are then not listed in the markup. */
  crlf: boolean;
}

/** The layout of a parsed transcript. */
export function markupLayout(t: Transcript): MarkupLayout {
  const src = t.text;
  const stripped = t.stripped.text;
  const runs = t.stripped.runs;
  // Insertions in source order: offsets in the exported text never decrease, so equal offsets merge.
  const offsets: number[] = [];
  const pieces: string[] = [];
  const add = (at: number, piece: string) => {
    if (piece === '') return;
    const k = offsets.length - 1;
    if (k >= 0 && offsets[k] === at) pieces[k] += piece;
    else (offsets.push(at), pieces.push(piece));
  };
  // CRs of CRLF pairs before stripped offset i do not count in the exported text.
  let removed = 0;
  let pos = t.bodyStart;
  for (let r = 0; r < runs.count; r++) {
    const sourceStart = runs.sourceStart(r);
    const strippedStart = runs.strippedStart(r);
    if (sourceStart > pos) add(strippedStart - removed, src.slice(pos, sourceStart));
    const end = runs.strippedEnd(r);
    for (let i = stripped.indexOf('\r', strippedStart); i >= 0 && i < end; i = stripped.indexOf('\r', i + 1)) {
      if (stripped.charCodeAt(i + 1) !== 10) continue;
      add(i - removed, '\r');
      removed++;
    }
    pos = runs.sourceEnd(r);
  }
  if (pos < src.length) add(stripped.length - removed, src.slice(pos));

  // When a CR stands before every LF of the exported text (a CRLF file), say so once instead of listing each.
  const exported = removed > 0 ? stripped.replace(/\r\n/g, '\n') : stripped;
  let lfs = 0;
  for (let i = exported.indexOf('\n'); i >= 0; i = exported.indexOf('\n', i + 1)) lfs++;
  let crlf = false;
  if (removed > 0 && removed === lfs) {
    let ending = 0;
    for (let k = 0; k < offsets.length; k++) if (exported.charCodeAt(offsets[k]) === 10 && pieces[k].endsWith('\r')) ending++;
    if (ending === lfs) {
      crlf = true;
      for (let k = 0; k < offsets.length; k++) if (exported.charCodeAt(offsets[k]) === 10 && pieces[k].endsWith('\r')) pieces[k] = pieces[k].slice(0, -1);
    }
  }
  const markup: (number | string)[] = [];
  let last = 0;
  for (let k = 0; k < offsets.length; k++) {
    if (pieces[k] === '') continue;
    markup.push(offsets[k] - last, pieces[k]);
    last = offsets[k];
  }
  // The head through JSON too: a copy, not a slice that keeps the file.
  return { head: JSON.parse(JSON.stringify(src.slice(0, t.bodyStart))) as string, markupJson: JSON.stringify(markup), crlf };
}

/**
 * The body rebuilt from the exported text and a layout's markup: undefined when
 * the markup is malformed or points past the text (a note edited by hand or by
 * another tool).
 */
export function restoreBody(text: string, markup: readonly unknown[], crlf: boolean): string | undefined {
  if (markup.length % 2 !== 0) return undefined;
  const out: string[] = [];
  const segment = (from: number, to: number) => {
    const s = text.slice(from, to);
    out.push(crlf ? s.replace(/\n/g, '\r\n') : s);
  };
  let pos = 0;
  let at = 0;
  for (let k = 0; k < markup.length; k += 2) {
    const delta = markup[k];
    const piece = markup[k + 1];
    if (typeof delta !== 'number' || !Number.isSafeInteger(delta) || delta < 0 || typeof piece !== 'string') return undefined;
    at += delta;
    if (at > text.length) return undefined;
    segment(pos, at);
    out.push(piece);
    pos = at;
  }
  segment(pos, text.length);
  return out.join('');
}
