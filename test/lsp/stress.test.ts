import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, cpSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cleanup, LspClient, REPO, uriOf } from './harness';
import { changeFolders, close, CHANGED, CREATED, DELETED, scanned, startWithFolders, watched } from './lifecycle';
import { mutate, prng, shuffle, snippet, withTimeout } from './random';

/**
 * A seeded random session against the real bundled server over stdio: edits
 * (incremental and whole), requests interleaved with them, some cancelled,
 * closes and reopens, saves, renames with their file events in any order, a
 * codebook deleted and restored, workspace folders removed and added. Every
 * request must answer (a result or a cancellation) and the server must stay up;
 * at the end its diagnostics must equal those of a fresh server started on the
 * same folders with the same documents open.
 *
 * Set AXIAL_STRESS_SEED to replay a run, AXIAL_STRESS_OPS for a longer one.
 */
describe('language server: stress over stdio', function () {
  this.timeout(300_000);

  const OPS = Number(process.env.AXIAL_STRESS_OPS) || 300;
  /** How long one request may take to answer, on a loaded machine. */
  const ANSWER_MS = 30_000;
  const MINI = path.join(REPO, 'test', 'fixtures', 'projects', 'mini');

  let work: string;
  let clients: LspClient[] = [];

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      for (const c of clients) if (c.stderr) console.error(`server stderr:\n${c.stderr.slice(-4000)}`);
    }
    await Promise.all(clients.map((c) => c.stop()));
    clients = [];
    cleanup(work);
  });

  it(`survives ${OPS} random operations and ends with a fresh server's diagnostics`, async function () {
    const seed = Number(process.env.AXIAL_STRESS_SEED) || Date.now() % 2 ** 31;
    try {
      await run(seed);
    } catch (err) {
      console.error(`stress test failed with seed ${seed}: replay with AXIAL_STRESS_SEED=${seed}`);
      throw err;
    }
  });

  async function run(seed: number): Promise<void> {
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const chance = (p: number) => rnd() < p;

    work = mkdtempSync(path.join(os.tmpdir(), 'axial-stress-'));
    const folders = ['a', 'b'].map((n) => path.join(work, n));
    for (const f of folders) cpSync(MINI, f, { recursive: true });
    /** A saved copy of each codebook while it is deleted. */
    const deletedCodebooks = new Map<string, string>();

    const client = new LspClient(work);
    clients.push(client);
    let inWorkspace = [folders[0]];
    await startWithFolders(client, inWorkspace);

    const open = new Map<string, { doc: TextDocument; languageId: string }>();
    /** File events the watcher has not delivered yet: they go out later, in any order. */
    let pendingEvents: [string, number][] = [];
    const requests: Promise<void>[] = [];
    let renamed = 0;
    const counts: Record<string, number> = {};
    const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);

    const transcriptsOnDisk = () =>
      folders.flatMap((f) => {
        const dir = path.join(f, 'transcripts');
        return existsSync(dir) ? readdirSync(dir).filter((n) => /\.(md|txt)$/.test(n)).map((n) => path.join(dir, n)) : [];
      });
    const codebooks = folders.map((f) => path.join(f, 'codebook.yaml'));
    const languageOf = (file: string) => (file.endsWith('.yaml') ? 'yaml' : 'axial-transcript');

    const openFile = (file: string, text: string) => {
      const languageId = languageOf(file);
      open.set(file, { doc: TextDocument.create(uriOf(file), languageId, 1, text), languageId });
      client.open(file, text, languageId, 1);
    };
    const closeFile = (file: string) => {
      open.delete(file);
      close(client, file);
    };
    const flushEvents = (all: boolean) => {
      if (pendingEvents.length === 0) return;
      shuffle(pendingEvents, rnd);
      const n = all ? pendingEvents.length : 1 + Math.floor(rnd() * pendingEvents.length);
      const batch = pendingEvents.slice(0, n);
      pendingEvents = pendingEvents.slice(n);
      watched(client, batch);
    };
    /** A request that must answer with a result, or with a cancellation when it was cancelled. */
    const request = (method: string, params: unknown) => {
      count(method);
      const source = new CancellationTokenSource();
      const cancelled = chance(0.2);
      const sent = client.conn.sendRequest(method, params, source.token);
      if (cancelled) {
        count('$/cancelRequest');
        if (chance(0.5)) source.cancel();
        else setImmediate(() => source.cancel());
      }
      requests.push(
        withTimeout(sent, ANSWER_MS, `${method} did not answer within ${ANSWER_MS} ms`).then(
          () => undefined,
          (err: unknown) => {
            const isCancel = err instanceof ResponseError && (err.code === -32800 || err.code === -32802);
            if (!(cancelled && isCancel)) throw new Error(`${method} failed: ${String(err)}`);
          },
        ),
      );
    };
    /** workspace/didRenameFiles, as an editor sends it after renaming in its explorer. */
    const renamedInEditor = (from: string, to: string) =>
      void client.conn.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: uriOf(from), newUri: uriOf(to) }] });
    const drain = async () => {
      const batch = requests.splice(0);
      await Promise.all(batch);
    };

    const randomPosition = (doc?: TextDocument) => {
      if (!doc) return { line: Math.floor(rnd() * 12), character: Math.floor(rnd() * 60) };
      return doc.positionAt(Math.floor(rnd() * (doc.getText().length + 1)));
    };

    for (let op = 0; op < OPS; op++) {
      const r = rnd();
      if (r < 0.3) {
        // An edit of an open document (opened first from the disk when it is not).
        const file = chance(0.85) ? pick(transcriptsOnDisk()) : pick(codebooks);
        if (!file) continue;
        if (!open.has(file)) {
          if (!existsSync(file)) continue;
          openFile(file, readFileSync(file, 'utf8'));
          count('didOpen');
        }
        const entry = open.get(file)!;
        const doc = entry.doc;
        const text = doc.getText();
        const version = doc.version + 1;
        if (chance(0.15)) {
          const next = mutate(text, rnd, file.endsWith('.yaml'));
          TextDocument.update(doc, [{ text: next }], version);
          void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ text: next }] });
          count('didChange (full)');
        } else {
          const changes = [];
          for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
            const len = doc.getText().length;
            const start = Math.floor(rnd() * (len + 1));
            const end = Math.min(len, start + Math.floor(rnd() * 12));
            const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: snippet(rnd, file.endsWith('.yaml')) };
            // Each change applies to the text the previous ones left, as the protocol says.
            TextDocument.update(doc, [change], doc.version);
            changes.push(change);
          }
          TextDocument.update(doc, [], version);
          void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: changes });
          count('didChange (incremental)');
        }
      } else if (r < 0.6) {
        // A request on an open document, a closed file, or a file that is gone.
        const file = chance(0.7) && open.size ? pick([...open.keys()]) : pick([...transcriptsOnDisk(), ...codebooks]);
        if (!file) continue;
        const doc = open.get(file)?.doc;
        const textDocument = { uri: uriOf(file) };
        const position = randomPosition(doc);
        switch (Math.floor(rnd() * 9)) {
          case 0: request('textDocument/hover', { textDocument, position }); break;
          case 1: request('textDocument/completion', { textDocument, position }); break;
          case 2: request('textDocument/definition', { textDocument, position }); break;
          case 3: request('textDocument/references', { textDocument, position, context: { includeDeclaration: chance(0.5) } }); break;
          case 4: request('textDocument/documentSymbol', { textDocument }); break;
          case 5: {
            const end = randomPosition(doc);
            const range = end.line < position.line || (end.line === position.line && end.character < position.character) ? { start: end, end: position } : { start: position, end };
            request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } });
            break;
          }
          case 6: request('axial/tree/children', {}); break;
          case 7: request('axial/tree/locate', { uri: uriOf(file), position }); break;
          default: request('axial/codebook', { uri: uriOf(file) }); break;
        }
      } else if (r < 0.7) {
        // Close, and sometimes reopen at once with other text or the disk's.
        if (open.size === 0) continue;
        const file = pick([...open.keys()]);
        const text = open.get(file)!.doc.getText();
        closeFile(file);
        count('didClose');
        if (chance(0.5) && existsSync(file)) {
          openFile(file, chance(0.5) ? mutate(text, rnd, file.endsWith('.yaml')) : readFileSync(file, 'utf8'));
          count('didOpen');
        }
      } else if (r < 0.77) {
        // Save an open document, or change a closed file on disk; the watcher reports it later.
        const file = pick(transcriptsOnDisk());
        if (!file) continue;
        const entry = open.get(file);
        writeFileSync(file, entry ? entry.doc.getText() : mutate(readFileSync(file, 'utf8'), rnd, false));
        pendingEvents.push([file, CHANGED]);
        count(entry ? 'save' : 'disk change');
      } else if (r < 0.82) {
        // Rename a transcript, maybe into the other project; an open one is closed and opened under its new name.
        const from = pick(transcriptsOnDisk());
        if (!from) continue;
        const to = path.join(pick(folders), 'transcripts', `renamed-${++renamed}.md`);
        if (!existsSync(path.dirname(to))) continue; // that folder is renamed away
        renameSync(from, to);
        const entry = open.get(from);
        if (entry) {
          closeFile(from);
          if (chance(0.3)) watched(client, [[to, CREATED]]); // the watcher may beat the editor
          openFile(to, entry.doc.getText());
        }
        const told = chance(0.5);
        if (told) renamedInEditor(from, to);
        if (!told || chance(0.7)) pendingEvents.push([from, DELETED], [to, CREATED]);
        count('rename');
      } else if (r < 0.84) {
        // Rename a project's transcripts folder out of its globs, or back; open documents in it move along.
        const folder = pick(folders);
        const [from, to] = ['transcripts', 'archive'].map((n) => path.join(folder, n));
        const [src, dst] = existsSync(from) ? [from, to] : [to, from];
        if (!existsSync(src) || existsSync(dst)) continue;
        renameSync(src, dst);
        for (const [file, { doc }] of [...open]) {
          if (!file.startsWith(src + path.sep)) continue;
          closeFile(file);
          openFile(path.join(dst, path.relative(src, file)), doc.getText());
        }
        renamedInEditor(src, dst);
        if (chance(0.5)) pendingEvents.push([src, DELETED], [dst, CREATED]);
        count('folder renamed');
      } else if (r < 0.89) {
        // A codebook deleted, or restored (sometimes with a code renamed).
        const file = pick(codebooks);
        if (deletedCodebooks.has(file)) {
          const saved = deletedCodebooks.get(file)!;
          deletedCodebooks.delete(file);
          writeFileSync(file, chance(0.3) ? saved.replace('  expertise:\n', '  expert-knowledge:\n') : saved);
          pendingEvents.push([file, CREATED]);
          count('codebook restored');
        } else if (existsSync(file)) {
          deletedCodebooks.set(file, readFileSync(file, 'utf8'));
          unlinkSync(file);
          pendingEvents.push([file, DELETED]);
          count('codebook deleted');
        }
      } else if (r < 0.93) {
        // A workspace folder removed or added.
        const folder = pick(folders);
        if (inWorkspace.includes(folder)) {
          inWorkspace = inWorkspace.filter((f) => f !== folder);
          changeFolders(client, [], [folder]);
          count('folder removed');
        } else {
          inWorkspace = [...inWorkspace, folder];
          changeFolders(client, [folder], []);
          count('folder added');
        }
      } else {
        flushEvents(false);
      }
      // Keep the number of requests in flight bounded, as an editor does.
      if (requests.length >= 20) await drain();
    }
    flushEvents(true);
    await drain();
    // Restore codebooks left deleted half of the time, so that the end state has projects too.
    for (const [file, saved] of deletedCodebooks) {
      if (chance(0.5)) continue;
      writeFileSync(file, saved);
      watched(client, [[file, CREATED]]);
    }

    // The server is still up and answers.
    await scanned(client);

    // A fresh server on the final folders and files, with the same documents open.
    const fresh = new LspClient(work);
    clients.push(fresh);
    await startWithFolders(fresh, inWorkspace);
    for (const [file, { doc, languageId }] of open) fresh.open(file, doc.getText(), languageId, doc.version);
    await scanned(fresh);

    const uris = new Set<string>([...client.diagnostics.keys(), ...fresh.diagnostics.keys()]);
    const picture = (c: LspClient) => [...uris].sort().map((u) => [u, normalize(c.diagnostics.get(u))]);
    try {
      await fresh.waitFor('both servers to publish the same diagnostics', () => {
        for (const u of [...client.diagnostics.keys(), ...fresh.diagnostics.keys()]) uris.add(u);
        return isDeepStrictEqual(picture(client), picture(fresh));
      }, 30_000);
    } catch {
      assert.deepEqual(picture(client), picture(fresh), `diagnostics differ from a fresh server's (seed ${seed}); operations: ${JSON.stringify(counts)}`);
    }
    // The indexes agree beyond diagnostics: projects, their counts, and the tree's top level.
    type Status = { health: string; lastError?: string; projects: unknown[] };
    const [mine, theirs] = await Promise.all([client, fresh].map((c) => c.request<Status>('axial/getStatus', {})));
    assert.equal(mine.health, 'ok', `a feature failed during the run (seed ${seed}): ${mine.lastError}`);
    assert.deepEqual(mine.projects, theirs.projects, `project counts differ from a fresh server's (seed ${seed})`);
    const [treeMine, treeTheirs] = await Promise.all([client, fresh].map((c) => c.request<unknown>('axial/tree/children', {})));
    assert.deepEqual(treeMine, treeTheirs, `the tree differs from a fresh server's (seed ${seed})`);
    assert.ok(Object.keys(counts).length > 10, `too few kinds of operations: ${JSON.stringify(counts)}`);
  }
});

function normalize(ds: Diagnostic[] | undefined): unknown[] {
  return (ds ?? []).map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message }));
}
