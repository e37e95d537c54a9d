/**
 * Stable GUIDs: REFI-QDA needs a GUID on every code, source, selection and
 * coding, and exporting an unchanged project twice must give the same XML, so
 * each GUID is a name-based UUID (version 5) of what the element is.
 */
import { parse, v5 } from 'uuid';

/** Axial's namespace for name-based UUIDs (itself the v5 UUID of Axial's URL namespace name). */
const AXIAL_NAMESPACE = parse(v5('https://axial.invalid/refi-qda', v5.URL));

// Bytes in, not strings: uuid's own string conversions cost more than the SHA-1 on a large export.
const utf8 = new TextEncoder();

/** The SHA-1 digest of `bytes` as 40 lower-case hex digits. */
export type Sha1Hex = (bytes: Uint8Array) => string;

/** Makes the GUID of an element of kind `kind` whose identity is `key` (see stableGuid). */
export type GuidMaker = (kind: string, key: string) => string;

/** How an export computes its GUIDs; the GUIDs are the same whatever is given. */
export interface GuidOptions {
  /**
   * The host's SHA-1 (Node's one-shot crypto hash: core may not import Node). On a
   * large export uuid's per-call objects and conversions cost about five times the
   * hash itself (about 1 s for the 214,000 GUIDs of 1,000 transcripts). Without it,
   * uuid's own v5.
   */
  sha1?: Sha1Hex;
}

/**
 * The GUID of an element of kind `kind` (`code`, `source`, `selection`…) whose
 * identity is `key`; the same kind and key always give the same GUID. Computed with
 * uuid's v5; an export makes many and uses guidMaker with the host's SHA-1 instead.
 */
export function stableGuid(kind: string, key: string): string {
  return v5(utf8.encode(nameOf(kind, key)), AXIAL_NAMESPACE);
}

/** stableGuid, computed with `options.sha1` when given: for one export (it keeps a buffer of its own). */
export function guidMaker(options: GuidOptions = {}): GuidMaker {
  const { sha1 } = options;
  if (!sha1) return stableGuid;
  // Namespace bytes followed by room for the name, reused from call to call (grown for a long name).
  let scratch = withNamespace(256);
  return (kind, key) => {
    const name = nameOf(kind, key);
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (scratch.length < 16 + name.length * 3) scratch = withNamespace(16 + name.length * 3);
    const { written } = utf8.encodeInto(name, scratch.subarray(16));
    const h = sha1(scratch.subarray(0, 16 + written));
    // RFC 9562 version 5: the version nibble is 5, the variant's two top bits are 10.
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${VARIANT[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
}

// NUL never occurs in a kind, so kind and key cannot run into each other.
const nameOf = (kind: string, key: string) => `${kind}\u0000${key}`;

function withNamespace(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(AXIAL_NAMESPACE);
  return bytes;
}

const VARIANT = '89ab';

const GUID_PATTERN = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$|^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;

/** True when `value` is a GUID as the REFI-QDA schema accepts it (with or without braces). */
export function isRefiGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}
