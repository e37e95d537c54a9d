/**
 * The fast way to read a well-formed REFI-QDA document: saxen (a maintained XML
 * parser that finds tags with `indexOf` instead of a character-by-character
 * state machine, about four times saxes' speed on a 110 MB project XML) with
 * the character and entity checks saxen leaves out done here. It answers only
 * when it is sure the document is well-formed and that its tree is the one
 * saxes would build; on anything else (a saxen error or warning, an unknown
 * entity, `<` in an attribute, a forbidden character, a DOCTYPE, a second root)
 * it gives up and xmlTree.ts asks saxes, which names the fault with its line
 * and column. So a document is never accepted or read differently for being
 * read fast.
 */
import { Parser } from 'saxen';
import type { XmlElement } from './xmlElement';

/** Characters XML 1.0 forbids anywhere in a document (saxes refuses them). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** References XML predefines, and character references. */
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The XML declaration as saxes accepts it, when the document starts with one. */
const DECLARATION = /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1([ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(yes|no)\5)?[ \t\n]*\?>/;

/** Thrown inside the handlers to stop at the first doubt. */
class Unsure extends Error {}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Whether a code point is a character XML 1.0 allows. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Replaces references; any other `&` (an entity saxes would refuse) or a reference to a forbidden character is a doubt. */
function decode(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  let checked = 0;
  const out = raw.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined, at: number) => {
    if (raw.slice(checked, at).includes('&')) throw new Unsure();
    checked = at + whole.length;
    if (name !== undefined) return PREDEFINED[name];
    const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec!, 10);
    if (!isXmlChar(cp)) throw new Unsure();
    return String.fromCodePoint(cp);
  });
  if (raw.slice(checked).includes('&')) throw new Unsure();
  return out;
}

/** An attribute value as the XML spec reads it: raw white space becomes a space, then references are replaced. */
function attributeValue(raw: string): string {
  if (raw.indexOf('&') < 0 && raw.indexOf('<') < 0 && raw.indexOf('\n') < 0 && raw.indexOf('\t') < 0) return raw;
  if (raw.includes('<')) throw new Unsure();
  return decode(raw.replace(/[\t\n]/g, ' '));
}

/** Text content as the XML spec reads it: references replaced; `]]>` is not allowed. */
function textValue(raw: string): string {
  if (raw.indexOf('&') < 0 && raw.indexOf(']]>') < 0) return raw;
  if (raw.includes(']]>')) throw new Unsure();
  return decode(raw);
}

/**
 * The document's root element, as xmlTree.ts's saxes reading builds it
 * (namespace prefixes dropped), or undefined when the fast way is not sure.
 * `text` has no BOM.
 */
export function fastParseXml(text: string): XmlElement | undefined {
  // One scan of the whole text (a regular expression over 100 MB takes some 60 ms) rather than one per value.
  if (FORBIDDEN.test(text)) return undefined;
  // End-of-line handling comes before parsing in XML: every CRLF or CR is read as LF.
  const xml = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const start = xml.search(/\S/);
  // Text before the first tag is never seen by saxen's handlers: only white space may stand there.
  if (start < 0 || xml[start] !== '<') return undefined;
  let declaration = xml.startsWith('<?xml');
  if (declaration && !DECLARATION.test(xml)) return undefined;
  const parser = new Parser({ proxy: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let closed = false;
  const unsure = () => {
    throw new Unsure();
  };
  parser.on('error', unsure);
  parser.on('warn', unsure);
  parser.on('attention', unsure);
  parser.on('question', () => {
    // Only the declaration, at the very start (checked above); other processing instructions go to saxes.
    if (!declaration || root !== undefined) throw new Unsure();
    declaration = false;
  });
  parser.on('comment', (c) => {
    // After the root, saxen's handlers would not see text around a comment: let saxes judge.
    if (closed || c.includes('--') || c.endsWith('-')) throw new Unsure();
  });
  parser.on('openTag', (name, getAttrs, _d, selfClosing) => {
    if (closed) throw new Unsure();
    const raw = getAttrs();
    let attrs: Record<string, string> = raw;
    for (const k in raw) {
      if (k.includes(':')) {
        attrs = {};
        break;
      }
    }
    if (attrs !== raw) for (const k in raw) attrs[localName(k)] = attributeValue(raw[k]);
    else for (const k in raw) raw[k] = attributeValue(raw[k]);
    const el: XmlElement = { name: name.includes(':') ? localName(name) : name, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    if (selfClosing) {
      if (stack.length === 0) closed = true;
    } else stack.push(el);
  });
  parser.on('closeTag', (_name, _d, selfClosing) => {
    if (selfClosing) return;
    stack.pop();
    if (stack.length === 0) closed = true;
  });
  parser.on('text', (raw) => {
    if (stack.length === 0) {
      if (raw.trim() !== '') throw new Unsure();
      return;
    }
    stack[stack.length - 1].text += textValue(raw);
  });
  parser.on('cdata', (data) => {
    if (stack.length === 0) throw new Unsure();
    stack[stack.length - 1].text += data;
  });
  try {
    const err = parser.parse(xml);
    if (err) return undefined;
  } catch {
    // Unsure, or saxen tripped: saxes decides.
    return undefined;
  }
  return root !== undefined && closed && stack.length === 0 ? root : undefined;
}
