// node-diff3 publishes its types only through `exports`, which the project's
// `moduleResolution: node` does not read; this is the part the diff uses.
declare module 'node-diff3' {
  /** The mismatched chunks of two sequences, as [offset, length] in each. */
  export function diffIndices<T>(buffer1: T[], buffer2: T[]): { buffer1: [number, number]; buffer1Content: T[]; buffer2: [number, number]; buffer2Content: T[] }[];
}
