/**
 * The CPU time of the calling thread, for the fuzzer's time bound. Wall-clock time
 * of a call grows with the machine's load (on two cores shared by many test runs a
 * 0.2 s call took 1–2 s), while the CPU time the thread itself spent does not, so a
 * bound on CPU time fails only when the call itself is slow.
 *
 * On Linux it reads /proc/thread-self/schedstat (nanoseconds on a CPU for this very
 * thread: a worker thread measures itself, not the process); elsewhere it falls back
 * to the process's CPU time (process.cpuUsage), which also counts other threads, so
 * it can only overstate a call's time.
 */
import * as fs from 'node:fs';

const SCHEDSTAT = '/proc/thread-self/schedstat';

/** Whether the per-thread clock is available (Linux with schedstat). */
export const PER_THREAD = (() => {
  try {
    return Number.isFinite(Number(fs.readFileSync(SCHEDSTAT, 'latin1').split(' ')[0]));
  } catch {
    return false;
  }
})();

/** CPU milliseconds spent so far by this thread (by the process where that is all there is). */
export function cpuMs(): number {
  if (PER_THREAD) {
    try {
      return Number(fs.readFileSync(SCHEDSTAT, 'latin1').split(' ')[0]) / 1e6;
    } catch {
      // fall through to the process clock
    }
  }
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
