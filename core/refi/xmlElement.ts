/** One element of an XML tree as the REFI-QDA reader keeps it (xmlTree.ts, fastXml.ts). */

/** One element: local name, attributes by local name, child elements, and its own text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's direct text content, concatenated (child elements' text excluded). */
  text: string;
}
