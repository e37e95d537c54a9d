/** Text helpers for code outside core that needs them without the rest of the library (the client). */
export * from './lineIndex';
export * from './plural';
export { partitionPoint } from './search';
export { slugOf } from './slug';
