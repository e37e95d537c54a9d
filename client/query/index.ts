/**
 * "Axial: Query…": asks for a code query (checked for syntax as it is typed),
 * sends it to the server (`axial/query`), shows the passages in the Query view,
 * and exports them as csv. Errors from the server (an unknown code, coder or
 * case) come back with their column and the query is offered again to fix.
 */
import * as vscode from 'vscode';
import { QueryRequest, type QueryAnswer, type QueryHitItem } from '../../common/protocol';
import { parseQuery, type QueryUnit } from '../../core/query';
import { activeProjectFile, firstCodebook } from '../projectFile';
import type { Requester } from '../requests';
import { OPEN_HIT_COMMAND, QueryResultsProvider, hitItem, type QueryViewNode } from './view';

export const QUERY_VIEW_ID = 'axial.queryResults';
export const QUERY_COMMAND = 'axial.query';
export const QUERY_EXPORT_COMMAND = 'axial.query.exportCsv';
export const QUERY_TOGGLE_UNIT_COMMAND = 'axial.query.toggleUnit';
export const QUERY_CLEAR_COMMAND = 'axial.query.clear';
const LAST_QUERY_KEY = 'axial.query.last';

/** What a query run was asked: the expression and its options. */
export interface QueryRun {
  query: string;
  unit?: QueryUnit;
  coders?: string[];
  /** Any file of the project (default: the active editor's, else the first codebook in the workspace). */
  uri?: string;
}

/** What tests (and other parts of the extension) can ask of queries; part of activate()'s API. */
export interface QueryApi {
  /** Runs a query without asking; the answer is also shown in the view (an error is shown as a message). */
  run(run: QueryRun): Promise<QueryAnswer | null | undefined>;
  /** The last answer shown. */
  last(): QueryAnswer | null | undefined;
  /** The view's nodes and their items, as the view gets them. */
  children(node?: QueryViewNode): QueryViewNode[];
  treeItem(node: QueryViewNode): vscode.TreeItem;
}

/** Registers the view and its commands. */
export function registerQuery(context: vscode.ExtensionContext, request: Requester): QueryApi {
  const provider = new QueryResultsProvider();
  const view = vscode.window.createTreeView(QUERY_VIEW_ID, { treeDataProvider: provider });
  let last: QueryAnswer | null | undefined;
  let lastRun: QueryRun | undefined;

  const run = async (q: QueryRun): Promise<QueryAnswer | null | undefined> => {
    const uri = q.uri ?? activeProjectFile() ?? (await firstCodebook());
    if (!uri) {
      void vscode.window.showErrorMessage('Axial: open a folder with a codebook.yaml to run a query.');
      return undefined;
    }
    const answer = await request(QueryRequest.type, { uri, query: q.query, unit: q.unit ?? 'span', coders: q.coders });
    last = answer;
    lastRun = { ...q, uri };
    if (answer?.ok) {
      provider.show(answer);
      const shown = answer.hits.length < answer.total ? `${answer.hits.length} of ${answer.total}` : `${answer.total}`;
      view.description = `${q.query} · ${shown} ${answer.unit === 'span' ? 'spans' : 'turns'}`;
      view.message = answer.total === 0 ? `No ${answer.unit === 'span' ? 'span' : 'turn'} matches ${q.query}.` : undefined;
      if (answer.skipped.length > 0) view.message = `Skipped (errors): ${answer.skipped.map((s) => s.file).join(', ')}`;
      void vscode.commands.executeCommand('setContext', 'axial.query.hasResults', answer.total > 0);
    } else if (answer) {
      void vscode.window.showErrorMessage(`Axial query: column ${answer.error.range.start + 1}: ${answer.error.message}`);
    } else if (answer === null) {
      void vscode.window.showErrorMessage('Axial: this file is in no Axial project (no codebook.yaml above it).');
    }
    return answer;
  };

  const ask = async (arg?: QueryRun) => {
    if (arg && typeof arg.query === 'string') return run(arg);
    let value = context.workspaceState.get<string>(LAST_QUERY_KEY) ?? '';
    for (;;) {
      const query = await vscode.window.showInputBox({
        title: 'Axial: Query',
        value,
        prompt: 'Codes with AND, OR, NOT, NEAR/n, WITHIN; filters case:, speaker:, coder: (@XX), attr.NAME:. Example: trust AND NOT expertise',
        validateInput: (text) => {
          if (text.trim() === '') return undefined;
          const p = parseQuery(text);
          return p.ok ? undefined : `Column ${p.error.range.start + 1}: ${p.error.message}`;
        },
      });
      if (query === undefined) return undefined;
      await context.workspaceState.update(LAST_QUERY_KEY, query);
      const answer = await run({ query, unit: lastRun?.unit });
      // A name the codebook does not know: offer the query again to fix it.
      if (answer && !answer.ok) {
        value = query;
        continue;
      }
      if (answer?.ok) void vscode.commands.executeCommand(`${QUERY_VIEW_ID}.focus`);
      return answer;
    }
  };

  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(QUERY_COMMAND, ask),
    vscode.commands.registerCommand(OPEN_HIT_COMMAND, async (hit: QueryHitItem) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(hit.uri));
      const r = hit.range;
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      await vscode.window.showTextDocument(doc, { selection: range, preview: true });
    }),
    vscode.commands.registerCommand(QUERY_TOGGLE_UNIT_COMMAND, async () => {
      if (!lastRun) return ask();
      return run({ ...lastRun, unit: lastRun.unit === 'turn' ? 'span' : 'turn' });
    }),
    vscode.commands.registerCommand(QUERY_CLEAR_COMMAND, () => {
      last = undefined;
      lastRun = undefined;
      provider.show(undefined);
      view.description = undefined;
      view.message = undefined;
      void vscode.commands.executeCommand('setContext', 'axial.query.hasResults', false);
    }),
    vscode.commands.registerCommand(QUERY_EXPORT_COMMAND, async (target?: vscode.Uri) => {
      if (!last?.ok || last.csv === undefined) {
        void vscode.window.showInformationMessage('Axial: run a query first (Axial: Query…).');
        return undefined;
      }
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = target ?? (await vscode.window.showSaveDialog({ title: 'Export query results', filters: { CSV: ['csv'] }, defaultUri: folder && vscode.Uri.joinPath(folder, 'query.csv') }));
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(last.csv));
      void vscode.window.showInformationMessage(`Axial: wrote ${last.total} passages to ${vscode.workspace.asRelativePath(uri)}.`);
      return uri;
    }),
  );

  return {
    run,
    last: () => last,
    children: (node) => provider.getChildren(node),
    treeItem: (node) => (node.kind === 'hit' ? hitItem(node.hit) : provider.getTreeItem(node)),
  };
}
