import * as assert from 'node:assert/strict';
import { applyEdits, parseCodebook } from '../../../core';
import { addCodeEdit, addCoderEdit, removeCodeEdit, removeFieldEdit, setFieldsEdits, yamlText } from '../../../core/refactor/codebookEdits';
import type { TextEdit } from '../../../core/edits/types';

/**
 * Minimal edits to codebook.yaml, data-driven: the file before, the edit, the
 * exact file after. Comments, blank lines, quoting and line ends stay as written.
 */

interface Case {
  name: string;
  before: string;
  edit: (cb: ReturnType<typeof parseCodebook>) => TextEdit | TextEdit[] | undefined;
  /** The exact text after, or undefined when the edit must be refused. */
  after: string | undefined;
}

const code = (cb: ReturnType<typeof parseCodebook>, id: string) => cb.codes.get(id)!;

const BASE = `version: 1
coders:
  CA: Carolina Altimir   # PI
codes:
  meeting:   # the core category
    kind: category
    name: The meeting

  trust:
    name: Trust
    # color: "#4e79a7"
    include:
      - feels safe
    # more criteria to come

# notes for the team
`;

const cases: Case[] = [
  {
    name: 'add a code after the last entry, before the blank line and the trailing comment',
    before: BASE,
    edit: (cb) => addCodeEdit(cb, { id: 'hope' }),
    after: BASE.replace('    # more criteria to come\n', '    # more criteria to come\n  hope:\n'),
  },
  {
    name: 'add a code with fields, in FORMAT order, quoting text YAML would misread',
    before: BASE,
    edit: (cb) => addCodeEdit(cb, { id: 'hope', definition: 'Looking forward: the future', name: 'Hope', parent: 'meeting' }),
    after: BASE.replace(
      '    # more criteria to come\n',
      '    # more criteria to come\n  hope:\n    parent: meeting\n    name: Hope\n    definition: "Looking forward: the future"\n',
    ),
  },
  {
    name: 'add a code keeps CRLF',
    before: BASE.replace(/\n/g, '\r\n'),
    edit: (cb) => addCodeEdit(cb, { id: 'hope', kind: 'category' }),
    after: BASE.replace('    # more criteria to come\n', '    # more criteria to come\n  hope:\n    kind: category\n').replace(/\n/g, '\r\n'),
  },
  {
    name: 'add a code to a file with no final line end',
    before: 'codes:\n  a:\n    name: A',
    edit: (cb) => addCodeEdit(cb, { id: 'b' }),
    after: 'codes:\n  a:\n    name: A\n  b:',
  },
  {
    name: 'add a code at the indentation the file uses',
    before: 'codes:\n    a:\n        name: A\n',
    edit: (cb) => addCodeEdit(cb, { id: 'b', name: 'B' }),
    after: 'codes:\n    a:\n        name: A\n    b:\n        name: B\n',
  },
  {
    name: 'add a code to an empty codes:',
    before: 'version: 1\ncodes:   # none yet\ncoders:\n  CA: x\n',
    edit: (cb) => addCodeEdit(cb, { id: 'a' }),
    after: 'version: 1\ncodes:   # none yet\n  a:\ncoders:\n  CA: x\n',
  },
  {
    name: 'add a code to codes: {}',
    before: 'codes: {}\n',
    edit: (cb) => addCodeEdit(cb, { id: 'a' }),
    after: 'codes:\n  a:\n',
  },
  {
    name: 'add a code to a codebook without codes:',
    before: 'version: 1\r\ntitle: T',
    edit: (cb) => addCodeEdit(cb, { id: 'a' }),
    after: 'version: 1\r\ntitle: T\r\ncodes:\r\n  a:\r\n',
  },
  {
    name: 'add a code to a flow map of codes',
    before: 'codes: {a: {name: A}, b: {} }\n',
    edit: (cb) => addCodeEdit(cb, { id: 'c', kind: 'category' }),
    after: 'codes: {a: {name: A}, b: {}, c: {kind: category} }\n',
  },
  {
    name: "a code named null is written so YAML keeps it as text",
    before: 'codes:\n  a:\n',
    edit: (cb) => addCodeEdit(cb, { id: 'null', parent: 'null' }),
    after: 'codes:\n  a:\n  "null":\n    parent: "null"\n',
  },
  {
    name: 'add a coder after the last one (a comment on its line stays)',
    before: BASE,
    edit: (cb) => addCoderEdit(cb, 'LN'),
    after: BASE.replace('  CA: Carolina Altimir   # PI\n', '  CA: Carolina Altimir   # PI\n  LN: LN\n'),
  },
  {
    name: 'add a coder to a flow map of coders',
    before: 'coders: {CA: "Carolina, A."}\ncodes: {}\n',
    edit: (cb) => addCoderEdit(cb, 'LN', 'Lucía Núñez'),
    after: 'coders: {CA: "Carolina, A.", LN: Lucía Núñez}\ncodes: {}\n',
  },
  {
    name: 'no coders declared: nothing to add (every coder is accepted)',
    before: 'codes:\n  a:\n',
    edit: (cb) => addCoderEdit(cb, 'LN'),
    after: undefined,
  },
  {
    name: 'set fields: an existing value is replaced in place, its comment kept',
    before: 'codes:\n  a:\n    status: active   # for now\n    name: A\n',
    edit: (cb) => setFieldsEdits(cb, code(cb, 'a'), [['status', 'deprecated']]),
    after: 'codes:\n  a:\n    status: deprecated   # for now\n    name: A\n',
  },
  {
    name: 'set fields: new fields go where FORMAT lists them, after the fields before them',
    before: BASE,
    edit: (cb) => setFieldsEdits(cb, code(cb, 'trust'), [['replaced_by', 'hope'], ['status', 'deprecated'], ['parent', 'meeting']]),
    after: BASE.replace('  trust:\n    name: Trust\n', '  trust:\n    parent: meeting\n    name: Trust\n').replace(
      '      - feels safe\n',
      '      - feels safe\n    status: deprecated\n    replaced_by: hope\n',
    ),
  },
  {
    name: 'set fields after kind',
    before: BASE,
    edit: (cb) => setFieldsEdits(cb, code(cb, 'meeting'), [['parent', 'x']]),
    after: BASE.replace('    kind: category\n', '    kind: category\n    parent: x\n'),
  },
  {
    name: 'set fields on an empty entry',
    before: 'codes:\n  a:   # later\n  b:\n',
    edit: (cb) => setFieldsEdits(cb, code(cb, 'a'), [['parent', 'b']]),
    after: 'codes:\n  a:   # later\n    parent: b\n  b:\n',
  },
  {
    name: 'set fields on the last line of a file without a final line end',
    before: 'codes:\r\n  a:',
    edit: (cb) => setFieldsEdits(cb, code(cb, 'a'), [['status', 'deprecated'], ['replaced_by', 'b']]),
    after: 'codes:\r\n  a:\r\n    status: deprecated\r\n    replaced_by: b',
  },
  {
    name: 'set fields on a flow entry',
    before: 'codes:\n  a: {name: A}\n  b: {}\n',
    edit: (cb) => [...setFieldsEdits(cb, code(cb, 'a'), [['parent', 'b']])!, ...setFieldsEdits(cb, code(cb, 'b'), [['kind', 'category']])!],
    after: 'codes:\n  a: {name: A, parent: b}\n  b: {kind: category}\n',
  },
  {
    name: 'set fields on an entry written as ~',
    before: 'codes:\n  a: ~\n',
    edit: (cb) => setFieldsEdits(cb, code(cb, 'a'), [['parent', 'b']]),
    after: 'codes:\n  a: {parent: b}\n',
  },
  {
    name: 'set a field that is present but empty',
    before: 'codes:\n  a:\n    parent:\n    name: A\n',
    edit: (cb) => setFieldsEdits(cb, code(cb, 'a'), [['parent', 'b']]),
    after: 'codes:\n  a:\n    parent: b\n    name: A\n',
  },
  {
    name: 'set a quoted value keeps the quotes',
    before: "codes:\n  a:\n    parent: 'x'\n",
    edit: (cb) => setFieldsEdits(cb, code(cb, 'a'), [['parent', 'b']]),
    after: "codes:\n  a:\n    parent: 'b'\n",
  },
  {
    name: 'remove a field: its line and its comment go, the rest stays',
    before: 'codes:\n  a:\n    name: A\n    parent: b   # why\n    color: "#000000"\n',
    edit: (cb) => removeFieldEdit(cb, code(cb, 'a'), 'parent'),
    after: 'codes:\n  a:\n    name: A\n    color: "#000000"\n',
  },
  {
    name: 'remove a field with continuation lines',
    before: 'codes:\n  a:\n    include:\n      - one\n      - two\n    name: A\n',
    edit: (cb) => removeFieldEdit(cb, code(cb, 'a'), 'include'),
    after: 'codes:\n  a:\n    name: A\n',
  },
  {
    name: 'remove the last field of a file without a final line end',
    before: 'codes:\n  a:\n    name: A\n    parent: b',
    edit: (cb) => removeFieldEdit(cb, code(cb, 'a'), 'parent'),
    after: 'codes:\n  a:\n    name: A',
  },
  {
    name: 'remove a field from a flow entry',
    before: 'codes:\n  a: {parent: b, name: A}\n  c: {name: C, parent: b}\n  d: {parent: b}\n',
    edit: (cb) => ['a', 'c', 'd'].map((id) => removeFieldEdit(cb, code(cb, id), 'parent')!),
    after: 'codes:\n  a: {name: A}\n  c: {name: C}\n  d: {}\n',
  },
  {
    name: 'remove a code: its lines, not the blank line or comment after it',
    before: BASE,
    edit: (cb) => removeCodeEdit(cb, code(cb, 'meeting')),
    after: BASE.replace('  meeting:   # the core category\n    kind: category\n    name: The meeting\n', ''),
  },
  {
    name: 'remove the last code with its trailing comment lines',
    before: BASE,
    edit: (cb) => removeCodeEdit(cb, code(cb, 'trust')),
    after: BASE.replace(/  trust:\n[^]*# more criteria to come\n/, ''),
  },
  {
    name: 'remove a code from a flow map of codes is refused',
    before: 'codes: {a: {}, b: {}}\n',
    edit: (cb) => removeCodeEdit(cb, code(cb, 'a')),
    after: undefined,
  },
];

describe('codebook edits', () => {
  for (const c of cases) {
    it(c.name, () => {
      const cb = parseCodebook(c.before);
      const e = c.edit(cb);
      if (c.after === undefined) {
        assert.equal(e, undefined);
        return;
      }
      assert.ok(e, 'no edit');
      const after = applyEdits(c.before, Array.isArray(e) ? e : [e]);
      assert.equal(after, c.after);
      // The result is still a codebook Axial reads without YAML errors.
      assert.deepEqual(parseCodebook(after).diagnostics.filter((d) => d.code === 'codebook.yaml-syntax'), []);
    });
  }

  it('writes free text plain when YAML reads it back the same, quoted otherwise', () => {
    const cases: [string, string][] = [
      ['Trust', 'Trust'],
      ['The patient feels safe.', 'The patient feels safe.'],
      ['Relación terapéutica', 'Relación terapéutica'],
      ['a: b', '"a: b"'],
      ['see #3', '"see #3"'],
      ['- item', '"- item"'],
      ['2020', '"2020"'],
      ['true', '"true"'],
      ['null', '"null"'],
      [' padded', '" padded"'],
      ['line\nbreak', '"line\\nbreak"'],
      ["it's", "it's"],
      ['"quoted"', '"\\"quoted\\""'],
    ];
    for (const [text, yaml] of cases) {
      assert.equal(yamlText(text), yaml, text);
      const cb = parseCodebook(`codes:\n  a:\n    name: ${yamlText(text)}\n`);
      assert.equal(cb.codes.get('a')!.name, text, `${text} reads back`);
    }
  });
});
