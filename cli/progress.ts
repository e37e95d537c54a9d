/**
 * The progress bar of long CLI commands (check, agree, report, export): files
 * read out of files found, on stderr, so stdout stays the command's output. It
 * appears only on a terminal, only once the work has taken about a second (short
 * runs stay as quiet as before), never with --quiet, and it is erased when the
 * work ends.
 */
import { SingleBar } from 'cli-progress';
import { fileProgress } from '../host/nodeFiles';

/** How long work runs before the bar appears, in ms (AXIAL_PROGRESS_DELAY_MS sets it, for tests). */
const delayMs = () => {
  const v = Number(process.env.AXIAL_PROGRESS_DELAY_MS);
  return Number.isFinite(v) && v >= 0 && process.env.AXIAL_PROGRESS_DELAY_MS !== '' ? v : 1000;
};

/** Runs `work`, showing a bar of the project files it reads when it takes long on a terminal. */
export async function withProgress<T>(label: string, opts: { quiet?: boolean }, work: () => Promise<T>): Promise<T> {
  const stream = process.stderr;
  if (opts.quiet || !stream.isTTY) return work();
  const started = Date.now();
  const delay = delayMs();
  let total = 0;
  let done = 0;
  let bar: SingleBar | undefined;
  const show = () => {
    if (!bar) {
      if (Date.now() - started < delay || total === 0) return;
      bar = new SingleBar({ stream, format: `${label} {bar} {value} of {total} files`, barsize: 30, clearOnComplete: true, hideCursor: true, fps: 10 });
      bar.start(total, done);
    } else {
      bar.setTotal(total);
      bar.update(done);
    }
  };
  // A loader may list the files more than once (check lists them twice): the largest listing is the total.
  fileProgress.found = (n) => {
    total = Math.max(total, n);
    show();
  };
  fileProgress.read = () => {
    done++;
    show();
  };
  // Work that reads nothing for a while (one big parse) still shows the bar after the delay.
  const timer = setTimeout(show, delay);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    fileProgress.found = undefined;
    fileProgress.read = undefined;
    bar?.stop();
  }
}
