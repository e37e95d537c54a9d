import { CompletionItemKind, type ClientCapabilities, type CompletionItem, type CompletionList, type Connection, type Range } from 'vscode-languageserver/node';
import { codebookCompletions, completionSite, type CompletionProposal, type ProjectIndex } from '../core';
import type { CodebookGate } from './codebookGate';
import { EncodedAnswer, keepEncoded } from './encodedJson';
import { linesOfIndex } from './convert';
import type { Health } from './health';

/** What the client takes, from its capabilities: decides how lean a completion answer can be. */
interface ClientTakes {
  /** `completionList.itemDefaults` has `editRange`: one range for the list instead of one per item. */
  editRangeDefault: boolean;
  /** `completionList.itemDefaults` has `data`. */
  dataDefault: boolean;
  /** `completionItem.resolveSupport` lists `documentation`: it comes with completionItem/resolve. */
  lazyDocumentation: boolean;
}

/**
 * Completion after `#` and `@` (and where a memo mentions a code: after `#` or a
 * backtick), and completionItem/resolve.
 *
 * A codebook of 500 codes offers hundreds of items on every `#` typed, so the
 * items are built once per codebook (core's proposals are cached the same way)
 * and answered as they are. For clients that take them (VS Code does), the
 * range goes once in the list's `itemDefaults.editRange` instead of in every item,
 * and each code's definition comes only when the editor shows the item's details,
 * through completionItem/resolve: the answer for 652 items shrinks from about
 * 230 KiB of JSON to under 90. Other clients get every item whole.
 *
 * Items carry the number of their project (`data`) for resolve to find the
 * codebook; the code is the item's label (an alias item's label ends in `→ id`).
 */
export class Completion {
  private takes: ClientTakes = { editRangeDefault: false, dataDefault: false, lazyDocumentation: false };
  /** Codebook URIs by the number items carry. */
  private readonly projectKeys: string[] = [];
  /** LSP items (without a range) by core's cached proposals, so by codebook. */
  private readonly items = new WeakMap<readonly CompletionProposal[], CompletionItem[]>();
  /** The JSON of whole items around their ranges, by shared items (see wholeTemplate). */
  private readonly templates = new WeakMap<CompletionItem[], Buffer[]>();

  /** Reads what the client takes from initialize. */
  initialize(capabilities: ClientCapabilities): void {
    const completion = capabilities.textDocument?.completion;
    const defaults = completion?.completionList?.itemDefaults ?? [];
    this.takes = {
      editRangeDefault: defaults.includes('editRange'),
      dataDefault: defaults.includes('data'),
      lazyDocumentation: completion?.completionItem?.resolveSupport?.properties.includes('documentation') ?? false,
    };
  }

  /** Registers the completion and resolve handlers. */
  register(connection: Connection, index: ProjectIndex, health: Health, gate: CodebookGate): void {
    const linesOf = linesOfIndex(index);
    connection.onCompletion(({ textDocument, position }) =>
      gate.after(textDocument.uri, () =>
        health.guard<CompletionList | CompletionItem[]>('completion', [], () => {
          const lines = linesOf(textDocument.uri);
          const site = lines && completionSite(index, textDocument.uri, lines.offsetAt(position));
          if (!site) return [];
          const key = this.keyOf(site.project.codebookUri);
          const items = this.itemsOf(codebookCompletions(site.project.codebook, site.sigil), key);
          const range = lines.range(site.range);
          if (this.takes.editRangeDefault) {
            return { isIncomplete: false, itemDefaults: { editRange: range, ...(this.takes.dataDefault ? { data: key } : {}) }, items };
          }
          // The answer's value is only built when it is not written from the kept JSON (not on stdio).
          return new EncodedAnswer(
            () => items.map((item) => withEdit(item, range)),
            () => fillTemplate(this.wholeTemplate(items), range),
          ) as unknown as CompletionItem[];
        }),
      ),
    );

    connection.onCompletionResolve((item) =>
      health.guard('completion resolve', item, () => {
        if (item.documentation !== undefined || (item.kind !== CompletionItemKind.EnumMember && item.kind !== CompletionItemKind.Reference)) return item;
        const codebookUri = typeof item.data === 'number' ? this.projectKeys[item.data] : undefined;
        const project = codebookUri !== undefined ? index.projectOf(codebookUri) : undefined;
        const arrow = item.label.lastIndexOf(' → ');
        const id = arrow >= 0 ? item.label.slice(arrow + 3) : item.label;
        const definition = project?.codebook.codes.get(id)?.definition;
        return definition ? { ...item, documentation: { kind: 'markdown', value: definition } } : item;
      }),
    );
  }

  /** The number items carry for a project. */
  private keyOf(codebookUri: string): number {
    const at = this.projectKeys.indexOf(codebookUri);
    return at >= 0 ? at : this.projectKeys.push(codebookUri) - 1;
  }

  /** The LSP items of a codebook's proposals, without a range; built once and shared. */
  private itemsOf(proposals: readonly CompletionProposal[], key: number): CompletionItem[] {
    let items = this.items.get(proposals);
    if (!items) {
      items = proposals.map((p) => this.toItem(p, key));
      // Answered as they are to clients that take list defaults: their JSON is kept.
      if (this.takes.editRangeDefault) keepEncoded(items);
      this.items.set(proposals, items);
    }
    return items;
  }

  /**
   * The JSON of the whole items (withEdit) as pieces with the range left out: the
   * answer is piece 0, the range, piece 1, the range, … the last piece. Built once per
   * codebook, so a client that takes whole items gets 229 KiB without encoding them
   * on every `#`: only the range is encoded per request.
   */
  private wholeTemplate(items: CompletionItem[]): Buffer[] {
    let pieces = this.templates.get(items);
    if (!pieces) {
      const texts: string[] = [];
      let text = '[';
      items.forEach((item, i) => {
        const { textEdit, ...rest } = withEdit(item, HOLE);
        const head = JSON.stringify(rest);
        texts.push(`${text}${i > 0 ? ',' : ''}${head.slice(0, -1)}${head === '{}' ? '' : ','}"textEdit":{"range":`);
        text = `,"newText":${JSON.stringify((textEdit as { newText: string }).newText)}}}`;
      });
      texts.push(`${text}]`);
      pieces = texts.map((t) => Buffer.from(t, 'utf8'));
      this.templates.set(items, pieces);
    }
    return pieces;
  }

  private toItem(p: CompletionProposal, key: number): CompletionItem {
    const item: CompletionItem = {
      label: p.label,
      kind: p.kind === 'coder' ? CompletionItemKind.Constant : p.kind === 'alias' ? CompletionItemKind.Reference : CompletionItemKind.EnumMember,
      detail: p.detail,
      filterText: p.filterText,
      sortText: p.sortText,
    };
    if (p.deprecated) item.tags = [1];
    // The text inserted is the label, except for an alias (its label names both).
    if (p.insertText !== p.label) item.textEditText = p.insertText;
    if (p.documentation) {
      if (!this.takes.lazyDocumentation) item.documentation = { kind: 'markdown', value: p.documentation };
      else if (!this.takes.dataDefault) item.data = key;
    }
    return item;
  }
}

/** A range that stands for the one each request fills in. */
const HOLE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The whole items' JSON: the template's pieces with the range between them. */
function fillTemplate(pieces: Buffer[], range: Range): Buffer {
  const r = Buffer.from(JSON.stringify(range), 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < pieces.length - 1; i++) parts.push(pieces[i], r);
  parts.push(pieces[pieces.length - 1]);
  return Buffer.concat(parts);
}

/**
 * A whole item: the shared one with its own edit. Written field by field: spreading
 * the shared item and unsetting `textEditText` made objects that took three times
 * as long to serialise.
 */
function withEdit(item: CompletionItem, range: Range): CompletionItem {
  return {
    label: item.label,
    kind: item.kind,
    detail: item.detail,
    documentation: item.documentation,
    filterText: item.filterText,
    sortText: item.sortText,
    tags: item.tags,
    data: item.data,
    textEdit: { range, newText: item.textEditText ?? item.label },
  };
}
