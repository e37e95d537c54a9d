import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { PieceText, type KnownEdit } from '../core';
import { PieceDocument } from './pieceDocument';

/**
 * Open documents (PieceDocument: their text kept as the editor's pieces) that
 * remember, for their current version, where it differs from the version before:
 * the editor's changes merged into one region, with both versions' pieces. The
 * index's re-parse then knows where a keystroke was instead of comparing two texts
 * of megabytes to find it, and reads the new text without making V8 copy it flat
 * (reparse.ts, KnownEdit). `config` is what TextDocuments takes.
 */
export class KnownEdits {
  private readonly edits = new WeakMap<PieceDocument, { version: number; edit: KnownEdit }>();

  readonly config: TextDocumentsConfiguration<PieceDocument> = {
    create: (uri, languageId, version, content) => new PieceDocument(uri, languageId, version, PieceText.of(content)),
    update: (document, changes, version) => this.update(document, changes, version),
  };

  /** Where `document`'s current version differs from the one before, if an update made it. */
  of(document: PieceDocument): KnownEdit | undefined {
    const known = this.edits.get(document);
    return known && known.version === document.version ? known.edit : undefined;
  }

  private update(document: PieceDocument, changes: TextDocumentContentChangeEvent[], version: number): PieceDocument {
    const before = document.pieces;
    // The region is [start, length - suffix) in every version: the changes, applied in
    // order, leave the first `start` and the last `suffix` characters as they were.
    let start = before.length;
    let suffix = before.length;
    let whole = false;
    for (const change of changes) {
      const length = document.pieces.length;
      if ('range' in change && change.range) {
        const a = document.offsetAt(change.range.start);
        const b = document.offsetAt(change.range.end);
        start = Math.min(start, a, b);
        suffix = Math.min(suffix, length - Math.max(a, b));
      } else {
        whole = true;
      }
      document.update([change], version);
    }
    // A whole new text says nothing of where it changed: the re-parse compares the texts.
    if (whole) {
      this.edits.delete(document);
      return document;
    }
    const after = document.pieces;
    suffix = Math.max(0, Math.min(suffix, before.length - start, after.length - start));
    const edit: KnownEdit = { before: before.text, start, oldEnd: before.length - suffix, newEnd: after.length - suffix, readers: { before, after } };
    this.edits.set(document, { version, edit });
    return document;
  }
}
