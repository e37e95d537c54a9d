// `npm run fuzz -- --minutes 30`: the long fuzz run (test/fuzz/main.ts, through tsx).
// See `npm run fuzz -- --help` for its options.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(root, 'test/fuzz/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
