/**
 * The fast XML reading (core/refi/fastXml.ts) against saxes, the strict reader:
 * wherever the fast way answers, its tree is the one saxes builds; on every
 * document saxes refuses, the fast way does not answer (so parseXml falls back
 * to saxes and names the fault); and on the documents a REFI-QDA export holds,
 * it does answer (otherwise it would be no faster).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fastParseXml } from '../../../core/refi/fastXml';
import { parseXml, saxesParseXml, type XmlElement } from '../../../core/refi/xmlTree';

/** A tree as plain data (saxes gives attribute objects without a prototype, saxen plain ones). */
function plain(el: XmlElement): unknown {
  return { name: el.name, attrs: Object.entries(el.attrs).sort(), text: el.text, children: el.children.map(plain) };
}

function sameAsSaxes(xml: string): void {
  const fast = fastParseXml(xml);
  const strict = saxesParseXml(xml);
  if (fast === undefined) return;
  assert.ok(strict.ok, `the fast way read what saxes refuses: ${JSON.stringify(xml)} (${!strict.ok && strict.error})`);
  assert.deepEqual(plain(fast), plain(strict.root), JSON.stringify(xml));
}

describe('fast XML reading', () => {
  it('reads a REFI-QDA project as saxes does: prefixes, references, white space in attributes, CDATA, CRLF', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\r\n<!-- made by a tool -->\r\n<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" qda:name="A &amp; B" origin=\'x\'>\r\n' +
      '  <Sources><TextSource guid="1" name="line one&#xA;line&#x9;two&#10;" other="tab\there\nand&#xD;cr">\r\n' +
      '    <PlainTextContent>Caf\u00e9 &lt;b&gt; &#x1F600; &quot;q&quot; &apos;a&apos;\r\nnext\rline</PlainTextContent>\r\n' +
      '    <Description><![CDATA[raw <tags> & ]] stay]]></Description>\r\n' +
      '  </TextSource></Sources>\r\n</qda:Project>\r\n';
    const fast = fastParseXml(xml);
    assert.ok(fast, 'answered');
    sameAsSaxes(xml);
    assert.equal(fast.name, 'Project');
    assert.equal(fast.attrs.name, 'A & B');
    const ts = fast.children[0].children[0];
    assert.equal(ts.attrs.name, 'line one\nline\ttwo\n');
    assert.equal(ts.attrs.other, 'tab here and\rcr', 'raw white space in an attribute is a space; references stay');
    assert.equal(ts.children[0].text, 'Caf\u00e9 <b> \u{1F600} "q" \'a\'\nnext\nline');
    assert.equal(ts.children[1].text, 'raw <tags> & ]] stay');
  });

  const refused = [
    '<Project><Sources></Project>',
    '<a x="1" x="2"/>',
    '<a>&bogus;</a>',
    '<a>x & y</a>',
    '<a b="<"/>',
    '<a b="&nbsp;"/>',
    '<a>',
    '<a></a><b/>',
    '<a/>trailing',
    'leading<a/>',
    'text',
    '',
    '<a b=1/>',
    '<a b="1"c="2"/>',
    '<a>&#0;</a>',
    '<a b="&#xFFFF;"/>',
    '<a>\u0001</a>',
    '<a>]]></a>',
    '<a><!-- x -- y --></a>',
    '<?xml version="2.0"?><a/>',
    ' <?xml version="1.0"?><a/>',
    '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    '<a></a><!-- after --><b/>',
    '<a></b>',
  ];
  for (const xml of refused) {
    it(`does not answer where saxes refuses: ${JSON.stringify(xml)}`, () => {
      assert.equal(saxesParseXml(xml).ok, false, 'saxes refuses it');
      assert.equal(fastParseXml(xml), undefined);
      const r = parseXml(xml);
      assert.ok(!r.ok && r.error.length > 0, 'parseXml names the fault');
    });
  }

  it('matches saxes on generated documents of XML pieces, well-formed or not', () => {
    const name = fc.constantFrom('a', 'B', 'qda:C', 'Text.Source', 'x-y_z');
    const chars = fc.constantFrom('x', ' ', '\n', '\r\n', '\t', '&amp;', '&lt;', '&#x1F600;', '&#10;', '&', '<', '>', '"', "'", ']]>', 'é', '\u{1F642}', '&#0;', '&foo;', '\u0002');
    const textOf = fc.array(chars, { maxLength: 6 }).map((a) => a.join(''));
    const attr = fc.tuple(fc.constantFrom('guid', 'name', 'qda:name', 'x'), textOf, fc.constantFrom('"', "'")).map(([k, v, q]) => ` ${k}=${q}${v}${q}`);
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc
        .tuple(name, fc.array(attr, { maxLength: 3 }), depth <= 1 ? fc.constant([] as string[]) : fc.array(fc.oneof(textOf, element(depth - 1), fc.constant('<![CDATA[a<b]]>'), fc.constant('<!-- c -->')), { maxLength: 4 }), fc.boolean())
        .map(([n, attrs, kids, empty]) => (empty && kids.length === 0 ? `<${n}${attrs.join('')}/>` : `<${n}${attrs.join('')}>${kids.join('')}</${n}>`)),
    );
    fc.assert(
      fc.property(fc.constantFrom('', '<?xml version="1.0"?>\n'), element(4), fc.constantFrom('', '\n', ' x'), (head, body, tail) => sameAsSaxes(head + body + tail)),
      { numRuns: 600 },
    );
  });
});
