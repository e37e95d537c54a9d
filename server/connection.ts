import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { ENCODED_JSON } from './encodedJson';

/**
 * The server's connection, on the transport the command line names (`--stdio`,
 * `--node-ipc`, `--socket=N`, `--pipe=NAME`), as vscode-languageserver chooses it.
 *
 * On stdio the answers are written by our own writer, whose encoder reuses the JSON
 * kept for values answered again and again (server/encodedJson.ts): the same as
 * vscode-languageserver's stdio, with the encoder changed. Naming the writer ourselves
 * turns off the library's redirect of `console` to the client's log, so it is done
 * here: a stray console.log must never write into the protocol's stream. Other
 * transports encode on their own (Node IPC sends objects) and are left as they are.
 */
export function createServerConnection(): Connection {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (transportOf(argv) === undefined) {
    // The library would throw "Connection input stream is not set" with a stack trace.
    process.stderr.write('axial language server: give a transport (--stdio, or --node-ipc, --socket=N, --pipe=NAME); editors start it as node server.js --stdio\n');
    process.exit(2);
  }
  if (!isStdio(argv)) return createConnection(ProposedFeatures.all);
  // The input stays a stream, as on the library's own stdio: it then also exits (0
  // after shutdown, 1 otherwise) when the client closes it. The library takes a
  // stream or a reader in either place at run time; its types want both alike.
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout, { contentTypeEncoder: ENCODED_JSON }));
  const text = (args: unknown[]) => format(...args);
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  console.trace = (...args: unknown[]) => connection.console.log(`Trace: ${text(args)}\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}`);
  console.dir = (arg: unknown) => connection.console.log(format('%O', arg));
  return connection;
}

/** What `--help` prints: how an editor starts the server (README.md, "Other editors"). */
const HELP = `Usage: node server.js --stdio

Axial's language server: diagnostics, hover, completion, references, rename and
code actions for the transcripts, codebook.yaml and memos of Axial projects.
An editor starts it and speaks the Language Server Protocol over the transport:
  --stdio          standard input and output (what editors use)
  --node-ipc       Node's IPC channel
  --socket=N       a TCP socket on port N
  --pipe=NAME      a named pipe
The project is read from the workspace folders the client gives in initialize
(else its rootUri, else its rootPath). See README.md, "Other editors".
`;

/** The first transport argument, as vscode-languageserver reads them; undefined when there is none. */
function transportOf(argv: string[]): string | undefined {
  return argv.find((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));
}

/** True when the first transport argument is `--stdio`. */
function isStdio(argv: string[]): boolean {
  return transportOf(argv) === '--stdio';
}
