// Type declarations for saxen (core/refi/fastXml.ts), which ships none.
declare module 'saxen' {
  /** Where the parser is, computed on request (costly: it counts lines). */
  export type SaxenContext = () => { line: number; column: number; data: string };
  /** saxen's event parser; without `ns()` attribute values come back undecoded. */
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: 'openTag', cb: (name: string, getAttrs: () => Record<string, string>, decodeEntities: (s: string) => string, selfClosing: boolean, getContext: SaxenContext) => void): this;
    on(event: 'closeTag', cb: (name: string, decodeEntities: (s: string) => string, selfClosing: boolean, getContext: SaxenContext) => void): this;
    on(event: 'text' | 'cdata' | 'comment' | 'question' | 'attention', cb: (value: string, decodeEntities: (s: string) => string, getContext: SaxenContext) => void): this;
    on(event: 'error' | 'warn', cb: (err: Error, getContext: SaxenContext) => void): this;
    parse(xml: string): Error | undefined | null;
  }
}
