/**
 * A `.qdc` REFI-QDA codebook: the codes alone, as ATLAS.ti, NVivo, MAXQDA and
 * QualCoder import them (root `CodeBook` in the `urn:QDA-XML:codebook:1.0`
 * namespace; its `Codes` are the project schema's `CodeBookType`).
 */
import { create } from 'xmlbuilder2';
import type { Codebook } from '../codebook/types';
import { appendCodes } from './codes';

/** The namespace of a REFI-QDA codebook file. */
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** Who wrote the file, in the `origin` attribute. */
export const ORIGIN = 'Axial';

/**
 * The `.qdc` XML of a codebook; undefined when it has no codes (the schema wants
 * at least one). Same codebook, same bytes.
 */
export function buildQdc(codebook: Codebook): string | undefined {
  if (codebook.codes.size === 0) return undefined;
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const root = doc.ele(CODEBOOK_NAMESPACE, 'CodeBook', { origin: ORIGIN });
  appendCodes(root.ele('Codes'), codebook, false);
  return doc.end({ prettyPrint: true }) + '\n';
}
