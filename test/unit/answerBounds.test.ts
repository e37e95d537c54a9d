/**
 * Answers stay small and work stays linear on any input: the tree lists quotes a
 * page at a time, quote Markdown and the pictures cap their quote lists, quote
 * readers read a bounded share of deeply nested quotes, excerpts read only a
 * quote's head, quick fixes look at a bounded number of diagnostics, and a file's
 * published diagnostics are capped. No timings: byte sizes, counts and characters read.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  axialModel,
  codeCaseMatrix,
  codeCooccurrence,
  limitPictureQuotes,
  PICTURE_QUOTE_LIMIT,
  PICTURE_QUOTES_PER_ITEM,
  ProjectIndex,
  treeChildren,
  treeQuotesMarkdown,
  type TreeNodeData,
} from '../../core';
import { excerpt } from '../../core/features/hover';
import { QUICK_FIX_DIAGNOSTIC_LIMIT, quickFixes } from '../../core/features/quickFixes';
import { parseTranscript } from '../../core/transcript/parse';
import { MAX_PUBLISHED_DIAGNOSTICS, publishedDiagnostics } from '../../server/diagnosticsPublisher';
import { MARKDOWN_QUOTE_LIMIT } from '../../core/tree/markdown';
import { readableQuote } from '../../core/transcript/quoteLimit';
import { suggestActions, suggestionModel } from '../../core';
import { SUGGEST_LEARN_CHARS } from '../../core/suggest/model';
import { SUGGEST_PASSAGE_CHARS } from '../../core/suggest';

const CODEBOOK = 'codes:\n  cat:\n    kind: category\n  a:\n    parent: cat\n    color: "#4e79a7"\n  b:\n    parent: cat\n';
const T = 'file:///p/transcripts/t.md';

function indexOf(text: string, more: Record<string, string> = {}): ProjectIndex {
  const index = new ProjectIndex();
  index.setFile('file:///p/codebook.yaml', CODEBOOK);
  index.setFile(T, text);
  for (const [uri, t] of Object.entries(more)) index.setFile(uri, t);
  return index;
}

const flat = (n: number) => Array.from({ length: n }, (_, i) => `P: words {{quote number ${i}}}{#a${i % 3 === 0 ? ' #b' : ''}} more\n`).join('');
const nested = (n: number) => 'P: ' + '{{a\r'.repeat(n) + '}}{#a #b}\r'.repeat(n);
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
const codeId = (index: ProjectIndex, code: string) => `c|${index.projects()[0].root}|${code}`;

describe('answer bounds: the tree a page at a time', () => {
  const index = indexOf(flat(1234));
  const parent = codeId(index, 'a');
  const all = treeChildren(index, parent).filter((n) => n.kind === 'quote');

  it('without a page lists every quote and no `more` node', () => {
    assert.equal(all.length, 1234);
    assert.ok(treeChildren(index, parent).every((n) => n.kind !== 'more'));
  });

  it('a page lists `limit` quotes from `offset`, then a `… N more` node pointing at the next page', () => {
    const page = treeChildren(index, parent, undefined, undefined, { offset: 0, limit: 500 });
    const more = page[page.length - 1];
    assert.equal(page.filter((n) => n.kind === 'quote').length, 500);
    assert.equal(more.kind, 'more');
    assert.deepEqual(more.more, { offset: 500, remaining: 734 });
    assert.equal(more.label, '… 734 more');
    assert.equal(more.parentId, parent);
    assert.equal(more.hasChildren, false);
  });

  it('following the `more` nodes gives every quote once, in order, and the last page has none', () => {
    const got: TreeNodeData[] = [];
    let offset = 0;
    for (let pages = 0; pages < 10; pages++) {
      const page = treeChildren(index, parent, undefined, undefined, { offset, limit: 500 });
      got.push(...page.filter((n) => n.kind === 'quote'));
      const more = page.find((n) => n.kind === 'more');
      if (!more) break;
      offset = more.more!.offset;
    }
    assert.deepEqual(got.map((n) => n.id), all.map((n) => n.id));
  });

  it('pages count what the filter keeps', () => {
    const filter = { text: 'number 1' };
    const shown = treeChildren(index, parent, filter).filter((n) => n.kind === 'quote').length;
    const page = treeChildren(index, parent, filter, undefined, { offset: 0, limit: 10 });
    assert.equal(page.find((n) => n.kind === 'more')!.more!.remaining, shown - 10);
  });

  it('a page of 50,000 nested quotes is under 1 MB of JSON (it was 53 MB whole)', () => {
    const deep = indexOf(nested(50000));
    const page = treeChildren(deep, codeId(deep, 'a'), undefined, undefined, { offset: 0, limit: 500 });
    assert.equal(page.length, 501);
    assert.ok(bytes(page) < 1_000_000, `${bytes(page)} bytes`);
    const search = treeChildren(deep, codeId(deep, 'a'), { text: 'a a' }, undefined, { offset: 0, limit: 500 });
    assert.ok(bytes(search) < 1_000_000, `${bytes(search)} bytes`);
  });
});

describe('answer bounds: quote Markdown', () => {
  it(`lists at most ${MARKDOWN_QUOTE_LIMIT} quotes, counts the rest and says how many were left out`, () => {
    const index = indexOf(flat(3000));
    const md = treeQuotesMarkdown(index, codeId(index, 'cat'))!;
    // a: 3000 quotes; b: 1000 (every third).
    assert.equal(md.quotes, 4000);
    assert.equal(md.truncated, true);
    assert.equal(md.listed, MARKDOWN_QUOTE_LIMIT);
    assert.equal((md.markdown.match(/^> /gm) ?? []).length, MARKDOWN_QUOTE_LIMIT);
    assert.match(md.markdown, /\*… 2000 more quotes not listed \(the first 2,000 of 4,000 are\)\.\*\n$/);
  });

  it('under the limit lists everything, without the flag', () => {
    const index = indexOf(flat(30));
    const md = treeQuotesMarkdown(index, codeId(index, 'cat'))!;
    assert.equal(md.quotes, 40);
    assert.equal(md.truncated, undefined);
    assert.equal((md.markdown.match(/^> /gm) ?? []).length, 40);
  });

  it('on 50,000 nested spans stays under 1 MB', () => {
    const index = indexOf(nested(50000));
    const md = treeQuotesMarkdown(index, codeId(index, 'cat'))!;
    assert.equal(md.quotes, 100000);
    assert.ok(bytes(md) < 1_000_000, `${bytes(md)} bytes`);
  });
});

describe('answer bounds: the pictures', () => {
  const deep = indexOf(nested(50000));
  const project = deep.projects()[0];
  const pictures = { model: axialModel(project), cooccurrence: codeCooccurrence(project), matrix: codeCaseMatrix(project) };

  for (const [name, picture] of Object.entries(pictures)) {
    it(`${name} of 50,000 nested spans: capped lists, the table cut and renumbered, counts kept, under 2 MB`, () => {
      const capped = limitPictureQuotes(picture);
      assert.ok(bytes(capped) < 2_000_000, `${bytes(capped)} bytes`);
      assert.ok(capped.quotes.length <= PICTURE_QUOTE_LIMIT);
      assert.deepEqual(capped.truncated, { quotes: 50000 });
      // Every list: at most PICTURE_QUOTES_PER_ITEM valid ids, and the cut ones counted.
      const lists: { quoteIds: number[]; moreQuotes?: number }[] = [];
      const walk = (x: unknown, top = true): void => {
        if (Array.isArray(x)) return x.forEach((y) => walk(y, false));
        if (!x || typeof x !== 'object') return;
        if (Array.isArray((x as { quoteIds?: unknown }).quoteIds)) lists.push(x as { quoteIds: number[] });
        for (const [k, v] of Object.entries(x)) if (!(top && k === 'quotes') && k !== 'quoteIds') walk(v, false);
      };
      walk(capped);
      const originals: { quoteIds: number[] }[] = [];
      const walkOriginal = (x: unknown, top = true): void => {
        if (Array.isArray(x)) return x.forEach((y) => walkOriginal(y, false));
        if (!x || typeof x !== 'object') return;
        if (Array.isArray((x as { quoteIds?: unknown }).quoteIds)) originals.push(x as { quoteIds: number[] });
        for (const [k, v] of Object.entries(x)) if (!(top && k === 'quotes') && k !== 'quoteIds') walkOriginal(v, false);
      };
      walkOriginal(picture);
      assert.equal(lists.length, originals.length);
      assert.ok(lists.length > 0);
      lists.forEach((l, i) => {
        assert.ok(l.quoteIds.length <= PICTURE_QUOTES_PER_ITEM);
        assert.ok(l.quoteIds.every((q) => Number.isInteger(q) && q >= 0 && q < capped.quotes.length));
        assert.equal(l.quoteIds.length + (l.moreQuotes ?? 0), originals[i].quoteIds.length);
        // The same quotes as the original list's head.
        assert.deepEqual(
          l.quoteIds.map((q) => capped.quotes[q]),
          originals[i].quoteIds.slice(0, l.quoteIds.length).map((q) => picture.quotes[q]),
        );
      });
      // The scan behind the picture is cached: it must not have been changed.
      assert.equal(picture.quotes.length, 50000);
    });
  }

  it('a small picture is answered as it is', () => {
    const small = indexOf(flat(20)).projects()[0];
    const model = axialModel(small);
    assert.equal(limitPictureQuotes(model), model);
  });
});

describe('answer bounds: linear work on nested quotes', () => {
  /** Characters the whole-project quote readers (search, suggestions, examples) read. */
  const read = (n: number) => {
    const t = indexOf(nested(n)).entry(T)!.transcript;
    let chars = 0;
    for (const s of t.spans) chars += readableQuote(t, s).length;
    return { chars, size: t.text.length };
  };

  it('50,000 nested spans (750 KB) are read as at most 5 million characters (it was 12.8 million)', () => {
    const { chars, size } = read(50000);
    assert.ok(chars <= 5_000_000, `${chars} characters for a ${size}-character file`);
  });

  it('what is read grows linearly: 2n nested spans read at most about twice what n do', () => {
    const a = read(40000);
    const b = read(80000);
    assert.ok(b.chars <= 2.2 * a.chars, `${a.chars} → ${b.chars}`);
  });

  it('excerpt equals collapsing white space in the head and cutting on a word (property)', () => {
    const reference = (quote: string, max: number) => {
      const limit = 2 * max + 16;
      const truncated = quote.length > limit;
      const q = (truncated ? quote.slice(0, limit) : quote).replace(/\s+/g, ' ');
      if (q.length <= max) return truncated ? q.trimEnd() + '…' : q;
      const cut = q.lastIndexOf(' ', max);
      return q.slice(0, cut > max / 2 ? cut : max) + '…';
    };
    const unit = fc.constantFrom('a', 'bc', ' ', '   ', '\n', '\r\n', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', 'é', '😀', 'word ');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), fc.constantFrom(5, 12, 60, 160), (q, max) => excerpt(q, max) === reference(q, max)),
      { numRuns: 3000 },
    );
  });
});

describe('answer bounds: quick fixes', () => {
  it(`fix at most ${QUICK_FIX_DIAGNOSTIC_LIMIT} of the diagnostics in the range (each fix may scan every span)`, () => {
    const text = 'P: ' + '{{a}} '.repeat(3000) + '\n';
    const index = indexOf(text);
    assert.equal(index.entry(T)!.diagnostics.length, 3000);
    const fixes = quickFixes(index, T, { start: 0, end: text.length });
    const fixed = new Set(fixes.map((f) => f.diagnostic));
    assert.equal(fixed.size, QUICK_FIX_DIAGNOSTIC_LIMIT);
    // The first ones, in file order: the fix at the cursor is among them.
    assert.deepEqual([...fixed], index.entry(T)!.diagnostics.slice(0, QUICK_FIX_DIAGNOSTIC_LIMIT));
  });
});

describe('answer bounds: published diagnostics', () => {
  it(`publishes at most ${MAX_PUBLISHED_DIAGNOSTICS} diagnostics of a file, then one that counts the rest`, () => {
    // Separated by spaces: a run of adjacent stray closers would be one diagnostic.
    const text = 'P: ' + '}} '.repeat(9000) + '\n';
    const t = parseTranscript(text);
    assert.equal(t.diagnostics.length, 9000);
    const ds = publishedDiagnostics(t.diagnostics, t.lines);
    assert.equal(ds.length, MAX_PUBLISHED_DIAGNOSTICS + 1);
    assert.equal(ds[MAX_PUBLISHED_DIAGNOSTICS].code, 'diagnostics.truncated');
    assert.equal(ds[MAX_PUBLISHED_DIAGNOSTICS].message.split(' ')[0], '4,000');
    assert.deepEqual(ds[MAX_PUBLISHED_DIAGNOSTICS].range.start, t.lines.range(t.diagnostics[MAX_PUBLISHED_DIAGNOSTICS].range).start);
    assert.ok(bytes(ds) < 2_000_000);
  });

  it('publishes every diagnostic under the limit', () => {
    const t = parseTranscript('P: ' + '}} '.repeat(10) + '\n');
    assert.equal(publishedDiagnostics(t.diagnostics, t.lines).length, 10);
  });
});

describe('answer bounds: suggestions', () => {
  it(`the model learns from at most about ${SUGGEST_LEARN_CHARS.toLocaleString('en')} characters of one transcript's quotes (50,000 nested spans had 4 million)`, () => {
    const index = indexOf(nested(50000));
    const t = index.entry(T)!.transcript;
    let all = 0;
    for (const s of t.spans) all += readableQuote(t, s).length;
    const learned = suggestionModel(index.projects()[0]).learnedChars.get(T)!;
    assert.ok(all > 3 * SUGGEST_LEARN_CHARS, `the input reads ${all} characters`);
    // The span that crosses the limit is learned whole: at most one quote head more.
    assert.ok(learned >= SUGGEST_LEARN_CHARS && learned <= SUGGEST_LEARN_CHARS + t.text.length, `${learned} characters learned`);
  });

  it('an ordinary transcript is learned whole', () => {
    const index = indexOf(flat(2000));
    const t = index.entry(T)!.transcript;
    let all = 0;
    for (const s of t.spans) all += readableQuote(t, s).length;
    assert.equal(suggestionModel(index.projects()[0]).learnedChars.get(T), all);
  });

  it(`ranks at most ${SUGGEST_PASSAGE_CHARS.toLocaleString('en')} characters of a passage (a turn on a line of 1 MB)`, () => {
    // Words the model knows only after the head: ranked whole, they would be suggested.
    const head = 'zzz '.repeat(SUGGEST_PASSAGE_CHARS / 4 + 10);
    const known = 'quote number words '.repeat(50000);
    const index = indexOf(flat(20) + 'P: ' + head + known + '\nP: ' + known + '\n');
    const t = index.entry(T)!.transcript;
    const lastTurn = t.text.length - 100;
    const longTurn = t.text.length - known.length - 200;
    assert.ok(suggestActions(index, T, { start: lastTurn, end: lastTurn }).length > 0);
    assert.equal(suggestActions(index, T, { start: longTurn, end: longTurn }).length, 0);
  });
});
