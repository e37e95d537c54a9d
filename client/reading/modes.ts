/**
 * Which transcripts are shown in the reading view, remembered per file in the
 * workspace's state, so a transcript reopens the way it was left.
 */
import * as vscode from 'vscode';

const STATE_KEY = 'axial.reading.files';

export class ReadingModes implements vscode.Disposable {
  private readonly on: Set<string>;
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires with a document URI when its mode changes. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {
    this.on = new Set(state.get<string[]>(STATE_KEY) ?? []);
  }

  /** Whether the document reads as prose. */
  isOn(uri: string): boolean {
    return this.on.has(uri);
  }

  async set(uri: string, on: boolean): Promise<void> {
    if (on === this.on.has(uri)) return;
    if (on) this.on.add(uri);
    else this.on.delete(uri);
    await this.state.update(STATE_KEY, [...this.on]);
    this.emitter.fire(uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
