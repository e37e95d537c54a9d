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

/**
 * The GUID of an element of kind `kind` (`code`, `source`, `selection`…) whose
 * identity is `key`; the same kind and key always give the same GUID.
 */
export function stableGuid(kind: string, key: string): string {
  // NUL never occurs in a kind, so kind and key cannot run into each other.
  return v5(utf8.encode(`${kind}\u0000${key}`), AXIAL_NAMESPACE);
}

const GUID_PATTERN = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$|^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;

/** True when `value` is a GUID as the REFI-QDA schema accepts it (with or without braces). */
export function isRefiGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}
