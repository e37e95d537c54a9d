import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnownEdit } from '../core';

/**
 * Open documents that remember, for their current version, where it differs from
 * the version before: the editor's changes merged into one region. The index's
 * re-parse then knows where a keystroke was instead of comparing two texts of
 * megabytes to find it (reparse.ts, KnownEdit). `config` is what TextDocuments takes.
 */
export class KnownEdits {
  private readonly edits = new WeakMap<TextDocument, { version: number; edit: KnownEdit }>();

  readonly config: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => this.update(document, changes, version),
  };

  /** Where `document`'s current version differs from the one before, if an update made it. */
  of(document: TextDocument): KnownEdit | undefined {
    const known = this.edits.get(document);
    return known && known.version === document.version ? known.edit : undefined;
  }

  private update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const before = document.getText();
    // The region is [start, length - suffix) in every version: the changes, applied in
    // order, leave the first `start` and the last `suffix` characters as they were.
    let start = before.length;
    let suffix = before.length;
    for (const change of changes) {
      const length = document.getText().length;
      if ('range' in change && change.range) {
        const a = document.offsetAt(change.range.start);
        const b = document.offsetAt(change.range.end);
        start = Math.min(start, a, b);
        suffix = Math.min(suffix, length - Math.max(a, b));
      } else {
        start = 0;
        suffix = 0;
      }
      TextDocument.update(document, [change], version);
    }
    const after = document.getText().length;
    suffix = Math.max(0, Math.min(suffix, before.length - start, after - start));
    this.edits.set(document, { version, edit: { before, start, oldEnd: before.length - suffix, newEnd: after - suffix } });
    return document;
  }
}
