import * as assert from 'node:assert/strict';
import { parseQuery, queryCsv, runQuery, type QueryNode, type QueryResult } from '../../../core/query';
import { EXAMPLE, loadProject, projectFrom } from '../analysis/load';

const CODEBOOK = `version: 1
coders:
  A: Ana
  B: Bea
codes:
  trust:
    kind: category
    aliases: [confianza]
  early-trust:
    parent: trust
  late-trust:
    parent: trust
  expertise: {}
  burden: {}
`;

const FILES = {
  'codebook.yaml': CODEBOOK,
  'transcripts/one.md': [
    '---',
    'case: X',
    'coder: A',
    'attributes:',
    '  site: north',
    '---',
    'I: How did it start?',
    'P: {{I trusted her {{because she knew}}{#expertise} her job}}{#early-trust}.',
    'I: And later?',
    'P: {{It grew}}{#late-trust}{#burden @B}.',
    'I: Anything else?',
    'P: {{She was an expert}}{#expertise}.',
    '',
  ].join('\n'),
  'transcripts/two.md': [
    '---',
    'case: Y',
    'coder: B',
    'attributes:',
    '  site: south',
    '---',
    'P: {{A burden}}{#burden} and {{trust}}{#early-trust}.',
    '',
  ].join('\n'),
  'transcripts/broken.md': ['P: {{never closed', ''].join('\n'),
};

function run(query: string, options: Parameters<typeof runQuery>[2] = {}): Extract<QueryResult, { ok: true }> {
  const r = runQuery(projectFrom(FILES), query, options);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r;
}

/** Each hit as `file:line quote`. */
function hits(query: string, options: Parameters<typeof runQuery>[2] = {}): string[] {
  return run(query, options).hits.map((h) => `${h.file}:${h.line} ${h.quote}`);
}

function error(query: string): { message: string; start: number } {
  const r = runQuery(projectFrom(FILES), query);
  assert.ok(!r.ok, 'expected an error');
  return { message: r.error.message, start: r.error.range.start };
}

describe('code queries: parsing', () => {
  it('gives AND precedence over OR and NOT over AND, and reads operators in any case', () => {
    const p = parseQuery('a or b And not c');
    assert.ok(p.ok);
    const shape = (n: QueryNode): string =>
      n.kind === 'code' ? n.id : n.kind === 'not' ? `!${shape(n.operand)}` : n.kind === 'filter' ? `${n.key}=${n.value}` : `(${shape(n.left)} ${n.kind} ${shape(n.right)})`;
    assert.equal(shape(p.node), '(a or (b and !c))');
    const q = parseQuery('NOT a WITHIN (b OR #and) near/3 c');
    assert.ok(q.ok);
    assert.equal(q.node.kind, 'not');
    const rel = (q.node as Extract<QueryNode, { kind: 'not' }>).operand;
    assert.equal(rel.kind, 'near');
    assert.equal((rel as Extract<QueryNode, { kind: 'near' }>).distance, 3);
  });

  it('reads filters with quoted values, @coder and attr.NAME', () => {
    const p = parseQuery('case:"Case A" AND @LN AND attr.site:north AND speaker:P');
    assert.ok(p.ok);
    const filters: string[] = [];
    const walk = (n: QueryNode): void => {
      if (n.kind === 'filter') filters.push(`${n.key}${n.name ? '.' + n.name : ''}=${n.value}`);
      else if (n.kind === 'and' || n.kind === 'or' || n.kind === 'near' || n.kind === 'within') (walk(n.left), walk(n.right));
    };
    walk(p.node);
    assert.deepEqual(filters, ['case=Case A', 'coder=LN', 'attr.site=north', 'speaker=P']);
  });

  it('names the column of each syntax error', () => {
    const cases: [string, RegExp, number][] = [
      ['trust AND', /ends where a code/, 9],
      ['(trust OR burden', /missing '\)'/, 0],
      ['trust burden', /join terms with AND, OR/, 6],
      ['trust)', /unexpected '\)'/, 5],
      ['case:"open', /unterminated quote/, 5],
      ['trust NEAR/x burden', /NEAR\/n/, 6],
      ['colour:red', /unknown filter 'colour:'/, 0],
      ['tr$ust', /not a code id/, 0],
      ['', /empty/, 0],
      ['AND trust', /'AND' where a code/, 0],
    ];
    for (const [q, message, start] of cases) {
      const p = parseQuery(q);
      assert.ok(!p.ok, q);
      assert.match(p.error.message, message, q);
      assert.equal(p.error.range.start, start, q);
    }
  });

  it('refuses a query too long to be real instead of recursing without bound', () => {
    const p = parseQuery('('.repeat(100_000) + 'a' + ')'.repeat(100_000));
    assert.ok(!p.ok);
    assert.match(p.error.message, /limit/);
  });
});

describe('code queries: names checked against the project', () => {
  it('says did-you-mean for an unknown code and where it stands', () => {
    const e = error('trust AND expertis');
    assert.match(e.message, /unknown code 'expertis': did you mean 'expertise'/);
    assert.equal(e.start, 10);
  });

  it('rejects unknown coders and cases, naming the known ones', () => {
    assert.match(error('@ZZ').message, /unknown coder 'ZZ': coders are A, B/);
    assert.match(error('case:Q AND trust').message, /unknown case 'Q': cases are X, Y/);
    const r = runQuery(projectFrom(FILES), 'trust', { coders: ['ZZ'] });
    assert.ok(!r.ok);
  });

  it('resolves an alias to its code', () => {
    assert.deepEqual(hits('confianza'), hits('trust'));
  });
});

describe('code queries: over spans', () => {
  it('a category stands for its codes; transcripts with errors are skipped and named', () => {
    const r = run('trust');
    assert.deepEqual(
      r.hits.map((h) => `${h.file}:${h.line} ${h.codes.join(',')}`),
      ['transcripts/one.md:8 early-trust', 'transcripts/one.md:10 burden,late-trust', 'transcripts/two.md:7 early-trust'],
    );
    assert.deepEqual(r.skipped.map((s) => s.file), ['transcripts/broken.md']);
    assert.equal(r.transcripts, 2);
  });

  it('AND, OR and NOT combine codes on the same span', () => {
    assert.deepEqual(hits('trust AND burden'), ['transcripts/one.md:10 It grew']);
    assert.deepEqual(hits('trust AND NOT burden'), ['transcripts/one.md:8 I trusted her because she knew her job', 'transcripts/two.md:7 trust']);
    assert.deepEqual(hits('expertise OR burden').length, 4);
  });

  it('WITHIN finds spans inside another span (the same span counts)', () => {
    assert.deepEqual(hits('expertise WITHIN early-trust'), ['transcripts/one.md:8 because she knew']);
    assert.deepEqual(hits('early-trust WITHIN expertise'), []);
    assert.deepEqual(hits('late-trust WITHIN burden'), ['transcripts/one.md:10 It grew']);
  });

  it('NEAR/n finds spans with the other code no more than n turns away', () => {
    // Turns of one.md: 0 I, 1 P (early-trust, expertise), 2 I, 3 P (late-trust), 4 I, 5 P (expertise).
    assert.deepEqual(hits('late-trust NEAR/1 expertise'), []);
    assert.deepEqual(hits('late-trust NEAR/2 expertise'), ['transcripts/one.md:10 It grew']);
    assert.deepEqual(hits('early-trust NEAR/0 expertise'), ['transcripts/one.md:8 I trusted her because she knew her job']);
    // Never across transcripts: two.md's early-trust has no expertise near it.
    assert.ok(!hits('early-trust NEAR/100 expertise').some((h) => h.startsWith('transcripts/two.md')));
  });

  it('filters by case, speaker, coder and attribute; --coder narrows which blocks count', () => {
    assert.deepEqual(hits('burden AND case:Y'), ['transcripts/two.md:7 A burden']);
    assert.deepEqual(hits('burden AND @B'), ['transcripts/one.md:10 It grew', 'transcripts/two.md:7 A burden']);
    assert.deepEqual(hits('trust AND attr.site:north').length, 2);
    assert.deepEqual(hits('trust AND speaker:I'), []);
    assert.deepEqual(hits('trust', { coders: ['B'] }), ['transcripts/two.md:7 trust']);
    assert.deepEqual(run('burden', { coders: ['B'] }).hits.map((h) => h.coders), [['B'], ['B']]);
  });
});

describe('code queries: over turns', () => {
  it('a turn has the codes of the spans overlapping it, and NOT is about the whole turn', () => {
    const r = run('expertise AND NOT trust', { unit: 'turn' });
    assert.deepEqual(r.hits.map((h) => `${h.line} ${h.speaker} ${h.quote}`), ['12 P She was an expert.']);
    // Over spans, the nested expertise span is itself not coded trust.
    assert.equal(hits('expertise AND NOT trust').length, 2);
  });

  it('NEAR over turns, and WITHIN lifted to the turns its spans overlap', () => {
    assert.deepEqual(run('late-trust NEAR/2 expertise', { unit: 'turn' }).hits.map((h) => h.line), [10]);
    assert.deepEqual(run('expertise WITHIN trust', { unit: 'turn' }).hits.map((h) => h.line), [8]);
  });
});

describe('code queries: the example project', () => {
  it('answers the first-day question "trust but not expertise" with passages that carry one and not the other', async () => {
    const project = await loadProject(EXAMPLE);
    const r = runQuery(project, 'trust-and-intimacy AND NOT therapist-as-expert', {});
    assert.ok(r.ok);
    assert.ok(r.hits.length > 0);
    for (const h of r.hits) assert.ok(!h.codes.includes('therapist-as-expert'));
    const csv = queryCsv(r.hits);
    assert.equal(csv.split('\r\n')[0], 'file,line,end_line,case,participant,speaker,codes,coders,quote');
  });
});
