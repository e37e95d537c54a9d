/**
 * The entry of the reader's worker thread (bundled alone as dist/readWorker.js by
 * esbuild.js, so the thread loads only this and node:fs and starts at once): reads
 * the files it is given and posts their texts in batches (host/readBatches.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readBatches } from './readBatches';

const { files, keepBom } = workerData as { files: string[]; keepBom: boolean };
readBatches(files, (batch) => parentPort!.postMessage(batch), keepBom);
