/**
 * Word bodies as interview lines (core/importing/wordText.ts): paragraphs as
 * lines, tables a line per row, transcript tables (speaker | text, time |
 * speaker | text) as turns; and Word comments as a memo file
 * (core/importing/wordComments.ts).
 */
import * as assert from 'node:assert/strict';
import { commentsMemo, tableLines, wordText } from '../../../core/importing';

describe('Word text', () => {
  it('keeps paragraphs in order, one a line, empty ones dropped', () => {
    assert.equal(wordText([{ kind: 'paragraph', text: 'a' }, { kind: 'paragraph', text: '' }, { kind: 'paragraph', text: 'b\tc' }]), 'a\nb\tc');
  });

  it('turns a speaker | text table into "Name: text" rows; a row with no name continues the turn', () => {
    assert.deepEqual(tableLines([['Interviewer', 'Hi.'], ['Ana', 'Hello.'], ['', 'Still me.'], ['Interviewer', 'Ok.']]), ['Interviewer: Hi.', 'Ana: Hello.', 'Still me.', 'Interviewer: Ok.']);
  });

  it('keeps a header row as a line of its own', () => {
    assert.deepEqual(tableLines([['Speaker', 'Utterance'], ['I', 'Hi.'], ['P', 'Hello.'], ['I', 'Bye.']]), ['Speaker | Utterance', 'I: Hi.', 'P: Hello.', 'I: Bye.']);
  });

  it('reads a time column, in either of the first two places, bracketed or not', () => {
    assert.deepEqual(tableLines([['0:05', 'I', 'Hi.'], ['[00:00:09]', 'P', 'Hello.']]), ['[0:05] I: Hi.', '[00:00:09] P: Hello.']);
    assert.deepEqual(tableLines([['I', '00:05', 'Hi.'], ['P', '00:09', 'Hello.']]), ['[00:05] I: Hi.', '[00:09] P: Hello.']);
  });

  it('leaves other tables as their cells in order: distinct labels, long first cells, wide tables', () => {
    assert.deepEqual(tableLines([['Age', '34'], ['Site', 'Lima']]), ['Age | 34', 'Site | Lima']);
    assert.deepEqual(tableLines([['What did you think of it, honestly, after all?', 'Fine'], ['What did you think of it, honestly, after all?', 'Ok']]), [
      'What did you think of it, honestly, after all? | Fine',
      'What did you think of it, honestly, after all? | Ok',
    ]);
    assert.deepEqual(tableLines([['a', 'b', 'c', 'd'], ['', '', '', '']]), ['a | b | c | d']);
  });

  it('writes comments as a memo linked to the transcript, each under its quote', () => {
    assert.equal(
      commentsMemo([{ author: 'Ana', text: 'Note.', quote: 'two\nlines' }, { text: 'No passage.' }], 'transcripts/x.md', 'x.docx'),
      '---\ntranscripts:\n  - transcripts/x.md\n---\n\n# Comments in x.docx\n\n> two\n> lines\n\nAna: Note.\n\nNo passage.\n',
    );
  });
});
