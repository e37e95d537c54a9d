/** Coding and codebook changes between two versions of a repository's projects. */
export * from './codebook';
export * from './membership';
export * from './repository';
export * from './transcript';
export * from './changedSpans';
