import type { Command } from 'commander';

/** Usage errors (unknown option, bad --format) exit 2 like every other usage error; help and version exit 0. */
export function usageExits2(cmd: Command): Command {
  return cmd.exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
}
