import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../lsp/harness';
import { CLI, ScratchRepo, writeProject } from './gitScratch';

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
 * pipefail), with `axial` the bundled CLI and `gh` a stand-in that records the
 * comment it was asked to post. A step whose subcommand this build lacks is skipped.
 */
describe('docs/axial.yml, the GitHub Actions workflow, run locally', function () {
  this.timeout(60000);
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

  /** True when this build of the CLI has the subcommand (and, if given, the option). */
  const has = (command: string, option?: string) => {
    const root = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    if (!new RegExp(`^  ${command} `, 'm').test(root.stdout)) return false;
    const r = spawnSync(process.execPath, [CLI, command, '--help'], { encoding: 'utf8' });
    return r.status === 0 && (!option || r.stdout.includes(option));
  };
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

    bin = path.join(path.dirname(repo.dir), 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'axial'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    // gh: no comment exists yet, so --edit-last fails and the step posts a new one.
    writeFileSync(
      path.join(bin, 'gh'),
      `#!/bin/sh\necho "$@" >> "${path.join(path.dirname(repo.dir), 'gh.log')}"\ncase "$*" in *--edit-last*) exit 1;; esac\ncp axial-diff.md "${path.join(path.dirname(repo.dir), 'comment.md')}"\n`,
    );
    chmodSync(path.join(bin, 'axial'), 0o755);
    chmodSync(path.join(bin, 'gh'), 0o755);
    env = {
      ...repo.env,
      ...workflow.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_STEP_SUMMARY: path.join(path.dirname(repo.dir), 'summary.md'),
    };
  });

  after(() => repo.cleanup());

  it('installs the CLI from $AXIAL_PACKAGE and runs every step of a pull request', () => {
    assert.match(step('install').run!, /npm install --global "\$AXIAL_PACKAGE"/);
    assert.equal(steps[0].uses, 'actions/checkout@v4');
    assert.match(step('diff').if!, /pull_request/);
    assert.match(step('comment').if!, /steps\.diff\.outcome == 'success'/);
  });

  it('check: GitHub annotations for the error, and the job fails', function () {
    if (!has('check', '--format')) this.skip();
    const r = runStep(step('check'));
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^::error file=transcripts\/patient\.md,line=2,col=\d+[^:]*::.*no-such-code/m);
  });

  it('diff and comment: the coding changes as Markdown, posted as a new comment on the pull request', function () {
    if (!has('diff')) this.skip();
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
