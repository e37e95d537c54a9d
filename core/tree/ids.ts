/**
 * Node ids of the axial tree. They are stable across refreshes and filters, so an
 * editor keeps expanded what the user expanded. Fields are joined with `|`, which
 * neither a code id nor an encoded URI contains.
 *
 *   p|root                     a project (shown only when there are several)
 *   c|root|code                a code or category of the codebook
 *   u|root                     the "Unknown codes" group
 *   x|root|code                a tag whose code is not in the codebook
 *   q|root|code|uri|span       a quote (span index `span` of `uri`) under a code
 *   m|root|code|uri            a memo file (`uri`) under a code it names
 */
export type TreeId =
  | { kind: 'project'; root: string }
  | { kind: 'code'; root: string; code: string }
  | { kind: 'unknownGroup'; root: string }
  | { kind: 'unknownCode'; root: string; code: string }
  | { kind: 'quote'; root: string; code: string; uri: string; span: number }
  | { kind: 'memo'; root: string; code: string; uri: string };

const SEP = '|';

export function formatTreeId(id: TreeId): string {
  switch (id.kind) {
    case 'project':
      return ['p', id.root].join(SEP);
    case 'code':
      return ['c', id.root, id.code].join(SEP);
    case 'unknownGroup':
      return ['u', id.root].join(SEP);
    case 'unknownCode':
      return ['x', id.root, id.code].join(SEP);
    case 'quote':
      return ['q', id.root, id.code, id.uri, String(id.span)].join(SEP);
    case 'memo':
      return ['m', id.root, id.code, id.uri].join(SEP);
  }
}

/** Reads an id written by formatTreeId; undefined for anything else. */
export function parseTreeId(text: string): TreeId | undefined {
  const f = text.split(SEP);
  switch (f[0]) {
    case 'p':
      return f.length === 2 ? { kind: 'project', root: f[1] } : undefined;
    case 'c':
      return f.length === 3 ? { kind: 'code', root: f[1], code: f[2] } : undefined;
    case 'u':
      return f.length === 2 ? { kind: 'unknownGroup', root: f[1] } : undefined;
    case 'x':
      return f.length === 3 ? { kind: 'unknownCode', root: f[1], code: f[2] } : undefined;
    case 'q': {
      const span = Number(f[4]);
      return f.length === 5 && Number.isInteger(span) && span >= 0 ? { kind: 'quote', root: f[1], code: f[2], uri: f[3], span } : undefined;
    }
    case 'm':
      return f.length === 4 ? { kind: 'memo', root: f[1], code: f[2], uri: f[3] } : undefined;
    default:
      return undefined;
  }
}
