/**
 * What every `axial` command does when the reader of its output goes away
 * early (`axial agree | head`, a pager quit): the output simply ends.
 */

/**
 * Makes a closed stdout (EPIPE) end the process quietly, with the exit code
 * so far (0 unless the command already set one); any other write error is one
 * line on stderr and exit 2. Without this, Node reports the EPIPE of a pending
 * write as an unhandled 'error' event with a stack trace. Installed once for
 * the whole CLI (cli/main.ts); calling it again adds nothing.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  if (installed.has(stream)) return;
  installed.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`axial: cannot write the output: ${err.message}\n`);
    process.exit(2);
  });
}

const installed = new WeakSet<NodeJS.WriteStream>();

/**
 * A closed stderr (EPIPE) is ignored: messages are lost, but the command goes on
 * to write its output and exit with its own code. Ending the process as for
 * stdout would cut off the output that a stderr message happened to precede.
 */
export function ignoreClosedStderr(stream: NodeJS.WriteStream = process.stderr): void {
  if (installed.has(stream)) return;
  installed.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.exit(2);
  });
}
