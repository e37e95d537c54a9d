/**
 * A small streaming XML writer for REFI-QDA documents. A DOM builder
 * (xmlbuilder2, tried first) took about 50 s to write the project XML of 1,000
 * transcripts; writing the text directly, in document order, takes a fraction
 * of that. Output: an XML declaration, two-space indentation, empty elements as
 * `<X/>`, text elements on one line, attributes in the order given.
 */

/** Attributes in the order they are written; undefined values are left out. */
export type Attributes = Record<string, string | undefined>;

/** Escapes an attribute value: markup characters, and tab and line ends so a reader gets them back. */
function attr(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESCAPES[c]);
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' };

/** Escapes element content (`>` too, so `]]>` never appears). */
function content(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

/** Writes one XML document, element by element, in document order. */
export class XmlWriter {
  private parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  /** Finished stretches of the document: joining every few thousand parts keeps the garbage collector's work small. */
  private readonly chunks: string[] = [];
  private readonly stack: string[] = [];
  /** True while the last opened element's start tag still lacks its `>` (it may yet be empty). */
  private pending = false;

  /** Opens an element; its children follow until `close()`. */
  open(name: string, attrs: Attributes = {}): this {
    this.startTag(name, attrs);
    this.stack.push(name);
    this.pending = true;
    return this;
  }

  /** Writes an element with no content. */
  empty(name: string, attrs: Attributes = {}): this {
    this.startTag(name, attrs);
    this.parts.push('/>');
    return this;
  }

  /** Writes an element holding `text` only, on one line. */
  text(name: string, text: string, attrs: Attributes = {}): this {
    this.startTag(name, attrs);
    this.parts.push(`>${content(text)}</${name}>`);
    return this;
  }

  /** Closes the innermost open element. */
  close(): this {
    if (this.parts.length > 8192) this.flush();
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter: close() with no open element');
    if (this.pending) {
      this.parts.push('/>');
      this.pending = false;
    } else {
      this.parts.push(`\n${indent(this.stack.length)}</${name}>`);
    }
    return this;
  }

  /** The document, every element closed, ending with a line break. */
  end(): string {
    while (this.stack.length) this.close();
    this.flush();
    return this.chunks.join('') + '\n';
  }

  private flush(): void {
    this.chunks.push(this.parts.join(''));
    this.parts = [];
  }

  private startTag(name: string, attrs: Attributes): void {
    // One part per tag, not one per name, quote and value: joining millions of tiny parts cost more than writing them.
    let tag = `${this.pending ? '>' : ''}\n${indent(this.stack.length)}<${name}`;
    this.pending = false;
    for (const key in attrs) {
      const v = attrs[key];
      if (v !== undefined) tag += ` ${key}="${attr(v)}"`;
    }
    this.parts.push(tag);
  }
}

const INDENTS: string[] = [];

/** Two spaces per level, made once per depth. */
function indent(depth: number): string {
  return (INDENTS[depth] ??= '  '.repeat(depth));
}
