// Installs what the tests need beyond npm: Debian's neovim (the second LSP client),
// libxml2-utils (xmllint, which validates REFI-QDA exports against the schema),
// R with psych (the reference for Cohen's kappa in the agreement tests) and the
// cached code-server with Chromium (the real VS Code). As root it
// installs missing Debian packages itself; otherwise it says what to install.
import { spawnSync } from 'node:child_process';
import { ensureCodeServer } from './code-server/install.mjs';

const APT = ['neovim', 'r-cran-psych', 'libxml2-utils'];

function installed(pkg) {
  const r = spawnSync('dpkg', ['-s', pkg], { encoding: 'utf8' });
  return r.status === 0 && /^Status: install ok installed$/m.test(r.stdout);
}

const missing = APT.filter((p) => !installed(p));
if (missing.length) {
  if (process.getuid?.() !== 0) {
    console.error(`axial: missing Debian packages: ${missing.join(' ')}. Run: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`axial: apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
await ensureCodeServer();
