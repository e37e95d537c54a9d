/**
 * Minimal Word (.docx) and Excel (.xlsx) files built in tests: the few zip
 * entries Word and Excel need, so import is tested on real archives without
 * binary fixtures in the repository.
 */
import { zipFiles } from '../../host/zipFiles';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A Word comment in a test document: on the runs of a paragraph from `from` to `to` (indices of its tab-separated pieces). */
export interface DocxComment {
  author: string;
  text: string;
}

/** A body block: a paragraph (a string; a tab inside becomes a Word tab), a table (rows of cell texts), or a paragraph with commented pieces. */
export type DocxBlock = string | { table: string[][] } | { pieces: (string | { text: string; comment: DocxComment })[] };

const run = (t: string) => `<w:r>${t.split('\t').map((x) => `<w:t xml:space="preserve">${xmlEscape(x)}</w:t>`).join('<w:tab/>')}</w:r>`;

/**
 * A .docx whose body holds the blocks in order: paragraphs, tables (each cell a
 * paragraph), and paragraphs with commented passages (Word's commentRangeStart,
 * commentRangeEnd and commentReference, with word/comments.xml).
 */
export function docx(blocks: DocxBlock[]): Promise<Buffer> {
  const comments: DocxComment[] = [];
  const body = blocks
    .map((b) => {
      if (typeof b === 'string') return `<w:p>${run(b)}</w:p>`;
      if ('table' in b) return `<w:tbl><w:tblPr/>${b.table.map((r) => `<w:tr>${r.map((c) => `<w:tc><w:p>${c === '' ? '' : run(c)}</w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
      return `<w:p>${b.pieces
        .map((piece) => {
          if (typeof piece === 'string') return run(piece);
          const id = comments.push(piece.comment) - 1;
          return `<w:commentRangeStart w:id="${id}"/>${run(piece.text)}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`;
        })
        .join('')}</w:p>`;
    })
    .join('');
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const entries = [
    {
      path: '[Content_Types].xml',
      text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>${comments.length ? '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>' : ''}</Types>`,
    },
    {
      path: '_rels/.rels',
      text: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    {
      path: 'word/document.xml',
      text: `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    },
  ];
  if (comments.length) {
    entries.push({
      path: 'word/_rels/document.xml.rels',
      text: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
    });
    entries.push({
      path: 'word/comments.xml',
      text: `<?xml version="1.0" encoding="UTF-8"?><w:comments ${W}>${comments
        .map((c, id) => `<w:comment w:id="${id}" w:author="${xmlEscape(c.author)}" w:initials="X"><w:p><w:r><w:annotationRef/></w:r>${c.text.split('\n').map(run).join('</w:p><w:p>')}</w:p></w:comment>`)
        .join('')}</w:comments>`,
    });
  }
  return zipFiles(entries);
}

/** An .xlsx with one sheet holding `rows` as inline strings. */
export function xlsx(rows: string[][]): Promise<Buffer> {
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheetRows = rows
    .map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => `<c r="${col(ci)}${ri + 1}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`).join('')}</row>`)
    .join('');
  return zipFiles([
    {
      path: '[Content_Types].xml',
      text: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    {
      path: '_rels/.rels',
      text: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      path: 'xl/workbook.xml',
      text: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Codes" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    {
      path: 'xl/_rels/workbook.xml.rels',
      text: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    {
      path: 'xl/worksheets/sheet1.xml',
      text: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
    },
  ]);
}
