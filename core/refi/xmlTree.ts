/**
 * A small element tree from XML text, for reading REFI-QDA files. The parsing
 * is saxes' (a strict, maintained XML parser: well-formedness errors, entities and
 * character references, CDATA), or, for a document that is surely well-formed,
 * saxen's through fastXml.ts (the same tree, four times as fast); this file
 * only keeps what the importer reads.
 * Namespace prefixes are dropped from element and attribute names, since tools
 * write the REFI-QDA namespace with or without a prefix.
 */
import { SaxesParser } from 'saxes';
import { fastParseXml } from './fastXml';

import type { XmlElement } from './xmlElement';

export type { XmlElement };

/** The root element, or why the text is not well-formed XML (with line and column). */
export type XmlParse = { ok: true; root: XmlElement } | { ok: false; error: string };

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Parses `xml`; never throws. A well-formed document is read the fast way
 * (fastXml.ts); saxes reads whatever that is not sure of, and names the fault
 * of a document that is not well-formed.
 */
export function parseXml(xml: string): XmlParse {
  const fast = fastParseXml(xml.replace(/^\uFEFF/, ''));
  return fast ? { ok: true, root: fast } : saxesParseXml(xml);
}

/** Parses `xml` with saxes, the strict reader; never throws. */
export function saxesParseXml(xml: string): XmlParse {
  // Positions cost about a sixth of the parse, and give the line and column a researcher needs to find a fault.
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.on('opentag', (tag) => {
    // saxes gives each tag a fresh attribute object: keep it unless a name has a prefix to drop.
    const given = tag.attributes as Record<string, string>;
    let attrs = given;
    for (const k in given) {
      if (!k.includes(':')) continue;
      attrs = {};
      for (const k2 in given) attrs[k2.includes(':') ? localName(k2) : k2] = given[k2];
      break;
    }
    const el: XmlElement = { name: tag.name.includes(':') ? localName(tag.name) : tag.name, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    if (stack.length) stack[stack.length - 1].text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch (e) {
    error ??= e instanceof Error ? e.message : String(e);
  }
  if (error !== undefined) return { ok: false, error: error.split('\n')[0] };
  if (!root) return { ok: false, error: 'no root element' };
  return { ok: true, root };
}

/** The child elements of `el` named `name`. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The first child element of `el` named `name`. */
export function childNamed(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}
