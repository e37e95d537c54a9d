import * as assert from 'node:assert/strict';
import { parseCodebook } from '../../../core';
import { codeRenameCandidates, detectRenames, diffCodebooks } from '../../../core/diff/codebook';
import { diffRepository } from '../../../core/diff/repository';
import { Projects } from '../../../core/diff/membership';

const BOOK = `version: 1
codes:
  relation:
    kind: category
  trust:
    parent: relation
    definition: Trust.
    include: [Says so.]
  care:
    definition: Care.
  fear:
`;

describe('diffCodebooks', () => {
  it('reports added, removed, moved and redefined codes', () => {
    const old = parseCodebook(BOOK);
    const neu = parseCodebook(BOOK.replace('    parent: relation\n', '').replace('include: [Says so.]', 'include: [Says so., Shows it.]').replace('  fear:\n', '  hope:\n    parent: relation\n'));
    assert.deepEqual(diffCodebooks(old, neu, detectRenames(old, neu)), {
      added: ['hope'],
      removed: ['fear'],
      renamed: [],
      moved: [{ id: 'trust', from: 'relation', to: null }],
      redefined: [{ id: 'trust', fields: ['include'] }],
    });
  });

  it('a parent renamed is no move of its children', () => {
    const old = parseCodebook(BOOK);
    const neu = parseCodebook(BOOK.replace('  relation:\n', '  bond:\n').replace('parent: relation', 'parent: bond'));
    const renames = new Map([['relation', 'bond']]);
    assert.deepEqual(diffCodebooks(old, neu, renames), { added: [], removed: [], renamed: [{ from: 'relation', to: 'bond' }], moved: [], redefined: [] });
  });

  it('pairs the same entry under a new key only when unambiguous, and only with uses that moved', () => {
    const old = parseCodebook(BOOK);
    const neu = parseCodebook(BOOK.replace('  care:\n', '  caring:\n'));
    assert.deepEqual(codeRenameCandidates(old, neu), [['care', 'caring']]);
    // Without uses there is no evidence; with uses that all moved, a rename.
    assert.deepEqual([...detectRenames(old, neu)], []);
    const moved = { old: new Map([['care', new Set(['a.md:1:5:LN'])]]), new: new Map([['caring', new Set(['a.md:1:5:LN'])]]) };
    assert.deepEqual([...detectRenames(old, neu, moved)], [['care', 'caring']]);
    // The old id still used somewhere: no rename.
    const still = { old: moved.old, new: new Map([...moved.new, ['care', new Set(['b.md:1:2:LN'])]]) };
    assert.deepEqual([...detectRenames(old, neu, still)], []);
    // Two identical entries added for one removed: ambiguous, no pair.
    const twice = parseCodebook(BOOK.replace('  care:\n    definition: Care.\n', '  c1:\n    definition: Care.\n  c2:\n    definition: Care.\n'));
    assert.deepEqual(codeRenameCandidates(old, twice), []);
  });
});

describe('Projects (membership by nearest codebook and globs)', () => {
  it('places transcripts in the nearest project whose globs match them', () => {
    const p = new Projects(
      new Map([
        ['', parseCodebook('version: 1\n')],
        ['sub', parseCodebook('version: 1\ntranscripts: ["interviews/**/*.txt"]\n')],
      ]),
    );
    assert.equal(p.projectOf('transcripts/a.md'), '');
    assert.equal(p.projectOf('transcripts/deep/a.txt'), '');
    assert.equal(p.projectOf('notes/a.md'), undefined);
    assert.equal(p.projectOf('sub/interviews/x/a.txt'), 'sub');
    assert.equal(p.projectOf('sub/transcripts/a.md'), undefined, 'the nearest project decides, even when its globs do not match');
    assert.equal(p.projectOf('node_modules/x/transcripts/a.md'), undefined);
    assert.equal(p.projectOf('transcripts/a.png'), undefined);
  });
});

describe('diffRepository', () => {
  it('a rename across transcripts reads as one rename; unreadable sides are named', () => {
    const book = 'version: 1\ncodes:\n  trust:\n    definition: T.\n  care:\n';
    const renamed = book.replace('  trust:\n', '  relational-trust:\n');
    const d = diffRepository({
      oldCodebooks: new Map([['', book]]),
      newCodebooks: new Map([['', renamed]]),
      changed: [
        { status: 'modified', oldPath: 'transcripts/a.md', newPath: 'transcripts/a.md' },
        { status: 'modified', oldPath: 'transcripts/b.md', newPath: 'transcripts/b.md' },
      ],
      oldFiles: new Map<string, string | { unreadable: 'binary' }>([
        ['transcripts/a.md', 'P: {{x}}{#trust} {{y}}{#care}\n'],
        ['transcripts/b.md', 'P: {{z}}{#care}\n'],
      ]),
      newFiles: new Map<string, string | { unreadable: 'binary' }>([
        ['transcripts/a.md', 'P: {{x}}{#relational-trust} {{y}}{#care}\n'],
        ['transcripts/b.md', { unreadable: 'binary' }],
      ]),
      stillUsed: () => new Set(),
    });
    assert.deepEqual(d.projects.map((p) => p.codebook.renamed), [[{ from: 'trust', to: 'relational-trust' }]]);
    assert.deepEqual(
      d.files.map((f) => [f.path, f.changes.length, f.problems]),
      // a.md's only change is the rename itself, so it has nothing of its own to report.
      [['transcripts/b.md', 0, ['the newer version could not be read (binary)']]],
    );
  });
});
