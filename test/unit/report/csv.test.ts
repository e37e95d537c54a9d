import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { csvField, csvTable } from '../../../core/report';

/** Parses csv with Python's csv module (a real RFC 4180 reader), as a second opinion on the quoting. */
function parseWithPython(text: string): string[][] {
  const r = spawnSync('python3', ['-c', 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin.read().splitlines(keepends=True)))))'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

describe('report: csv quoting (RFC 4180)', () => {
  it('leaves plain fields and numbers as they are', () => {
    assert.equal(csvField('trust'), 'trust');
    assert.equal(csvField(27), '27');
    assert.equal(csvField(''), '');
  });

  it('quotes commas, quotes (doubled) and line breaks', () => {
    assert.equal(csvField('well, um'), '"well, um"');
    assert.equal(csvField('she said "no"'), '"she said ""no"""');
    assert.equal(csvField('one\ntwo'), '"one\ntwo"');
    assert.equal(csvField('one\r\ntwo'), '"one\r\ntwo"');
    assert.equal(csvField('"'), '""""');
  });

  it('quotes white space at either end so readers keep it', () => {
    assert.equal(csvField(' lead'), '" lead"');
    assert.equal(csvField('trail '), '"trail "');
  });

  it('keeps accents and emoji unchanged', () => {
    assert.equal(csvField('Lucía Núñez'), 'Lucía Núñez');
    assert.equal(csvField('😊 ok'), '😊 ok');
  });

  it('ends every record with CRLF, header first', () => {
    assert.equal(csvTable(['a', 'b'], [[1, 'x,y']]), 'a,b\r\n1,"x,y"\r\n');
  });

  it('reads back exactly with a real csv reader', () => {
    const rows = [
      ['comma, inside', 'quote " inside', 'line\nbreak', 'crlf\r\nbreak'],
      ['Lucía', 'niño 😊', '  spaced  ', ''],
      ['""', ',', '\n', 'plain'],
    ];
    const parsed = parseWithPython(csvTable(['w', 'x', 'y', 'z'], rows));
    assert.deepEqual(parsed, [['w', 'x', 'y', 'z'], ...rows]);
  });
});
