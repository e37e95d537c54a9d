/**
 * The CPU time and memory of another process (the server under the stdio fuzz),
 * read from /proc, so that its time bound does not depend on the machine's load,
 * as the in-process bound does not (cpuClock.ts).
 *
 * The clock is the server's main thread (/proc/<pid>/task/<pid>/schedstat: the
 * nanoseconds that thread ran on a CPU), where every request is handled; the
 * garbage collector's helper threads are left out, as in process. Where schedstat
 * is missing it falls back to the whole process's user and system time
 * (/proc/<pid>/stat, in clock ticks of 10 ms), which can only overstate. Without
 * /proc (not Linux) there is no clock, and the caller bounds the wall clock instead.
 */
import * as fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** A reader of one process's CPU time, or undefined where /proc cannot tell. */
export function processClock(pid: number): (() => number) | undefined {
  const schedstat = `/proc/${pid}/task/${pid}/schedstat`;
  const stat = `/proc/${pid}/stat`;
  const fromSchedstat = () => Number(fs.readFileSync(schedstat, 'latin1').split(' ')[0]) / 1e6;
  const fromStat = () => {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are 14 and 15.
    const s = fs.readFileSync(stat, 'latin1');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
  };
  for (const read of [fromSchedstat, fromStat]) {
    try {
      if (Number.isFinite(read())) return () => safely(read);
    } catch {
      // try the next
    }
  }
  return undefined;
}

/** The clock's reading; NaN once the process is gone. */
function safely(read: () => number): number {
  try {
    return read();
  } catch {
    return NaN;
  }
}

/** The process's peak resident memory in MB (VmHWM), or undefined where /proc cannot tell. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
