/**
 * The codebook's top-level `groups` (FORMAT.md section 2): read into the model,
 * checked (an unknown member is an error with a stable code; a groups value or a
 * group that is not a map is a bad value), and no longer an unknown key.
 */
import * as assert from 'node:assert/strict';
import { parseCodebook } from '../../core/codebook/parse';
import { codeGroups } from '../../core/refi/groups';

const CODES = `version: 1
codes:
  trust:
    name: Trust
  expertise: {}
  meeting:
    kind: category
`;

function diagnostics(text: string) {
  return parseCodebook(text).diagnostics.map((d) => ({ code: d.code, severity: d.severity, text: text.slice(d.range.start, d.range.end) }));
}

describe('codebook groups', () => {
  it('reads groups with name, description and members in file order, with no diagnostic', () => {
    const cb = parseCodebook(CODES + 'groups:\n  early-trust:\n    name: Early trust\n    description: How trust starts.\n    codes: [trust, expertise]\n  bare:\n    codes:\n      - meeting\n');
    assert.deepEqual(cb.diagnostics, []);
    assert.deepEqual([...cb.groups.keys()], ['early-trust', 'bare']);
    const g = cb.groups.get('early-trust')!;
    assert.equal(g.name, 'Early trust');
    assert.equal(g.description, 'How trust starts.');
    assert.deepEqual(g.codes.map((c) => c.value), ['trust', 'expertise']);
    assert.equal(cb.groups.get('bare')!.name, 'bare');
    assert.deepEqual(cb.groups.get('bare')!.codes.map((c) => c.value), ['meeting']);
  });

  it('an unknown member is an error on the member, with a suggestion', () => {
    const text = CODES + 'groups:\n  early:\n    codes: [trust, expertse]\n';
    assert.deepEqual(diagnostics(text), [{ code: 'codebook.unknown-group-code', severity: 'error', text: 'expertse' }]);
    const d = parseCodebook(text).diagnostics[0];
    assert.deepEqual(d.data, { group: 'early', id: 'expertse', suggestion: 'expertise' });
  });

  it('groups that is not a map, or a group that is not a map, is a bad value', () => {
    assert.deepEqual(diagnostics(CODES + 'groups: [trust]\n'), [{ code: 'codebook.bad-value', severity: 'error', text: '[trust]' }]);
    assert.deepEqual(diagnostics(CODES + 'groups:\n  early: [trust]\n'), [{ code: 'codebook.bad-value', severity: 'error', text: '[trust]' }]);
    assert.deepEqual(diagnostics(CODES + 'groups:\n  early:\n    codes: {a: b}\n'), [{ code: 'codebook.bad-value', severity: 'error', text: '{a: b}' }]);
  });

  it('an unknown field of a group is a warning; x- fields are the researcher\'s', () => {
    assert.deepEqual(diagnostics(CODES + 'groups:\n  early:\n    nmae: Early\n    x-note: mine\n'), [{ code: 'codebook.unknown-key', severity: 'warning', text: 'nmae' }]);
  });

  it('empty groups are no groups; an empty group has no members', () => {
    assert.equal(parseCodebook(CODES + 'groups:\n').groups.size, 0);
    assert.deepEqual(parseCodebook(CODES + 'groups:\n  empty:\n').groups.get('empty')!.codes, []);
  });

  it('the export reads the model: members the codebook does not define are left out, each member once', () => {
    const cb = parseCodebook(CODES + 'groups:\n  g:\n    name: "  "\n    description: " d "\n    codes: [trust, nope, trust, meeting]\n');
    assert.deepEqual(codeGroups(cb), [{ id: 'g', name: 'g', description: 'd', codes: ['trust', 'meeting'] }]);
  });
});
