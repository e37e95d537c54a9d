/**
 * What a typing session keeps alive. Each keystroke gives the document a new text,
 * and the re-parse scans a window of it; what that scan finds (quotes, code ids,
 * speaker labels) must not be views into that version of the text, or every version
 * edited stays alive as long as its spans do (core/text/detached.ts). Measured as the
 * heap kept after full collections, before and after a hundred keystrokes that leave
 * the text as it was: it must not grow by more than a couple of copies of the text.
 */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProjectIndex } from '../../core';
import { detached } from '../../core/text/detached';
import { KnownEdits } from '../../server/knownEdits';

/** V8's full collection, without starting Node with --expose-gc. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** A transcript of `lines` lines of speaker turns, half of them coded; `…` makes it two bytes a character, as real transcripts are. */
function transcript(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(
      i % 2 === 0
        ? `I: And what happened after visit number ${i}… could you tell me more about it?`
        : `P: {{We talked for a long time about the treatment number ${i}}}{#family-support @CA} and then I went home to think about it.`,
    );
  }
  return out.join('\n') + '\n';
}

describe('re-parse retention', () => {
  it('a copy made by detached() keeps the string it was cut from alive no longer', () => {
    const gc = collector();
    gc();
    const base = process.memoryUsage().heapUsed;
    // Built and cut in a function of its own, so that nothing but the copy outlives it.
    const cut = (keep: (s: string) => string) => {
      const parent = '€'.repeat(8_000_000) + 'tail of the parent string';
      parent.charCodeAt(0);
      return keep(parent.slice(parent.length - 20));
    };
    const copy = cut(detached);
    gc();
    const kept = process.memoryUsage().heapUsed - base;
    assert.equal(copy, 'of the parent string');
    // Without the copy, the view keeps its parent alive: the test can tell.
    const view = cut((s) => s);
    gc();
    const keptByView = process.memoryUsage().heapUsed - base;
    assert.equal(view, copy);
    assert.ok(keptByView > 10e6, `a view kept only ${(keptByView / 1e6).toFixed(1)} MB`);
    // The 8 M-character parent is 16 MB (two bytes a character); only the 20 characters are left.
    assert.ok(kept < 4e6, `kept ${(kept / 1e6).toFixed(1)} MB`);
  });

  for (const how of ['each version one string', "the server's pieces and known edits"] as const) {
    it(`a hundred keystrokes in a long transcript keep no old version of its text alive (${how})`, () => {
      const gc = collector();
      const text = transcript(4000);
      const index = new ProjectIndex();
      const uri = 'file:///p/transcripts/long.md';
      index.setFile('file:///p/codebook.yaml', 'codes:\n  family-support:\n    label: Family support\n');
      const lines = text.split('\n');
      let edit: (line: number, insert: boolean) => void;
      let current: () => string;
      const change = (line: number, insert: boolean) => {
        const at = { line, character: 3 };
        return { range: { start: at, end: insert ? at : { line, character: 5 } }, text: insert ? '{{' : '' };
      };
      if (how === 'each version one string') {
        let doc = TextDocument.create(uri, 'axial-transcript', 1, text);
        edit = (line, insert) => {
          doc = TextDocument.update(doc, [change(line, insert)], doc.version + 1);
          index.setFile(uri, doc.getText());
        };
        current = () => doc.getText();
      } else {
        // As the server keeps open documents (server/main.ts).
        const known = new KnownEdits();
        const doc = known.config.create(uri, 'axial-transcript', 1, text);
        edit = (line, insert) => {
          known.config.update(doc, [change(line, insert)], doc.version + 1);
          index.setFile(uri, doc.getText(), known.of(doc));
        };
        current = () => doc.getText();
      }
      index.setFile(uri, text);
      // Typed and deleted once first: the first re-parse builds what every later one reuses.
      edit(1, true);
      edit(1, false);
      gc();
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let k = 0; k < 50; k++) {
        // Each pair at another line, so that each version's window holds other spans.
        const line = 1 + ((k * 97) % (lines.length - 2));
        edit(line, true);
        edit(line, false);
      }
      assert.equal(current(), text);
      gc();
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      const textBytes = 2 * text.length;
      // Before the copies, every version edited stayed alive: about 50 × 0.8 MB here.
      assert.ok(grown < 2 * textBytes, `the heap kept ${(grown / 1e6).toFixed(1)} MB more after 100 keystrokes (the text is ${(textBytes / 1e6).toFixed(1)} MB)`);
    });
  }
});
