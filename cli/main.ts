/**
 * The `axial` command: the same core as the editor, over Node's file system,
 * for terminals and CI.
 *
 * This entry point loads almost nothing: a run of one command loads that
 * command's code alone (its chunk in dist/cli/, see esbuild.js), so `axial
 * merge` run by git for every transcript of a merge does not pay for reading
 * Word files or drawing progress bars. The overview (`axial`, `axial --help`,
 * `axial help`, an unknown command) loads every command, so it lists them all.
 */
import type { Command } from 'commander';
import { usageExits2 } from './usageExits';
import { VERSION } from './version';

/** Adds one command to the program. */
type Register = (program: Command) => void;

/** Every command, in the order the overview lists them, each loaded only when asked for. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  check: () => import('./check').then((m) => (p: Command) => void p.addCommand(m.checkCommand())),
  suggest: () => import('./suggest').then((m) => m.registerSuggest),
  merge: () => import('./merge').then((m) => m.registerMerge),
  'init-git': () => import('./initGit').then((m) => m.registerInitGit),
  diff: () => import('./diffCommand').then((m) => m.registerDiff),
  strip: () => import('./strip').then((m) => m.registerStrip),
  agree: () => import('./agree').then((m) => m.registerAgree),
  report: () => import('./report').then((m) => m.registerReport),
  export: () => import('./export').then((m) => m.registerExport),
  query: () => import('./query').then((m) => m.registerQuery),
  import: () => import('./import').then((m) => m.registerImport),
};

async function main(argv: string[]): Promise<void> {
  const first = argv[2];
  // `--version` alone needs no code at all.
  if (argv.length === 3 && (first === '--version' || first === '-V')) {
    process.stdout.write(VERSION + '\n');
    return;
  }
  const one = first !== undefined && Object.hasOwn(COMMANDS, first) ? [COMMANDS[first]] : Object.values(COMMANDS);
  const [{ newProgram }, { quietOnClosedPipe, ignoreClosedStderr }, ...registers] = await Promise.all([import('./program'), import('./closedPipe'), ...one.map((load) => load())]);
  const program = newProgram();
  for (const register of registers) register(program);
  // Commands added with addCommand do not inherit the program's settings, so each
  // gets the override itself: a usage error exits 2 in every command, never
  // commander's 1, which `query` and `agree` use for a result.
  for (const cmd of [program, ...program.commands]) usageExits2(cmd);
  // Every command's output may go to a reader that stops early (`| head`), its messages too (`2>&1 | head`).
  quietOnClosedPipe();
  ignoreClosedStderr();
  await program.parseAsync(argv);
}

main(process.argv).catch((err: unknown) => {
  process.stderr.write(`axial: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
