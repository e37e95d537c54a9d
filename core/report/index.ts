/** Project reports (`axial report`): their data, and the csv, md and html written from it. */
export * from './types';
export { reportData, codePath, codePaths, projectCodings, PATH_SEPARATOR } from './data';
export { filterProject, admittedCodes, projectCases, projectCoders } from './filter';
export { errorSummary } from '../project/errorFree';
export { csvField, csvTable, csvRecords, quotesCsv, quotesRecords, codeByCaseCsv, codeByCaseRecords, cooccurrenceCsv, cooccurrenceRecords } from './csv';
export { reportMarkdown, mdText } from './markdown';
export { reportHtml, reportHtmlPieces, html, inlineSvg } from './html';
export { HTML_BOUNDS, type HtmlBounds, boundMatrix, boundCooccurrence, quoteAllowances, spreadSample, cutText, largest, type Bounded } from './htmlBounds';
export { reportTables } from './tables';
export { CsvTablesFold, type FoldTranscript } from './tableFold';
