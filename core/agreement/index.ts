/** Inter-coder agreement (FORMAT.md section 6): units, statistics, disagreements. */
export { computeAgreement, codersIn, agreementFile, type AgreementFile, type AgreementOptions } from './compute';
export { unitsOf, unitsOfText, turnStarts, unitsOverlapping, UNIT_KINDS, type UnitKind, type Units } from './units';
export * from './stats';
export type * from './types';
