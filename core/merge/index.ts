/** Three-way merge of transcripts: text by lines, codings as sets (FORMAT.md section 6). */
export * from './diff3';
export * from './transcripts';
