/**
 * A small strict XML reader for the picture tests, on `sax` (in node_modules through
 * @vscode/vsce's xml2js): parses a document into a tree of elements and throws on
 * anything that is not well-formed XML.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sax = require('sax') as {
  parser(strict: boolean, opts: { xmlns?: boolean; position?: boolean }): {
    onerror: (e: Error) => void;
    onopentag: (t: { name: string; attributes: Record<string, string | { value: string }> }) => void;
    onclosetag: () => void;
    ontext: (t: string) => void;
    write(s: string): { close(): void };
  };
};

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  parent?: XmlElement;
  /** Text directly inside this element. */
  text: string;
}

export function parseXml(source: string): XmlElement {
  const parser = sax.parser(true, {});
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  let cur = root;
  let error: Error | undefined;
  parser.onerror = (e) => {
    error ??= e;
    throw e;
  };
  parser.onopentag = (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(t.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    const el: XmlElement = { name: t.name, attrs, children: [], parent: cur, text: '' };
    cur.children.push(el);
    cur = el;
  };
  parser.onclosetag = () => {
    cur = cur.parent ?? root;
  };
  parser.ontext = (t) => {
    cur.text += t;
  };
  parser.write(source).close();
  if (error) throw error;
  if (root.children.length !== 1) throw new Error(`expected one root element, found ${root.children.length}`);
  return root.children[0];
}

/** Every element under `el` (itself included), depth first. */
export function all(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(all)];
}

/** All text inside `el`, its descendants' included, except <title>. */
export function textOf(el: XmlElement): string[] {
  return all(el)
    .filter((e) => e.name === 'text' || e.name === 'tspan')
    .map((e) => e.text);
}
