// Type declarations for the stemming and stop-word packages the suggestion engine
// uses. @orama's packages publish their types only through `exports`, which the
// project's `moduleResolution: node` does not read; wink ships no types.
declare module 'wink-porter2-stemmer' {
  const stem: (word: string) => string;
  export = stem;
}
declare module '@orama/stemmers/*' {
  export function stemmer(word: string): string;
  export const language: string;
}
declare module '@orama/stopwords/*' {
  export const stopwords: string[];
}
