/**
 * The front matter fast path (core/transcript/simpleFrontMatter.ts) against the
 * yaml package's reading (readFrontMatterYaml): whenever the fast path accepts a
 * front matter, its FrontMatter and diagnostics must equal the yaml path's, on
 * generated simple front matter and on hostile variants of it.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import type { AxialDiagnostic } from '../../core/diagnostics';
import { readFrontMatterYaml } from '../../core/transcript/frontMatter';
import { parseTranscript } from '../../core/transcript/parse';
import { readSimpleFrontMatter } from '../../core/transcript/simpleFrontMatter';

const KEYS = ['case', 'participant', 'title', 'date', 'language', 'coder', 'speakers', 'attributes', 'x-site', 'x-a_b', 'version', 'Case', 'null', 'True', 'k9'];
const NESTED_KEYS = ['I', 'P', 'age', 'site', 'Entrevistadora', 'ñandú', 'null', 'TRUE', 'a-b', 'x_1', '9'];
/** Values the fast path reads itself. */
const SAFE_VALUES = ['London', 'case-0001', '2024-02-02', '77', '0', '123456789012345', 'relación', 'Ünïcode text', 'a, b', 'a/b', 'Dr. X', '٣', 'CA', 'x_y', 'a -b'];
/** Values it may leave to the yaml package (numbers, null, booleans, indicators, odd spacing). */
const VALUES = [
  ...SAFE_VALUES,
  'London', 'case-0001', '2024-02-02', '77', '0', '007', '3.10', '1e5', '0x1F', '0o17', '.5', '-3', '+3', 'true', 'False', 'yes', 'null', '~',
  'relación', 'Ünïcode text', 'a, b', 'a/b', 'Dr. X', 'a  b', 'a ', ' a', '-a', 'a #b', 'a#b', 'a: b', 'a:b', '"q"', "'q'", '[a]', '{a: 1}',
  '&x a', '*x', '!tag a', '|', '>', '', '12345678901234567', '123456789012345', '٣', 'a\tb', '😀', 'NaN', '.inf', 'CA',
];
/** Characters a hostile edit inserts: YAML indicators, whitespace and line breaks. */
const HOSTILE = [' ', '  ', '\t', '\n', '\r', '\r\n', ':', '#', '-', '"', "'", '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', ',', '?', '.', '0', 'é', '\u00a0', '\ufeff'];

/** Mostly values the fast path reads, sometimes any of the others. */
const someKey = fc.oneof({ arbitrary: fc.constantFrom(...NESTED_KEYS.slice(0, 6)), weight: 9 }, { arbitrary: fc.constantFrom(...NESTED_KEYS), weight: 1 });
const someValue = fc.oneof({ arbitrary: fc.constantFrom(...SAFE_VALUES), weight: 19 }, { arbitrary: fc.constantFrom(...VALUES), weight: 1 });

/** One front matter of the simple shape: top-level lines, maps of two-space lines under some. */
const simpleYaml = fc
  .uniqueArray(
    fc.record({
      key: fc.oneof({ arbitrary: fc.constantFrom(...KEYS.slice(0, 10)), weight: 9 }, { arbitrary: fc.constantFrom(...KEYS), weight: 1 }),
      value: someValue,
      map: fc.array(fc.tuple(someKey, someValue), { minLength: 0, maxLength: 4 }),
      // Now and then a map under another key, or a scalar under speakers/attributes.
      odd: fc.nat(9),
    }),
    { minLength: 0, maxLength: 8, selector: (e) => e.key },
  )
  .map((entries) =>
    entries
      .map(({ key, value, map, odd }) => ((key === 'speakers' || key === 'attributes') === (odd > 0) ? `${key}:\n${map.map(([k, v]) => `  ${k}: ${v}\n`).join('')}` : `${key}: ${value}\n`))
      .join(''),
  );

/** A simple front matter with a few hostile characters inserted. */
const hostileYaml = fc
  .tuple(simpleYaml, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)), { minLength: 1, maxLength: 3 }))
  .map(([yaml, edits]) => edits.reduce((s, [at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1)), yaml));

/** Runs both readers on `yaml` (placed after a prefix, so offsets are shifted); true when the fast path accepted it. */
function compare(yaml: string): boolean {
  const prefix = '---\n';
  const text = `${prefix}${yaml}---\nP: body\n`;
  const end = prefix.length + yaml.length;
  const fastDiagnostics: AxialDiagnostic[] = [];
  const fast = readSimpleFrontMatter(text, prefix.length, end, fastDiagnostics);
  if (!fast) {
    assert.deepStrictEqual(fastDiagnostics, [], 'a refused front matter adds no diagnostics');
    return false;
  }
  const slowDiagnostics: AxialDiagnostic[] = [];
  const slow = readFrontMatterYaml(text, prefix.length, end, slowDiagnostics);
  assert.deepStrictEqual(fast, slow, `front matter of ${JSON.stringify(yaml)}`);
  assert.deepStrictEqual(fastDiagnostics, slowDiagnostics, `diagnostics of ${JSON.stringify(yaml)}`);
  return true;
}

describe('front matter fast path', () => {
  it('reads the usual front matter without the yaml package, as the yaml package does', () => {
    const yaml =
      'case: case-0001\nparticipant: therapist\ndate: 2024-02-02\nlanguage: en\ncoder: CA\nspeakers:\n  I: Interviewer\n  P: Participant\nattributes:\n  age: 77\n  site: London\n';
    assert.ok(compare(yaml), 'the fast path accepts the usual shape');
    const t = parseTranscript(`---\n${yaml}---\nP: hello\n`);
    assert.deepStrictEqual(t.frontMatter?.attributes, { age: 77, site: 'London' });
    assert.deepStrictEqual(t.frontMatter?.speakers, { I: 'Interviewer', P: 'Participant' });
    assert.strictEqual(t.frontMatter?.case, 'case-0001');
    assert.deepStrictEqual(t.frontMatter?.coderRange, { start: 4 + yaml.indexOf('CA'), end: 6 + yaml.indexOf('CA') });
  });

  it('reports unknown keys as the yaml path does', () => {
    assert.ok(compare('case: 3\nversion: 2\nx-site: Lima\n'));
  });

  it('leaves anything outside its subset to the yaml package', () => {
    for (const yaml of ['case: "3"\n', 'case: 3.10\n', 'title: a #c\n', 'case: a\ncase: b\n', 'speakers: P\n', 'speakers:\n', 'case: a\r\n', 'title:\n', 'speakers:\n   P: x\n', '# c\ncase: a\n', '\ncase: a\n', 'case: true\n']) {
      assert.strictEqual(readSimpleFrontMatter(`${yaml}`, 0, yaml.length, []), undefined, JSON.stringify(yaml));
    }
  });

  it('equals the yaml path on generated simple front matter, and accepts most of it', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(simpleYaml, (yaml) => {
        runs++;
        if (compare(yaml)) accepted++;
      }),
      { numRuns: 3000, seed: 15 },
    );
    // The generator picks many hostile values, so only some front matter is simple; the fast path must still take it.
    assert.ok(accepted > runs / 4, `the fast path accepted ${accepted} of ${runs}`);
  });

  it('equals the yaml path on hostile variants (indicators, tabs, line breaks inserted)', () => {
    fc.assert(
      fc.property(hostileYaml, (yaml) => {
        compare(yaml);
      }),
      { numRuns: 5000, seed: 16 },
    );
  });
});
