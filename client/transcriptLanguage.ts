/**
 * Gives the transcript language to Markdown/plain-text files that the server says
 * are transcripts. Files under a project's `transcripts/` folder get the language
 * from the manifest's `filenamePatterns`; this covers custom `transcripts` globs in
 * codebook.yaml, which only the server knows.
 */
import * as vscode from 'vscode';
import {
  TRANSCRIPT_LANGUAGE_ID,
  TranscriptUrisParams,
  TranscriptUrisRequest,
  TranscriptUrisResult,
} from '../common/protocol';

/** Only these languages are ever switched; any other language was chosen on purpose. */
const SWITCHABLE = new Set(['markdown', 'plaintext']);

const BATCH_DELAY_MS = 50;

export interface TranscriptServer {
  /** Sends `axial/transcriptUris`, or returns undefined when no server is running. */
  transcriptUris(params: TranscriptUrisParams): Promise<TranscriptUrisResult | undefined>;
  log(message: string): void;
}

export class TranscriptLanguage implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** URIs already switched in this session, while open: if the user picks Markdown again, leave it. */
  private readonly switched = new Set<string>();
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly server: TranscriptServer) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.consider(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        if (!this.switched.has(key)) return;
        // A language change closes and reopens the document at once; only forget
        // the URI when the document is really gone.
        setTimeout(() => {
          if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) this.switched.delete(key);
        }, 0);
      }),
    );
  }

  /** Asks again about every open candidate (server (re)started, or the projects changed). */
  recheckOpenDocuments(): void {
    for (const doc of vscode.workspace.textDocuments) this.consider(doc);
  }

  private isCandidate(doc: vscode.TextDocument): boolean {
    return (
      doc.uri.scheme === 'file' &&
      doc.languageId !== TRANSCRIPT_LANGUAGE_ID &&
      SWITCHABLE.has(doc.languageId) &&
      !this.switched.has(doc.uri.toString())
    );
  }

  private consider(doc: vscode.TextDocument): void {
    if (!this.isCandidate(doc)) return;
    this.pending.add(doc.uri.toString());
    if (this.timer === undefined) this.timer = setTimeout(() => void this.flush(), BATCH_DELAY_MS);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    if (uris.length === 0) return;
    let result: TranscriptUrisResult | undefined;
    try {
      result = await this.server.transcriptUris({ uris });
    } catch (err) {
      this.server.log(`${TranscriptUrisRequest} failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    for (const returned of result?.transcripts ?? []) {
      let uri: string;
      try {
        uri = vscode.Uri.parse(returned, true).toString(); // the server may spell the URI differently
      } catch {
        continue;
      }
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (!doc || !this.isCandidate(doc)) continue;
      this.switched.add(uri);
      try {
        await vscode.languages.setTextDocumentLanguage(doc, TRANSCRIPT_LANGUAGE_ID);
      } catch (err) {
        this.server.log(`Could not set the transcript language on ${uri}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
