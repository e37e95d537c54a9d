/**
 * The fuzz worker thread: generates, checks and minimises cases on request. It
 * runs in its own thread with a memory limit so that an input that blows up (a
 * hang, a heap of gigabytes) is stopped and reported by the runner instead of
 * killing it; minimising runs here too, as a smaller input may hang where the
 * original did not.
 */
import { parentPort } from 'node:worker_threads';
import { generateCase } from './cases';
import { minimise } from './minimise';
import { checkCase } from './properties';
import type { WorkerReply, WorkerRequest } from './protocol';

parentPort!.on('message', (req: WorkerRequest) => {
  if (req.kind === 'checkCase') {
    const report = checkCase(req.case, { boundMs: req.boundMs, caseBoundMs: req.caseBoundMs });
    parentPort!.postMessage({ kind: 'done', seed: req.case.seed, mutations: req.case.mutations, report } satisfies WorkerReply);
    return;
  }
  const c = generateCase(req.seed, req.scale);
  if (req.kind === 'check') {
    const report = checkCase(c, { boundMs: req.boundMs, caseBoundMs: req.caseBoundMs });
    parentPort!.postMessage({ kind: 'done', seed: req.seed, mutations: c.mutations, report } satisfies WorkerReply);
  } else {
    const m = minimise(c, req.property, { boundMs: req.boundMs }, { checks: 300, ms: 10_000 });
    parentPort!.postMessage({ kind: 'minimised', seed: req.seed, codebook: m.input.codebook, transcript: m.input.transcript, edits: m.edits } satisfies WorkerReply);
  }
});
