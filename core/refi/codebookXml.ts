/**
 * A `.qdc` REFI-QDA codebook: the codes alone, as ATLAS.ti, NVivo, MAXQDA and
 * QualCoder import them (root `CodeBook` in the `urn:QDA-XML:codebook:1.0`
 * namespace; its `Codes` are the project schema's `CodeBookType`).
 */
import type { Codebook } from '../codebook/types';
import { writeCodes } from './codes';
import { guidMaker, type GuidOptions } from './guid';
import { XmlWriter } from './xmlWriter';

/** The namespace of a REFI-QDA codebook file. */
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** Who wrote the file, in the `origin` attribute. */
export const ORIGIN = 'Axial';

/**
 * The `.qdc` XML of a codebook; undefined when it has no codes (the schema wants
 * at least one). Same codebook, same bytes, whatever `options` give.
 */
export function buildQdc(codebook: Codebook, options: GuidOptions = {}): string | undefined {
  if (codebook.codes.size === 0) return undefined;
  const w = new XmlWriter().open('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: ORIGIN }).open('Codes');
  writeCodes(w, codebook, false, new Map(), guidMaker(options));
  return w.end();
}
