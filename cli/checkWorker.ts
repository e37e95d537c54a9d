/**
 * The entry point of `axial check`'s worker threads (bundled as
 * dist/cli/checkWorker.js): checks the share of files it is given and sends the
 * diagnostics back (cli/checkWorkers.ts). It loads no command-line code.
 */
import { runCheckWorker } from './checkWorkers';

runCheckWorker();
