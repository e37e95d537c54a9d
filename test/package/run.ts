import { spawn } from 'node:child_process';

/** What a finished command printed and how long it took. */
export interface Finished {
  code: number | null;
  /** Standard output and standard error, interleaved as they came. */
  output: string;
  stdout: string;
  ms: number;
}

/**
 * Runs a command with no standard input (a prompt would end it) in its own process
 * group, and kills the whole group when it outlives `timeoutMs` (npm and code-server
 * start children of their own).
 */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let stdout = '';
    child.stdout!.on('data', (d) => {
      output += String(d);
      stdout += String(d);
    });
    child.stderr!.on('data', (d) => (output += String(d)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      reject(new Error(`${cmd} ${args.join(' ')} did not finish within ${opts.timeoutMs / 1000}s (killed)\n${output}`));
    }, opts.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, stdout, ms: Date.now() - started });
    });
  });
}
