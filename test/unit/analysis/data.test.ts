import * as assert from 'node:assert/strict';
import { axialModel, codeCaseMatrix, codeCooccurrence, type AnalysisQuote, type Cooccurrence } from '../../../core';
import { EXAMPLE, loadProject, PICTURES_FIXTURE, projectFrom } from './load';

/**
 * The data behind the pictures. On test/fixtures/projects/pictures every expected
 * number below was worked out by hand from the files (spans are named by file and
 * order: p0…p5 in x-patient.md, t0…t2 in x-therapist.md, n0…n4 in notes.md).
 */
const fixture = loadProject(PICTURES_FIXTURE);

/** Quote ids → "file:excerpt" for readable assertions. */
function names(quotes: AnalysisQuote[], ids: number[]): string[] {
  return ids.map((i) => `${quotes[i].path.replace('transcripts/', '').replace('.md', '')}:${quotes[i].excerpt}`);
}

function cell(c: Cooccurrence, a: string, b: string): number {
  const [x, y] = c.codes.findIndex((k) => k.id === a) <= c.codes.findIndex((k) => k.id === b) ? [a, b] : [b, a];
  return c.cells.find((k) => k.a === x && k.b === y)?.count ?? 0;
}

describe('pictures: the axial model', () => {
  const model = axialModel(fixture);
  const node = (id: string) => model.nodes.find((n) => n.id === id)!;

  it('is the codebook tree in codebook order, without unused deprecated codes', () => {
    assert.deepEqual(
      model.nodes.map((n) => `${'  '.repeat(n.depth)}${n.id}`),
      ['core', '  dim-a', '    a1', '    a2', '    old', '  dim-b', '    b1', '      b2', '    unused'],
    );
    assert.deepEqual(model.roots, ['core']);
    assert.deepEqual(node('core').children, ['dim-a', 'dim-b']);
    assert.equal(node('old').status, 'deprecated');
    assert.ok(!model.nodes.some((n) => n.id === 'gone'), 'the unused deprecated code is left out');
  });

  it('counts quotes and cases per node, aggregated up the tree', () => {
    const counts = Object.fromEntries(model.nodes.map((n) => [n.id, [n.quotes, n.cases, n.ownQuotes, n.ownCases]]));
    assert.deepEqual(counts, {
      core: [13, 2, 0, 0],
      'dim-a': [9, 2, 0, 0],
      a1: [5, 2, 5, 2],
      a2: [4, 2, 4, 2],
      old: [1, 1, 1, 1],
      'dim-b': [6, 2, 0, 0],
      b1: [6, 2, 4, 2],
      b2: [3, 2, 3, 2],
      unused: [0, 0, 0, 0],
    });
    assert.deepEqual(model.totals, { quotes: 13, cases: 2 });
  });

  it('lists the quotes under each node for click-through', () => {
    assert.deepEqual(names(model.quotes, node('b1').quoteIds), [
      'notes:one two three',
      'notes:four',
      'x-patient:It was good overall.',
      'x-patient:And later?',
      'x-patient:fine',
      'x-therapist:What did you see? T: I saw trust grow',
    ]);
    const q = model.quotes[node('b2').quoteIds.find((i) => model.quotes[i].path.endsWith('x-patient.md'))!];
    assert.equal(q.excerpt, 'And later?');
    assert.equal(q.line, 9);
    assert.equal(q.case, 'case:X');
    assert.equal(q.speaker, 'I');
    assert.equal(q.role, 'Interviewer');
    assert.deepEqual(q.codes, ['b2']);
  });

  it('takes cases from front matter, else the file', () => {
    assert.deepEqual(
      model.cases.map((c) => [c.id, c.label, c.declared, c.transcripts]),
      [
        ['case:X', 'X', true, ['transcripts/x-patient.md', 'transcripts/x-therapist.md']],
        ['file:transcripts/notes.md', 'notes.md', false, ['transcripts/notes.md']],
      ],
    );
  });

  it('keeps tags with codes not in the codebook apart', () => {
    assert.deepEqual(model.unknown.map((u) => [u.id, u.quotes, names(model.quotes, u.quoteIds)]), [['mystery', 1, ['notes:five']]]);
  });

  it('colours nodes by their own colour, else their parent\'s, else by branch', () => {
    assert.equal(node('a2').color, '#4e79a7');
    assert.equal(node('b2').color, '#e15759');
    const plain = axialModel(projectFrom({ 'codebook.yaml': 'codes:\n  c: {kind: category}\n  x: {parent: c}\n  y: {parent: c}\n  z: {parent: y}\n' }));
    const colors = plain.nodes.map((n) => n.color);
    assert.equal(colors[0], '#6b6e76', 'a core category without colour is grey');
    assert.notEqual(colors[1], colors[2], 'branches get different colours');
    assert.equal(colors[3], colors[2], 'a code takes its branch colour');
  });
});

describe('pictures: code co-occurrence', () => {
  const co = codeCooccurrence(fixture);

  it('has the codes (not categories) on its axes, in tree order, grouped by category', () => {
    assert.deepEqual(
      co.codes.map((c) => [c.id, c.group, c.quotes]),
      [
        ['a1', 'dim-a', 5],
        ['a2', 'dim-a', 4],
        ['old', 'dim-a', 1],
        ['b1', 'dim-b', 4],
        ['b2', 'dim-b', 3],
        ['unused', 'dim-b', 0],
      ],
    );
    assert.deepEqual(co.groups, { 'dim-a': { name: 'Dimension A', color: '#4e79a7' }, 'dim-b': { name: 'Dimension B', color: '#e15759' } });
  });

  it('counts units: turns, overlapping span pairs across turns, spans outside turns', () => {
    // a1×b1: patient turn 1 (p0 has both), notes span n2 → 2.
    // a1×a2: patient turn 1 (p0/p2 and p1), therapist turn 1 (t1 and t2) → 2.
    // a2×b1: patient turn 1, patient turn 3 (p4, p5), notes pair n0/n1 → 3.
    // a1×b2: therapist t0 (turn 0) holds t1 (turn 1): a pair across turns → 1.
    // b1×b2: notes span n0, notes pair n0/n1 → 2.   a2×b2: notes pair n0/n1 → 1.
    // a1×old: notes span n4 → 1.
    const expected: Record<string, number> = {
      'a1,b1': 2, 'a1,a2': 2, 'a2,b1': 3, 'a1,b2': 1, 'b1,b2': 2, 'a2,b2': 1, 'a1,old': 1,
    };
    const ids = co.codes.map((c) => c.id);
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        const want = expected[`${a},${b}`] ?? expected[`${b},${a}`] ?? 0;
        assert.equal(cell(co, a, b), want, `${a} × ${b}`);
      }
    }
    assert.equal(co.max, 3);
  });

  it('has each code\'s quotes on the diagonal', () => {
    assert.deepEqual(
      co.codes.map((c) => cell(co, c.id, c.id)),
      [5, 4, 1, 4, 3, 0],
    );
  });

  it('lists the quotes of a cell: the spans of its units that carry either code', () => {
    const quotesOf = (a: string, b: string) => names(co.quotes, co.cells.find((c) => c.a === a && c.b === b)!.quoteIds);
    assert.deepEqual(quotesOf('a2', 'b1'), [
      'notes:one two three',
      'notes:two',
      'x-patient:It was good overall.',
      'x-patient:good',
      'x-patient:Later',
      'x-patient:fine',
    ]);
    assert.deepEqual(quotesOf('a1', 'b1'), ['notes:four', 'x-patient:It was good overall.', 'x-patient:Really.']);
    assert.deepEqual(quotesOf('a1', 'b2'), ['x-therapist:What did you see? T: I saw trust grow', 'x-therapist:trust']);
  });

  it('counts a turn once however many spans carry the codes', () => {
    const p = projectFrom({
      'codebook.yaml': 'codes:\n  a: {}\n  b: {}\n',
      'transcripts/t.md': 'P: {{x}}{#a} {{y}}{#b} {{z}}{#a #b} {{w}}{#b}\nI: {{v}}{#a}\n',
    });
    const c = codeCooccurrence(p);
    assert.equal(cell(c, 'a', 'b'), 1);
    assert.equal(cell(c, 'a', 'a'), 3);
    assert.equal(cell(c, 'b', 'b'), 3);
  });

  it('pairs codes only when one coder applied both (a disagreement is no co-occurrence)', () => {
    const cb = 'coders:\n  CA: A\n  LN: L\ncodes:\n  a: {}\n  b: {}\n  c: {}\n';
    const p = projectFrom({
      'codebook.yaml': cb,
      // Turn 1: CA codes a, LN codes b on the same span. Turn 2: CA codes a and b on
      // two spans, LN codes c. Turn 3: the front matter's coder (LN) codes a and c.
      'transcripts/t.md':
        '---\ncoder: LN\n---\nP: {{x}}{#a @CA}{#b @LN}\nI: {{y}}{#a @CA}{#c @LN} {{z}}{#b @CA}\nP: {{w}}{#a} {{v}}{#c}\n',
    });
    const c = codeCooccurrence(p);
    assert.equal(cell(c, 'a', 'b'), 1, 'only turn 2, where CA applied both');
    assert.equal(cell(c, 'a', 'c'), 1, 'only turn 3, where LN (the front matter coder) applied both');
    assert.equal(cell(c, 'b', 'c'), 0);
    assert.deepEqual(c.coders, ['CA', 'LN']);
    const ab = c.cells.find((k) => k.a === 'a' && k.b === 'b')!;
    assert.deepEqual(ab.quoteIds.map((q) => c.quotes[q].excerpt), ['y', 'z']);
  });

  it('keeps only the chosen coders\' blocks in every picture', () => {
    const p = projectFrom({
      'codebook.yaml': 'codes:\n  a: {}\n  b: {}\n',
      'transcripts/t.md': 'P: {{x}}{#a @CA}{#b @LN} {{y}}{#b @CA}\nI: {{z}}{#a @LN}\n',
    });
    const ca = codeCooccurrence(p, { coders: ['CA'] });
    assert.equal(cell(ca, 'a', 'b'), 1);
    assert.equal(cell(ca, 'a', 'a'), 1);
    assert.deepEqual(ca.coders, ['CA', 'LN'], 'the choices stay all the coders');
    const ln = codeCooccurrence(p, { coders: ['LN'] });
    assert.equal(cell(ln, 'a', 'b'), 0);
    assert.equal(cell(ln, 'a', 'a'), 1);
    assert.deepEqual(ln.quotes.map((q) => q.excerpt), ['x', 'z']);
    assert.equal(axialModel(p, { coders: ['LN'] }).totals.quotes, 2);
    assert.equal(codeCaseMatrix(p, { coders: ['CA'] }).total.count, 2);
    assert.equal(axialModel(p).totals.quotes, 3, 'no filter: every block');
  });

  it('counts crossing spans outside turns as one pair', () => {
    const p = projectFrom({
      'codebook.yaml': 'codes:\n  a: {}\n  b: {}\n  c: {}\n',
      'transcripts/t.md': 'notes\n{{^a one {{^b two}}{^a #a} three}}{^b #b} {{four}}{#c}\n',
    });
    const c = codeCooccurrence(p);
    assert.equal(cell(c, 'a', 'b'), 1);
    assert.equal(cell(c, 'a', 'c'), 0);
    assert.equal(cell(c, 'b', 'c'), 0);
  });
});

describe('pictures: code × case matrix', () => {
  const m = codeCaseMatrix(fixture);

  it('has a row per node and a column per case, with subtree counts', () => {
    assert.deepEqual(m.cases.map((c) => c.label), ['X', 'notes.md']);
    assert.deepEqual(
      Object.fromEntries(m.rows.map((r) => [r.id, [...r.cells.map((c) => c.count), r.total.count]])),
      {
        core: [9, 4, 13],
        'dim-a': [6, 3, 9],
        a1: [3, 2, 5],
        a2: [3, 1, 4],
        old: [0, 1, 1],
        'dim-b': [4, 2, 6],
        b1: [4, 2, 6],
        b2: [2, 1, 3],
        unused: [0, 0, 0],
      },
    );
    assert.deepEqual(m.caseTotals.map((c) => c.count), [9, 4]);
    assert.equal(m.total.count, 13);
    assert.equal(m.max, 4, 'the largest cell of a code row (b1 in case X)');
  });

  it('lists the quotes of a cell', () => {
    const a1 = m.rows.find((r) => r.id === 'a1')!;
    assert.deepEqual(names(m.quotes, a1.cells[1].quoteIds), ['notes:four', 'notes:six']);
    assert.deepEqual(names(m.quotes, a1.cells[0].quoteIds), ['x-patient:It was good overall.', 'x-patient:Really.', 'x-therapist:trust']);
  });
});

describe('pictures on the example project', () => {
  const example = loadProject(EXAMPLE);
  const model = axialModel(example);
  const co = codeCooccurrence(example);
  const m = codeCaseMatrix(example);

  it('the model has the core category with its two dimensions and the termination', () => {
    assert.deepEqual(model.roots, ['meeting']);
    const root = model.nodes[0];
    assert.deepEqual(root.children, ['technical-dimension', 'affective-dimension', 'termination']);
    assert.ok(!model.nodes.some((n) => n.id === 'friendship'), 'the unused deprecated code is left out');
    assert.deepEqual(model.unknown, []);
  });

  it('counts every coded span once at the core, and cases A, B and C', () => {
    const spans = [...example.transcripts.values()].reduce((n, e) => n + e.transcript.spans.filter((s) => s.blocks.some((b) => b.codes.length)).length, 0);
    assert.equal(model.nodes[0].quotes, spans);
    assert.equal(model.totals.quotes, spans);
    assert.deepEqual(model.cases.map((c) => c.label), ['A', 'B', 'C']);
    assert.equal(model.nodes[0].cases, 3);
  });

  it('a parent counts no more than the sum of its children and no less than the largest', () => {
    for (const n of model.nodes) {
      if (n.children.length === 0) continue;
      const kids = n.children.map((id) => model.nodes.find((k) => k.id === id)!);
      const sum = kids.reduce((s, k) => s + k.quotes, 0) + n.ownQuotes;
      assert.ok(n.quotes <= sum && n.quotes >= Math.max(...kids.map((k) => k.quotes)), n.id);
    }
  });

  it('co-occurrence is symmetric data on the codes; the patient-c trust turn is counted', () => {
    assert.equal(co.codes.length, model.nodes.filter((n) => n.kind === 'code').length);
    // case-c-patient: "Building trust" carries both relational-trust and trust-as-key-factor.
    assert.ok(cell(co, 'relational-trust', 'trust-as-key-factor') >= 1);
    for (const c of co.cells) assert.ok(c.count > 0 && c.quoteIds.length > 0, `${c.a}×${c.b}`);
  });

  it('case C line 27, "it actually works", coded willingness-to-collaborate by CA and guiding-the-work by LN, is no co-occurrence', () => {
    const q = co.quotes.find((x) => x.path === 'transcripts/case-c-patient.md' && x.line === 26)!;
    assert.match(q.excerpt, /it actually works/);
    assert.deepEqual(q.codes, ['willingness-to-collaborate', 'guiding-the-work']);
    const pair = co.cells.find((k) => [k.a, k.b].sort().join() === 'guiding-the-work,willingness-to-collaborate');
    assert.ok(!pair || !pair.quoteIds.includes(co.quotes.indexOf(q)), 'the disagreement is not counted');
    const caseC = codeCooccurrence(loadProject(EXAMPLE), { coders: ['LN'] });
    assert.ok(caseC.coders.includes('CA') && caseC.coders.includes('LN'));
    assert.ok(caseC.quotes.every((x) => !x.codes.includes('willingness-to-collaborate') || x.path !== 'transcripts/case-c-patient.md' || x.line !== 26));
  });

  it('the matrix rows add up: each row total is the sum over cases', () => {
    for (const r of m.rows) assert.equal(r.total.count, r.cells.reduce((s, c) => s + c.count, 0), r.id);
    assert.equal(m.caseTotals.reduce((s, c) => s + c.count, 0), m.total.count);
  });
});
