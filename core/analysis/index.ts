/** The data behind Axial's pictures, and their SVG renderings. */
export * from './types';
export { axialModel } from './model';
export { codeCooccurrence, cooccurrenceCounts, type CooccurrenceCounts } from './cooccurrence';
export { codeCaseMatrix, codeCaseCounts, type CaseCounts } from './matrix';
export type { AnalysisOptions } from './scan';
export * from './svg';
export { limitPictureQuotes, PICTURE_QUOTES_PER_ITEM, PICTURE_QUOTE_LIMIT, type QuoteCap } from './limit';
