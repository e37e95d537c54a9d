/**
 * Test helpers for REFI-QDA XML: validation with xmllint against the vendored
 * schema, and the elements a document holds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseXml, type XmlElement } from '../analysis/xml';

export { parseXml, type XmlElement };

/** The REFI-QDA project schema, vendored (test/fixtures/refi-qda). */
export const XSD = path.join(__dirname, '..', '..', 'fixtures', 'refi-qda', 'Project-mrt2019.xsd');

/** xmllint's verdict on a project XML: ok, with its messages. */
export function validateProject(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'axial-refi-'));
  try {
    const file = path.join(dir, 'project.qde');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
    if (r.error) throw new Error(`xmllint did not run (apt-get install libxml2-utils): ${r.error.message}`);
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * xmllint's verdict on a `.qdc` codebook: its root must be a CodeBook in the
 * codebook namespace, and its content is validated as the project schema's
 * CodeBook (the codebook schema's CodeBookType is the same) by moving it into
 * a Project.
 */
export function validateCodebook(xml: string): { ok: boolean; output: string } {
  const open = '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Axial">';
  if (!xml.includes(open)) return { ok: false, output: `no ${open}` };
  const wrapped = xml.replace(open, '<Project xmlns="urn:QDA-XML:project:1.0" name="codebook"><CodeBook>').replace(/<\/CodeBook>\s*$/, '</CodeBook></Project>\n');
  return validateProject(wrapped);
}

/** Every element under `root` in document order, `root` excluded. */
export function descendants(root: XmlElement): XmlElement[] {
  return root.children.flatMap((c) => [c, ...descendants(c)]);
}

/** The elements named `name` in a document, in document order. */
export function elementsNamed(xml: string, name: string): XmlElement[] {
  return descendants(parseXml(xml)).filter((e) => e.name === name);
}
