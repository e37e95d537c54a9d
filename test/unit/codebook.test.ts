/**
 * The codebook model (core/codebook): parseCodebook and the hierarchy helpers.
 *
 * Cases are data: YAML with the expected diagnostics written UNDER the line they
 * concern, carets marking the exact columns (UTF-16 code units):
 *
 *       parent: technical-dimensoin
 *   #           ^^^^^^^^^^^^^^^^^^^ error codebook.unknown-parent
 *
 * An annotation line is `#` (or nothing, to mark column 0) then spaces, a run of
 * carets, and either `<severity> codebook.<code>` or `@label` (a named position the
 * test body can look up). After that, optionally a "message fragment" and a {json}
 * object the diagnostic's data must contain. Nothing else is an annotation, so real
 * YAML comments in the inputs are left alone. A diagnostic whose range runs past the
 * end of its first line is marked up to that line's end, followed by `...`.
 *
 * `check` runs every case three times, with LF, with CRLF and with a leading BOM,
 * and demands the same diagnostics at the same line/column positions each time.
 */
import * as assert from 'assert';
import { dedent, parseAnnotations, variantText, type AnnotationSyntax, type Variant } from './annotations';
import * as fc from 'fast-check';
import { isDeepStrictEqual } from 'util';
import { parseCodebook } from '../../core/codebook/parse';
import { childrenOf, parentChain, resolveCode } from '../../core/codebook/hierarchy';
import type { Code, Codebook } from '../../core/codebook/types';
import { DEFAULT_TRANSCRIPT_GLOBS } from '../../core/codebook/types';
import type { OffsetRange } from '../../core/text/lineIndex';

// ---------------------------------------------------------------------------------
// The annotation format and the one check helper

const SYNTAX: AnnotationSyntax = { marker: '#', code: 'codebook\\.[a-z-]+', emptyRanges: false, indentNeedsMarker: true };


interface Ctx {
  variant: Variant;
  text: string;
  /** The range of an `@label` in this variant's text. */
  at(label: string): OffsetRange;
  /** The text of a range. */
  slice(r: OffsetRange): string;
}

/**
 * Parse the YAML (annotations removed) as LF, CRLF and BOM+LF text; assert that the
 * diagnostics are exactly the annotated ones; then run `expected` on each model.
 */
function check(annotated: string, expected?: (cb: Codebook, ctx: Ctx) => void, variants: Variant[] = ['LF', 'CRLF', 'BOM']): Codebook {
  const { lines, want, labels } = parseAnnotations(annotated, SYNTAX);
  let first: Codebook | undefined;
  for (const variant of variants) {
    const { text, starts } = variantText(lines, variant);
    const cb = parseCodebook(text);
    first ??= cb;
    assertWellFormed(cb);

    // Compare as line:column text, so a failure shows a readable diff.
    const show = (line: number, col: number) => `${line + 1}:${col}`;
    const actual = cb.diagnostics.map((d) => {
      const s = cb.lines.positionAt(d.range.start);
      const e = cb.lines.positionAt(d.range.end);
      const sCol = d.range.start - starts[s.line];
      const multiline = e.line !== s.line;
      const eCol = multiline ? lines[s.line].length : d.range.end - starts[e.line];
      return `${show(s.line, sCol)}-${eCol}${multiline ? '...' : ''} ${d.severity} ${d.code}`;
    });
    const wanted = want.map((w) => `${show(w.line, w.start)}-${w.end}${w.multiline ? '...' : ''} ${w.severity} ${w.code}`);
    const detail = cb.diagnostics.map((d) => `  ${d.code}: ${d.message} ${JSON.stringify(d.data ?? {})}`).join('\n');
    assert.deepStrictEqual([...actual].sort(), [...wanted].sort(), `${variant}: diagnostics differ. Reported:\n${detail}`);

    // Messages and data: each expectation takes a matching diagnostic at its position.
    const pool = cb.diagnostics.map((d, i) => ({ d, key: actual[i] }));
    for (const [i, w] of want.entries()) {
      const here = pool.filter((p) => p.key === wanted[i]);
      const fits = here.find((p) => (w.message === undefined || p.d.message.includes(w.message)) && (!w.data || contains(p.d.data ?? {}, w.data)));
      assert.ok(
        fits,
        `${variant}: no ${w.code} at ${wanted[i]} with message "${w.message ?? ''}" and data ${JSON.stringify(w.data ?? {})}; found:\n` +
          here.map((p) => `  ${p.d.message} ${JSON.stringify(p.d.data ?? {})}`).join('\n'),
      );
      pool.splice(pool.indexOf(fits), 1);
    }

    const ctx: Ctx = {
      variant,
      text,
      at(label) {
        const l = labels.get(label);
        assert.ok(l, `no @${label} in the case`);
        return { start: starts[l.line] + l.start, end: starts[l.line] + l.end };
      },
      slice: (r) => text.slice(r.start, r.end),
    };
    expected?.(cb, ctx);
  }
  return first!;
}

/** `actual` holds every key of `want` with an equal value (deeply). */
function contains(actual: Record<string, unknown>, want: Record<string, unknown>): boolean {
  return Object.entries(want).every(([k, v]) => isDeepStrictEqual(actual[k], v));
}

/** Invariants of every model: ranges inside the text, readable messages, no internal errors. */
function assertWellFormed(cb: Codebook): void {
  const n = cb.text.length;
  const inText = (r: OffsetRange, what: string) =>
    assert.ok(
      Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= n,
      `${what} ${JSON.stringify(r)} is outside the text (length ${n})`,
    );
  for (const d of cb.diagnostics) {
    inText(d.range, `diagnostic ${d.code}`);
    assert.ok(!d.message.includes('internal error'), d.message);
    assert.match(d.message, /^[A-Z'"]/, `message starts like a sentence: ${d.message}`);
    assert.match(d.message, /[.?]$/, `message ends like a sentence: ${d.message}`);
  }
  let order = 0;
  for (const [id, code] of cb.codes) {
    assert.strictEqual(code.id, id);
    assert.strictEqual(code.order, order++);
    inText(code.keyRange, `keyRange of ${id}`);
    inText(code.range, `range of ${id}`);
    assert.ok(code.range.start <= code.keyRange.start && code.keyRange.end <= code.range.end, `range of ${id} holds its key`);
    if (code.parent) inText(code.parent.range, `parent of ${id}`);
    if (code.replacedBy) inText(code.replacedBy.range, `replaced_by of ${id}`);
    for (const e of code.examples) inText(e.range, `example of ${id}`);
  }
  for (const c of cb.coders?.values() ?? []) inText(c.keyRange, `coder ${c.id}`);
}

function code(cb: Codebook, id: string): Code {
  const c = cb.codes.get(id);
  assert.ok(c, `code ${id} is in the model`);
  return c;
}

// ---------------------------------------------------------------------------------
// The FORMAT.md example

const FORMAT_EXAMPLE = `
  version: 1
  title: The therapeutic relationship
  language: en                 # language of the transcripts: en, es, ... (used for stemming)
  transcripts: ["transcripts/**/*.md"]   # optional; the default is shown in section 1
  coders:                      # optional; initials used in @-attribution
    CA: Carolina Altimir
  # ^^ @CA
    LN: Lucía Núñez
  codes:
    meeting:
  # ^^^^^^^ @meeting
      kind: category
      name: The patient–therapist meeting
      definition: Core phenomenon of the therapeutic relationship.
    technical-dimension:
      kind: category
      parent: meeting
  #           ^^^^^^^ @technical-parent
      name: Technical and role-related dimension
      definition: The asymmetric side of the meeting, organised by the helping relationship.
    therapist-as-expert:
  # ^^^^^^^^^^^^^^^^^^^ @expert-key
      parent: technical-dimension
      name: Therapist as expert
      definition: The patient ascribes technical expertise to the therapist.
      include:
        - The therapist is described as knowing what to do.
      exclude:
        - Trust that rests on affection, not competence (use relational-trust).
      examples:
        - knew what she was doing
  #       ^^^^^^^^^^^^^^^^^^^^^^^ @example
      aliases: [expertise]
      color: "#4e79a7"
  #          ^^^^^^^^^ @color
    expert:
      status: deprecated
      replaced_by: therapist-as-expert
  #                ^^^^^^^^^^^^^^^^^^^ @replaced-by
`;

describe('codebook: parseCodebook', () => {
  describe('a valid codebook', () => {
    it('reads the FORMAT.md example with no diagnostics and every field', () => {
      check(FORMAT_EXAMPLE, (cb, { at, slice }) => {
        assert.strictEqual(cb.version, 1);
        assert.strictEqual(cb.title, 'The therapeutic relationship');
        assert.strictEqual(cb.language, 'en');
        assert.deepStrictEqual(cb.transcripts, ['transcripts/**/*.md']);
        assert.deepStrictEqual(
          [...cb.coders!.values()].map((c) => [c.id, c.name]),
          [
            ['CA', 'Carolina Altimir'],
            ['LN', 'Lucía Núñez'],
          ],
        );
        assert.deepStrictEqual(cb.coders!.get('CA')!.keyRange, at('CA'));
        assert.deepStrictEqual([...cb.codes.keys()], ['meeting', 'technical-dimension', 'therapist-as-expert', 'expert']);

        const meeting = code(cb, 'meeting');
        assert.strictEqual(meeting.kind, 'category');
        assert.strictEqual(meeting.name, 'The patient–therapist meeting');
        assert.strictEqual(meeting.definition, 'Core phenomenon of the therapeutic relationship.');
        assert.deepStrictEqual(meeting.keyRange, at('meeting'));
        assert.strictEqual(slice(meeting.range).split(/\r?\n/).pop(), '    definition: Core phenomenon of the therapeutic relationship.');

        assert.deepStrictEqual(code(cb, 'technical-dimension').parent, { value: 'meeting', range: at('technical-parent') });

        const expert = code(cb, 'therapist-as-expert');
        assert.deepStrictEqual(expert, {
          id: 'therapist-as-expert',
          keyRange: at('expert-key'),
          range: { start: at('expert-key').start, end: at('color').end },
          kind: 'code',
          parent: expert.parent,
          name: 'Therapist as expert',
          definition: 'The patient ascribes technical expertise to the therapist.',
          include: ['The therapist is described as knowing what to do.'],
          exclude: ['Trust that rests on affection, not competence (use relational-trust).'],
          examples: [{ value: 'knew what she was doing', range: at('example') }],
          aliases: ['expertise'],
          color: '#4e79a7',
          status: 'active',
          order: 2,
        });
        assert.strictEqual(expert.parent!.value, 'technical-dimension');

        const old = code(cb, 'expert');
        assert.strictEqual(old.status, 'deprecated');
        assert.strictEqual(old.name, 'expert', 'name defaults to the id');
        assert.strictEqual(old.kind, 'code');
        assert.deepStrictEqual(old.replacedBy, { value: 'therapist-as-expert', range: at('replaced-by') });
        assert.strictEqual(slice(old.range), `expert:${cb.text.includes('\r') ? '\r\n' : '\n'}    status: deprecated${cb.text.includes('\r') ? '\r\n' : '\n'}    replaced_by: therapist-as-expert`);
        assert.deepStrictEqual([...cb.codes.values()].map((c) => c.order), [0, 1, 2, 3]);
      });
    });

    it('reads memo, guid, single-string lists, block scalars, and ignores x- keys', () => {
      check(
        `
        version: 1
        x-project-notes: anything goes here
        transcripts: "interviews/*.txt"
        codes:
          trust:
            definition: |
              Trust in the therapist,
              in two lines.
            memo: >
              Folded
              memo.
            guid: 3f2504e0-4f89-41d3-9a0c-0305e82c3301
            include: One criterion
            aliases: Confidence
            x-colour-note: we argued about this one
            color: "#A0B1C2"
            kind: code
            status: active
            name: 2020
          expert:
        `,
        (cb) => {
          assert.deepStrictEqual(cb.transcripts, ['interviews/*.txt']);
          const trust = code(cb, 'trust');
          assert.strictEqual(trust.definition, 'Trust in the therapist,\nin two lines.\n');
          assert.strictEqual(trust.memo, 'Folded memo.\n');
          assert.strictEqual(trust.guid, '3f2504e0-4f89-41d3-9a0c-0305e82c3301');
          assert.deepStrictEqual(trust.include, ['One criterion']);
          assert.deepStrictEqual(trust.aliases, ['Confidence']);
          assert.strictEqual(trust.color, '#A0B1C2');
          assert.strictEqual(trust.name, '2020', 'a number is read as written');
          const expert = code(cb, 'expert');
          assert.strictEqual(expert.kind, 'code');
          assert.strictEqual(expert.status, 'active');
          assert.strictEqual(expert.name, 'expert');
          assert.deepStrictEqual([expert.include, expert.exclude, expert.examples, expert.aliases], [[], [], [], []]);
        },
      );
    });

    it('uses the defaults when the optional keys are absent or empty', () => {
      check(
        `
        version: 1
        title:
        language:
        transcripts:
        coders:
        codes:
        `,
        (cb) => {
          assert.strictEqual(cb.title, undefined);
          assert.strictEqual(cb.language, 'en');
          assert.deepStrictEqual(cb.transcripts, DEFAULT_TRANSCRIPT_GLOBS);
          assert.strictEqual(cb.coders, undefined, 'an empty coders: accepts any coder');
          assert.strictEqual(cb.codes.size, 0);
        },
      );
    });

    it('reads a flow-style codebook and positions inside it', () => {
      check(
        `
        {version: 1, language: es, codes: {confianza: {parent: relación}, relación: {kind: category}}}
        #                                  ^^^^^^^^^ @confianza
        #                                                      ^^^^^^^^ @parent
        `,
        (cb, { at }) => {
          assert.strictEqual(cb.language, 'es');
          assert.deepStrictEqual(code(cb, 'confianza').keyRange, at('confianza'));
          assert.deepStrictEqual(code(cb, 'confianza').parent!.range, at('parent'));
          assert.strictEqual(code(cb, 'relación').kind, 'category');
        },
      );
    });
  });

  describe('YAML syntax', () => {
    it('reports YAML errors where the yaml package puts them and reads the rest', () => {
      check(
        `
        version: 1
        codes:
          a:
            name: x: y
        #         ^ error codebook.yaml-syntax "Nested mappings are not allowed"
          b:
            parent: a
            definition: "bad \\q escape"
        #                    ^ error codebook.yaml-syntax {"yamlCode": "BAD_DQ_ESCAPE"}
          c:
            parent: nowhere
        #           ^^^^^^^ error codebook.unknown-parent
        `,
        (cb) => {
          assert.deepStrictEqual([...cb.codes.keys()], ['a', 'b', 'c']);
          assert.strictEqual(code(cb, 'b').parent!.value, 'a');
          assert.strictEqual(code(cb, 'a').name, 'a', 'a broken name is left at its default');
        },
      );
    });

    it('reports a tab used for indentation', () => {
      // YAML then reads `name` as a key of the top level.
      check(
        ['version: 1', 'codes:', '  a:', '\tname: x', '^ error codebook.yaml-syntax "Indent with spaces"', '#^^^^ warning codebook.unknown-key'].join('\n'),
      );
    });

    it('reports a second YAML document and reads the first', () => {
      check(
        `
        version: 1
        codes:
          a:
        ---
        ^^^... error codebook.yaml-syntax "single YAML document"
        codes:
          b:
        `,
        (cb) => assert.deepStrictEqual([...cb.codes.keys()], ['a']),
      );
    });

    it('reports an alias to no anchor, and follows aliases that resolve', () => {
      check(
        `
        version: 1
        codes:
          base: &shared
            kind: category
          a: *shared
          b:
            parent: *nowhere
        #           ^^^^^^^^ error codebook.yaml-syntax "refers to no anchor"
        `,
        (cb) => {
          assert.strictEqual(code(cb, 'a').kind, 'category');
          assert.strictEqual(code(cb, 'b').parent, undefined);
        },
      );
    });

    it('reports a duplicate key at the top level and inside a code, keeping the first', () => {
      check(
        `
        version: 1
        codes:
          a:
            name: First
            name: Second
        #   ^^^^ error codebook.yaml-syntax "Duplicate field 'name' in code 'a'" {"id": "a", "key": "name"}
        codes:
        ^^^^^ error codebook.yaml-syntax "Duplicate key 'codes'" {"key": "codes"}
          b:
        `,
        (cb) => {
          assert.deepStrictEqual([...cb.codes.keys()], ['a']);
          assert.strictEqual(code(cb, 'a').name, 'First');
        },
      );
    });
  });

  describe('the top level', () => {
    it('reports a top level that is a list', () => {
      check(
        `
        - version: 1
        ^^^^^^^^^^^^ error codebook.not-a-map "holds a list"
        - codes: {}
        `,
        (cb) => assert.strictEqual(cb.codes.size, 0),
      );
    });

    it('reports a top level that is plain text', () => {
      check(
        `
        just some words
        ^^^^^^^^^^^^^^^ error codebook.not-a-map "holds text"
        `,
      );
    });

    it('reports an unsupported version', () => {
      check(
        `
        version: 2
        #        ^ error codebook.bad-version "This codebook says version 2, but Axial reads version 1"
        `,
        (cb) => assert.strictEqual(cb.version, 2),
      );
      check(
        `
        version: [1]
        #        ^^^ error codebook.bad-version "must be a number, not a list"
        `,
      );
      check(
        `
        version:
        ^^^^^^^ error codebook.bad-version "The version is empty"
        `,
      );
      check(`version: "1"`, (cb) => assert.strictEqual(cb.version, 1));
      check(`version: 1.0`, (cb) => assert.strictEqual(cb.version, 1));
      check(`title: no version key`, (cb) => assert.strictEqual(cb.version, undefined));
    });

    it('warns about unknown top-level keys, except x- keys', () => {
      check(
        `
        version: 1
        titel: A typo
        ^^^^^ warning codebook.unknown-key "Unknown key 'titel' at the top level of the codebook. Did you mean 'title'?" {"key": "titel", "suggestion": "title"}
        x-anything: fine
        colour-scheme: dark
        ^^^^^^^^^^^^^ warning codebook.unknown-key "Known keys: version, title, language, transcripts, coders, codes, groups."
        `,
        (cb) => {
          const d = cb.diagnostics[0];
          assert.deepStrictEqual(d.data!.known, ['version', 'title', 'language', 'transcripts', 'coders', 'codes', 'groups']);
          assert.strictEqual(cb.title, undefined);
        },
      );
    });

    it('reads transcripts as a string or a list, and reports other shapes', () => {
      check(
        `
        transcripts:
          - interviews/**/*.md
          - 42
          - {glob: x}
        #   ^^^^^^^^^ error codebook.bad-value "Each item of the codebook's transcripts"
        `,
        (cb) => assert.deepStrictEqual(cb.transcripts, ['interviews/**/*.md', '42']),
      );
      check(
        `
        transcripts: {a: b}
        #            ^^^^^^ error codebook.bad-value "must be text or a list of texts, not a map"
        `,
        (cb) => assert.deepStrictEqual(cb.transcripts, DEFAULT_TRANSCRIPT_GLOBS),
      );
    });

    it('reports title and language that are not text', () => {
      check(
        `
        title: [a, b]
        #      ^^^^^^ error codebook.bad-value "The codebook's title must be text, not a list."
        language: {x: 1}
        #         ^^^^^^ error codebook.bad-value
        `,
        (cb) => assert.strictEqual(cb.language, 'en'),
      );
    });

    it('reports codes that are not a map', () => {
      check(
        `
        codes:
          - trust
        # ^^^^^^^ error codebook.bad-value "'codes' must map each code id to its fields, not be a list."
        `,
      );
    });
  });

  describe('coders', () => {
    it('reads coders, reports duplicates on the second key and bad initials', () => {
      check(
        `
        coders:
          CA: Carolina Altimir
          LN:
          CA: Someone Else
        # ^^ error codebook.duplicate-coder "Duplicate coder 'CA'. The first 'CA' (line 2) is used" {"id": "CA"}
          C A: Spaced
        # ^^^ error codebook.invalid-id "'C A' cannot be used as coder initials"
          XY: [not, a, name]
        #     ^^^^^^^^^^^^^^ error codebook.bad-value "The name of coder 'XY' must be text, not a list."
        `,
        (cb) => {
          assert.deepStrictEqual(
            [...cb.coders!.values()].map((c) => [c.id, c.name]),
            [
              ['CA', 'Carolina Altimir'],
              ['LN', 'LN'],
              ['C A', 'Spaced'],
              ['XY', 'XY'],
            ],
          );
        },
      );
    });

    it('reports coders that are not a map', () => {
      check(
        `
        coders: [CA, LN]
        #       ^^^^^^^^ error codebook.bad-value "'coders' must map initials to full names"
        `,
        (cb) => assert.strictEqual(cb.coders, undefined),
      );
    });
  });

  describe('code entries', () => {
    it('reports invalid ids on the key and keeps the code', () => {
      check(
        `
        codes:
          relational trust:
        # ^^^^^^^^^^^^^^^^ error codebook.invalid-id "'relational trust' is not a valid code id." {"id": "relational trust"}
          _private:
        # ^^^^^^^^ error codebook.invalid-id
          "":
        # ^^ error codebook.invalid-id "An empty key is not a valid code id."
          ok.v2_final-3:
          2020:
          [a, b]: {}
        # ^^^^^^ error codebook.collection-key
          child:
            parent: relational trust
        `,
        (cb) => {
          assert.deepStrictEqual([...cb.codes.keys()], ['relational trust', '_private', '', 'ok.v2_final-3', '2020', '[a, b]', 'child']);
        },
      );
    });

    it('accepts Unicode ids, NFC-normalised, with UTF-16 positions after astral characters', () => {
      const decomposed = 'relacio\u0301n';
      check(
        `
        codes:
          confianza:
        # ^^^^^^^^^ @confianza
            parent: relación
          relación:
        # ^^^^^^^^ @relacion
            kind: category
            name: Relación 🤝 terapéutica
          ${decomposed}-nfd:
            parent: ${decomposed}
          信頼:
          😀:
        # ^^ error codebook.invalid-id
          🤝x: {parent: 🙂}
        # ^^^ error codebook.invalid-id
        #               ^^ error codebook.unknown-parent "Unknown parent '🙂'."
        `,
        (cb, { at }) => {
          assert.deepStrictEqual([...cb.codes.keys()], ['confianza', 'relación', 'relación-nfd', '信頼', '😀', '🤝x']);
          assert.deepStrictEqual(code(cb, 'confianza').keyRange, at('confianza'));
          assert.deepStrictEqual(code(cb, 'relación').keyRange, at('relacion'));
          assert.strictEqual(code(cb, 'relación-nfd').parent!.value, 'relación');
          assert.strictEqual(code(cb, 'relación').name, 'Relación 🤝 terapéutica');
        },
      );
    });

    it('reports duplicate codes on the second key and keeps the first', () => {
      check(
        `
        codes:
          trust:
            name: First
          other:
          trust:
        # ^^^^^ error codebook.duplicate-code "Duplicate code 'trust'. The first 'trust' (line 2) is used; this one is ignored." {"id": "trust"}
            name: Second
            kind: nonsense
        `,
        (cb) => {
          assert.deepStrictEqual([...cb.codes.keys()], ['trust', 'other']);
          assert.strictEqual(code(cb, 'trust').name, 'First');
          assert.strictEqual(code(cb, 'other').order, 1);
        },
      );
    });

    it('reports values of the wrong type or outside the allowed values', () => {
      check(
        `
        codes:
          a:
            kind: Category
        #         ^^^^^^^^ error codebook.bad-value "'Category' is not a valid kind. Use 'code' or 'category'." {"key": "kind", "value": "Category", "allowed": ["code", "category"]}
            status: retired
        #           ^^^^^^^ error codebook.bad-value "Use 'active' or 'deprecated'."
            definition: [one, two]
        #               ^^^^^^^^^^ error codebook.bad-value "The definition of code 'a' must be text, not a list."
            name: {first: x}
        #         ^^^^^^^^^^ error codebook.bad-value "not a map"
            include: {a: b}
        #            ^^^^^^ error codebook.bad-value "The include list of code 'a' must be text or a list of texts"
            exclude: [ok, [nested]]
        #                 ^^^^^^^^ error codebook.bad-value "Each item of the exclude list of code 'a' must be text, not a list."
            examples:
              - fine
              - {quote: x}
        #       ^^^^^^^^^^ error codebook.bad-value
            parent: [x]
        #           ^^^ error codebook.bad-value "The parent of code 'a' must be text"
            replaced_by: {x: y}
        #                ^^^^^^ error codebook.bad-value
            memo: [x]
        #         ^^^ error codebook.bad-value
            guid: not-a-uuid
        #         ^^^^^^^^^^ error codebook.bad-value "'not-a-uuid' is not a UUID."
            aliases: true
          b: just text
        #    ^^^^^^^^^ error codebook.bad-value "The code 'b' must be followed by its fields" {"id": "b"}
          c: [x]
        #    ^^^ error codebook.bad-value
        `,
        (cb) => {
          const a = code(cb, 'a');
          assert.strictEqual(a.kind, 'code');
          assert.strictEqual(a.status, 'active');
          assert.strictEqual(a.definition, undefined);
          assert.strictEqual(a.name, 'a');
          assert.deepStrictEqual(a.exclude, ['ok']);
          assert.deepStrictEqual(a.examples.map((e) => e.value), ['fine']);
          assert.deepStrictEqual(a.aliases, ['true']);
          assert.strictEqual(a.guid, undefined);
          assert.ok(cb.codes.has('b') && cb.codes.has('c'), 'codes with broken values are kept with defaults');
        },
      );
    });

    it('keeps the range of every example', () => {
      check(
        `
        codes:
          a:
            examples:
              - knew what she was doing
        #       ^^^^^^^^^^^^^^^^^^^^^^^ @one
              - "it's \\"quoted\\""
        #       ^^^^^^^^^^^^^^^^^ @two
              -
              - 'single'
        #       ^^^^^^^^ @three
          b:
            examples: [x, "y z"]
        #              ^ @four
        #                 ^^^^^ @five
          c:
            examples: only one
        #             ^^^^^^^^ @six
        `,
        (cb, { at }) => {
          assert.deepStrictEqual(code(cb, 'a').examples, [
            { value: 'knew what she was doing', range: at('one') },
            { value: 'it\'s "quoted"', range: at('two') },
            { value: 'single', range: at('three') },
          ]);
          assert.deepStrictEqual(code(cb, 'b').examples, [
            { value: 'x', range: at('four') },
            { value: 'y z', range: at('five') },
          ]);
          assert.deepStrictEqual(code(cb, 'c').examples, [{ value: 'only one', range: at('six') }]);
        },
      );
    });

    it('reports bad colors on the value, and an unquoted color that YAML read as a comment', () => {
      check(
        `
        codes:
          a:
            color: blue
        #          ^^^^ error codebook.bad-color "'blue' is not a color" {"id": "a", "value": "blue"}
          b:
            color: "#abc"
        #          ^^^^^^ error codebook.bad-color
          c:
            color: #4e79a7
        #          ^^^^^^^ error codebook.bad-color "Put the color in quotes: color: \\"#4e79a7\\"."
          d:
            color: # pick one later
          e:
            color: 0x4e79a7
        #          ^^^^^^^^ error codebook.bad-color
        `,
        (cb) => {
          for (const id of ['a', 'b', 'c', 'd', 'e']) assert.strictEqual(code(cb, id).color, undefined);
        },
      );
    });

    it('warns about unknown fields with the known ones for a quick fix', () => {
      check(
        `
        codes:
          a:
            defintion: Typo.
        #   ^^^^^^^^^ warning codebook.unknown-key "Unknown field 'defintion' in code 'a'. Did you mean 'definition'?" {"id": "a", "key": "defintion", "suggestion": "definition"}
            replacedBy: b
        #   ^^^^^^^^^^ warning codebook.unknown-key "Did you mean 'replaced_by'?"
            weight: 3
        #   ^^^^^^ warning codebook.unknown-key "Known fields: kind, parent, name,"
            x-weight: 3
          b:
        `,
        (cb) => {
          const d = cb.diagnostics.find((x) => x.data?.key === 'weight')!;
          assert.deepStrictEqual(d.data!.known, [
            'kind',
            'parent',
            'name',
            'definition',
            'include',
            'exclude',
            'examples',
            'aliases',
            'color',
            'status',
            'replaced_by',
            'memo',
            'guid',
          ]);
          assert.strictEqual(d.data!.suggestion, undefined);
          assert.strictEqual(code(cb, 'a').definition, undefined);
        },
      );
    });
  });

  describe('across entries', () => {
    it('reports an unknown parent on the value', () => {
      check(
        `
        codes:
          technical-dimension:
            kind: category
          therapist-as-expert:
            parent: technical-dimensoin
        #           ^^^^^^^^^^^^^^^^^^^ error codebook.unknown-parent "Unknown parent 'technical-dimensoin'. No code or category has this id. Did you mean 'technical-dimension'?" {"id": "therapist-as-expert", "parent": "technical-dimensoin"}
          other:
            parent: zzz
        #           ^^^ error codebook.unknown-parent "Unknown parent 'zzz'. No code or category has this id."
        `,
      );
    });

    it('reports a parent cycle on every code in it', () => {
      check(
        `
        codes:
          a:
            parent: b
        #           ^ error codebook.parent-cycle "Parent cycle: a → b → a." {"id": "a", "cycle": ["a", "b"]}
          b:
            parent: a
        #           ^ error codebook.parent-cycle "Parent cycle: b → a → b." {"id": "b", "cycle": ["b", "a"]}
          c:
            parent: a
          self:
            parent: self
        #           ^^^^ error codebook.parent-cycle "'self' is its own parent." {"id": "self", "cycle": ["self"]}
          x:
            parent: z
        #           ^ error codebook.parent-cycle {"cycle": ["x", "z", "y"]}
          y:
            parent: x
        #           ^ error codebook.parent-cycle {"cycle": ["y", "x", "z"]}
          z:
            parent: y
        #           ^ error codebook.parent-cycle {"cycle": ["z", "y", "x"]}
        `,
      );
    });

    it('checks replaced_by: missing, itself, a category, a cycle, on an active code', () => {
      check(
        `
        codes:
          good:
          cat:
            kind: category
          fine:
            status: deprecated
            replaced_by: good
          chained:
            status: deprecated
            replaced_by: fine
          missing:
            status: deprecated
            replaced_by: goood
        #                ^^^^^ error codebook.bad-replaced-by "Unknown replacement 'goood'. No code has this id. Did you mean 'good'?" {"id": "missing", "replacedBy": "goood"}
          itself:
            status: deprecated
            replaced_by: itself
        #                ^^^^^^ error codebook.bad-replaced-by "'itself' cannot be replaced by itself."
          to-category:
            status: deprecated
            replaced_by: cat
        #                ^^^ error codebook.bad-replaced-by "'cat' is a category"
          loop-a:
            status: deprecated
            replaced_by: loop-b
        #                ^^^^^^ error codebook.bad-replaced-by "Replacement cycle: loop-a → loop-b → loop-a." {"cycle": ["loop-a", "loop-b"]}
          loop-b:
            status: deprecated
            replaced_by: loop-a
        #                ^^^^^^ error codebook.bad-replaced-by "Replacement cycle: loop-b → loop-a → loop-b."
          still-active:
            replaced_by: good
        #                ^^^^ warning codebook.bad-replaced-by "'still-active' has replaced_by but is not deprecated"
          deprecated-alone:
            status: deprecated
        `,
        (cb) => {
          assert.strictEqual(code(cb, 'fine').replacedBy!.value, 'good');
          assert.strictEqual(code(cb, 'deprecated-alone').replacedBy, undefined);
        },
      );
    });
  });

  describe('hopeless input', () => {
    it('reads an empty file, whitespace, comments and a lone BOM as an empty codebook', () => {
      for (const text of ['', '\n\n', '   ', '# just a comment\n', '\uFEFF', '\uFEFF# c\r\n', '~', '---\n']) {
        const cb = parseCodebook(text);
        assertWellFormed(cb);
        assert.deepStrictEqual(cb.diagnostics, [], JSON.stringify(text));
        assert.strictEqual(cb.codes.size, 0);
        assert.strictEqual(cb.text, text);
        assert.deepStrictEqual(cb.transcripts, DEFAULT_TRANSCRIPT_GLOBS);
      }
    });

    it('reads text that is not YAML at all', () => {
      check(
        `
        {{{ : : ]
        #     ^ error codebook.yaml-syntax "Unexpected : in flow map."
        #       ^ error codebook.yaml-syntax "Flow map must end with a }."
        #       ^ error codebook.yaml-syntax "Flow map in block collection must be sufficiently indented"
        `,
        (cb) => assert.strictEqual(cb.codes.size, 0),
      );
    });

    it('reads random bytes without throwing', () => {
      let seed = 42;
      const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
      for (let round = 0; round < 20; round++) {
        const bytes = Buffer.from(Array.from({ length: 4096 }, random));
        for (const text of [bytes.toString('latin1'), bytes.toString('utf8'), bytes.toString('utf16le')]) {
          const cb = parseCodebook(text);
          assertWellFormed(cb);
          assert.ok(cb.diagnostics.length > 0);
        }
      }
    });

    it('caps the number of YAML errors of a broken file', () => {
      const cb = parseCodebook('a: [\n'.repeat(2000) + ']]]]\n'.repeat(2000));
      assertWellFormed(cb);
      assert.strictEqual(cb.diagnostics.filter((d) => d.data?.yamlCode !== undefined).length, 100);
    });

    it('refuses nesting deep enough to endanger the process, and reads 100 levels', () => {
      const indented = Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
      // Twice each: the second, deeper run is what used to abort Node (V8 regexp tier-up near the stack limit).
      for (const text of ['['.repeat(2000), '['.repeat(2000), '{a: '.repeat(20000), 'codes:\n' + '- '.repeat(5000) + 'x', '? '.repeat(5000), indented]) {
        const cb = parseCodebook(text);
        assertWellFormed(cb);
        assert.strictEqual(cb.diagnostics.length, 1, text.slice(0, 20));
        assert.match(cb.diagnostics[0].message, /nested more than 100 levels deep/);
      }
      check(
        `
        codes: ${'['.repeat(99)}${']'.repeat(99)}
        #      ${'^'.repeat(198)} error codebook.bad-value
        `,
      );
    });

    it('reads a 5 MB codebook in reasonable time', function () {
      this.timeout(60000);
      const parts = ['version: 1\ncodes:\n'];
      let size = parts[0].length;
      let n = 0;
      while (size < 5_000_000) {
        const entry = `  code-${n}:\n    parent: code-${n === 0 ? 0 : n - 1}\n    name: Code number ${n}\n    definition: What code ${n} means, in a sentence or two.\n`;
        parts.push(entry);
        size += entry.length;
        n++;
      }
      const text = parts.join('');
      const started = Date.now();
      const cb = parseCodebook(text);
      const elapsed = Date.now() - started;
      assert.strictEqual(cb.codes.size, n);
      // code-0 is its own parent; nothing else is wrong.
      assert.deepStrictEqual(
        cb.diagnostics.map((d) => d.code),
        ['codebook.parent-cycle'],
      );
      assert.strictEqual(parentChain(cb, `code-${n - 1}`).length, n - 1);
      assert.strictEqual(childrenOf(cb, undefined).length, 1);
      assert.ok(elapsed < 30000, `took ${elapsed} ms`);
      // And 5 MB of noise.
      const noise = parseCodebook('{[: -\t"\'&*!|>%@`'.repeat(320_000));
      assertWellFormed(noise);
    });

    it('reads a long parent cycle in linear time', function () {
      this.timeout(60000);
      const n = 20000;
      const lines = ['codes:'];
      for (let i = 0; i < n; i++) lines.push(`  c${i}: {parent: c${(i + 1) % n}}`);
      const cb = parseCodebook(lines.join('\n'));
      const cycles = cb.diagnostics.filter((d) => d.code === 'codebook.parent-cycle');
      assert.strictEqual(cycles.length, n);
      assert.ok(cycles[0].message.length < 300);
      assert.deepStrictEqual(childrenOf(cb, undefined).length, n, 'cycle members are roots of the tree');
    });
  });

  describe('line endings and BOM', () => {
    it('gives the same diagnostics with CRLF, ranges on the same columns, and no \\r inside ranges', () => {
      const cb = check(
        `
        version: 1
        codes:
          a:
            parent: missing
        #           ^^^^^^^ error codebook.unknown-parent
          b:
            name: B
        `,
        (cb, { variant, slice }) => {
          const b = code(cb, 'b');
          assert.ok(!slice(b.range).endsWith('\r'));
          assert.strictEqual(slice(b.range).replace(/\r/g, ''), 'b:\n    name: B');
          if (variant === 'CRLF') assert.ok(cb.text.includes('\r\n'));
        },
      );
      assert.strictEqual(cb.codes.size, 2);
    });

    it('ignores a leading BOM but keeps offsets into the text as given', () => {
      const text = '\uFEFFversion: 1\ncodes:\n  a:\n';
      const cb = parseCodebook(text);
      assert.deepStrictEqual(cb.diagnostics, []);
      assert.strictEqual(cb.version, 1);
      assert.strictEqual(cb.text, text);
      assert.strictEqual(text.slice(code(cb, 'a').keyRange.start, code(cb, 'a').keyRange.end), 'a');
    });
  });

  describe('properties', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: fc.constantFrom(...'abc: -#\n\r\t{}[]"\'&*!|>?,%@`\\~\uFEFF😀é'.split('')), maxLength: 300 }),
    );

    it('never throws and keeps every range inside the text, for any string', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          assertWellFormed(parseCodebook(text));
        }),
        { numRuns: 1500 },
      );
    });

    const valid = dedent(FORMAT_EXAMPLE)
      .split('\n')
      .filter((l) => !/^#? *\^+ @/.test(l))
      .join('\n');
    const pieces = ['\n', '\r\n', ':', ': ', '- ', '#', '"', "'", '[', ']', '{', '}', '  ', '\t', 'parent: meeting', 'parent: expert', 'replaced_by: meeting', '&a ', '*a', '? ', '|', '---', 'kind: category', 'x', 'é', '😀', '\uFEFF', 'codes:', '  expert:'];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...pieces) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
    );

    function mutate(text: string, m: { kind: string; at: number; piece?: string; length?: number; by?: number }): string {
      const at = m.at % (text.length + 1);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      let lineEnd = text.indexOf('\n', at);
      if (lineEnd === -1) lineEnd = text.length;
      switch (m.kind) {
        case 'insert':
          return text.slice(0, at) + m.piece + text.slice(at);
        case 'delete':
          return text.slice(0, at) + text.slice(at + m.length!);
        case 'duplicate-line':
          return text.slice(0, lineEnd) + '\n' + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
        default:
          return m.by! > 0
            ? text.slice(0, lineStart) + ' '.repeat(m.by!) + text.slice(lineStart)
            : text.slice(0, lineStart) + text.slice(lineStart).replace(new RegExp(`^ {0,${-m.by!}}`), '');
      }
    }

    it('never throws and keeps every range inside the text, for mutated valid codebooks', () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.boolean(), (mutations, crlf) => {
          let text = crlf ? valid.replace(/\n/g, '\r\n') : valid;
          for (const m of mutations) text = mutate(text, m);
          const cb = parseCodebook(text);
          assertWellFormed(cb);
          // The tree helpers stay safe on whatever came out.
          for (const c of cb.codes.values()) {
            parentChain(cb, c.id);
            childrenOf(cb, c.id);
          }
          const all = childrenOf(cb, undefined);
          let count = 0;
          const walk = (list: Code[]) => {
            for (const c of list) {
              count++;
              walk(childrenOf(cb, c.id));
            }
          };
          walk(all);
          assert.strictEqual(count, cb.codes.size, 'every code appears exactly once in the tree');
        }),
        { numRuns: 1500 },
      );
    });
  });
});

describe('codebook: hierarchy', () => {
  const cb = parseCodebook(
    [
      'codes:',
      '  meeting: {kind: category}',
      '  technical: {kind: category, parent: meeting}',
      '  expert: {parent: technical, aliases: [Expertise, competence]}',
      '  warmth: {parent: meeting, aliases: [expert]}',
      '  orphan: {parent: nowhere}',
      '  loop-a: {parent: loop-b}',
      '  loop-b: {parent: loop-a}',
      '  into-loop: {parent: loop-a}',
      '  relación: {aliases: [Vínculo]}',
    ].join('\n'),
  );
  const ids = (codes: Code[]) => codes.map((c) => c.id);

  it('lists the parent chain, nearest first', () => {
    assert.deepStrictEqual(ids(parentChain(cb, 'expert')), ['technical', 'meeting']);
    assert.deepStrictEqual(ids(parentChain(cb, 'meeting')), []);
    assert.deepStrictEqual(ids(parentChain(cb, 'orphan')), []);
    assert.deepStrictEqual(ids(parentChain(cb, 'unknown-id')), []);
  });

  it('stops the parent chain on cycles', () => {
    assert.deepStrictEqual(ids(parentChain(cb, 'loop-a')), ['loop-b']);
    assert.deepStrictEqual(ids(parentChain(cb, 'into-loop')), ['loop-a', 'loop-b']);
    const self = parseCodebook('codes:\n  s: {parent: s}\n');
    assert.deepStrictEqual(ids(parentChain(self, 's')), []);
  });

  it('lists children in file order, roots for undefined', () => {
    assert.deepStrictEqual(ids(childrenOf(cb, undefined)), ['meeting', 'orphan', 'loop-a', 'loop-b', 'relación']);
    assert.deepStrictEqual(ids(childrenOf(cb, 'meeting')), ['technical', 'warmth']);
    assert.deepStrictEqual(ids(childrenOf(cb, 'technical')), ['expert']);
    assert.deepStrictEqual(ids(childrenOf(cb, 'loop-a')), ['into-loop']);
    assert.deepStrictEqual(ids(childrenOf(cb, 'expert')), []);
    assert.deepStrictEqual(ids(childrenOf(cb, 'nowhere')), []);
  });

  it('resolves ids first, then aliases without regard to case', () => {
    assert.strictEqual(resolveCode(cb, 'expert')?.id, 'expert', 'an id wins over an alias of another code');
    assert.strictEqual(resolveCode(cb, 'expertise')?.id, 'expert');
    assert.strictEqual(resolveCode(cb, 'COMPETENCE')?.id, 'expert');
    assert.strictEqual(resolveCode(cb, 'vínculo')?.id, 'relación');
    assert.strictEqual(resolveCode(cb, 'relacio\u0301n')?.id, 'relación');
    assert.strictEqual(resolveCode(cb, 'Expert')?.id, 'warmth', 'ids are case-sensitive; this is the alias of warmth');
    assert.strictEqual(resolveCode(cb, 'MEETING'), undefined, 'ids are case-sensitive');
    assert.strictEqual(resolveCode(cb, 'nothing'), undefined);
  });
});
