/**
 * The codebook's entry for code outside core that needs its rules without a
 * parsed project (the client's pickers): what a code id is, and the code
 * hierarchy. Parsing and checking a codebook.yaml are reached through core/index.ts.
 */
export * from './ids';
export * from './hierarchy';
