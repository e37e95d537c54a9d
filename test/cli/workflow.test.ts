import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../lsp/harness';
import { ScratchRepo } from '../helpers/scratchGit';
import { writeProject } from './gitScratch';
import { npmEnv, packAxial } from './npmPack';

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}

/**
 * Runs the shell commands of docs/axial.yml, the GitHub Actions workflow, on a
 * scratch repository with a pull request branch, as the runner would (bash -e -o
 * pipefail): every step, the install included: `npm pack` of this repository is
 * committed where the workflow's AXIAL_PACKAGE says, installed globally (into a
 * scratch prefix, with no registry reachable), and the installed `axial` runs the
 * other steps. `gh` is a stand-in that records the comment it was asked to post.
 */
describe('docs/axial.yml, the GitHub Actions workflow, run locally', function () {
  this.timeout(180_000); // npm pack builds the production bundles
  const workflow = parse(readFileSync(path.join(REPO, 'docs', 'axial.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }>; env: Record<string, string> };
  const steps = Object.values(workflow.jobs)[0].steps;
  const step = (id: string) => {
    const s = steps.find((x) => x.id === id);
    assert.ok(s?.run, `the workflow has a step with id ${id} and a run script`);
    return s;
  };
  let repo: ScratchRepo;
  let bin: string;
  let env: NodeJS.ProcessEnv;

  const runStep = (s: Step) => {
    const stepEnv = { ...env };
    for (const [k, v] of Object.entries(s.env ?? {})) {
      // The expressions the runner would fill in, for this pull request.
      const values: Record<string, string> = { '${{ github.base_ref }}': 'main', '${{ github.token }}': 'token', '${{ github.event.pull_request.number }}': '7' };
      assert.ok(v in values, `unexpected expression ${v}`);
      stepEnv[k] = values[v];
    }
    return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], { cwd: repo.dir, env: stepEnv, encoding: 'utf8' });
  };

  before(() => {
    repo = new ScratchRepo();
    writeProject(repo, 'I: Did you trust her?\nP: Yes, I trusted her a lot.\n');
    repo.commitAll('base');
    const origin = path.join(path.dirname(repo.dir), 'origin.git');
    repo.git('clone', '-q', '--bare', repo.dir, origin);
    repo.git('remote', 'add', 'origin', origin);
    repo.git('fetch', '-q', 'origin');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('transcripts/patient.md', 'I: Did you trust her?\nP: {{Yes, I trusted her a lot.}}{#trust @CA} {{Yes}}{#no-such-code}\n');
    repo.commitAll('code the answer');

    // The packed CLI, committed where the workflow installs it from.
    const pack = packAxial();
    assert.equal(workflow.env.AXIAL_PACKAGE, `./tools/${pack.filename}`, 'the workflow installs the tarball npm pack makes');
    mkdirSync(path.join(repo.dir, 'tools'));
    copyFileSync(pack.tarball, path.join(repo.dir, workflow.env.AXIAL_PACKAGE));
    repo.commitAll('vendor the Axial CLI');

    const scratch = path.dirname(repo.dir);
    const prefix = path.join(scratch, 'global');
    bin = path.join(scratch, 'bin');
    mkdirSync(bin);
    // gh: no comment exists yet, so --edit-last fails and the step posts a new one.
    writeFileSync(
      path.join(bin, 'gh'),
      `#!/bin/sh\necho "$@" >> "${path.join(scratch, 'gh.log')}"\ncase "$*" in *--edit-last*) exit 1;; esac\ncp axial-diff.md "${path.join(scratch, 'comment.md')}"\n`,
    );
    chmodSync(path.join(bin, 'gh'), 0o755);
    const base = npmEnv(repo.env, scratch);
    env = {
      ...base,
      ...workflow.env,
      // `npm install --global` installs here, and its bin folder is on the PATH, as on the runner.
      npm_config_prefix: prefix,
      PATH: `${bin}${path.delimiter}${path.join(prefix, 'bin')}${path.delimiter}${base.PATH}`,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_STEP_SUMMARY: path.join(scratch, 'summary.md'),
      RUNNER_TEMP: path.join(scratch, 'runner-temp'),
    };
    mkdirSync(env.RUNNER_TEMP!);
  });

  after(() => repo.cleanup());

  it('the steps: checkout with history, install from $AXIAL_PACKAGE, check, then diff and comment on pull requests only', () => {
    assert.equal(steps[0].uses, 'actions/checkout@v4');
    assert.match(step('install').run!, /npm pack .*"\$AXIAL_PACKAGE"/);
    assert.match(step('install').run!, /npm install --global /);
    assert.doesNotMatch(JSON.stringify(workflow), /npm install[^"]* axial(@|\s|")/, 'never the unrelated npm package named axial');
    assert.match(step('diff').if!, /pull_request/);
    assert.match(step('comment').if!, /steps\.diff\.outcome == 'success'/);
  });

  it('install: the committed tarball, installed globally with no registry, answers as axial', () => {
    const r = runStep(step('install'));
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /^0\.1\.0$/m);
    const which = spawnSync('bash', ['-c', 'command -v axial'], { env, encoding: 'utf8' });
    assert.equal(which.stdout.trim(), path.join(env.npm_config_prefix!, 'bin', 'axial'));
  });

  it('check: GitHub annotations for the error, and the job fails', () => {
    const r = runStep(step('check'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^::error file=transcripts\/patient\.md,line=2,col=\d+[^:]*::.*no-such-code/m);
  });

  it('diff and comment: the coding changes as Markdown, posted as a new comment on the pull request', () => {
    const d = runStep(step('diff'));
    assert.equal(d.status, 0, d.stderr);
    const md = readFileSync(path.join(repo.dir, 'axial-diff.md'), 'utf8');
    assert.match(md, /transcripts\/patient\.md/);
    assert.match(md, /Yes, I trusted her a lot\./);
    assert.equal(readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8'), md);

    const c = runStep(step('comment'));
    assert.equal(c.status, 0, c.stderr);
    const log = readFileSync(path.join(path.dirname(repo.dir), 'gh.log'), 'utf8');
    assert.equal(log, 'pr comment 7 --edit-last --body-file axial-diff.md\npr comment 7 --body-file axial-diff.md\n');
    assert.ok(existsSync(path.join(path.dirname(repo.dir), 'comment.md')));
    assert.equal(readFileSync(path.join(path.dirname(repo.dir), 'comment.md'), 'utf8'), md);
  });
});
