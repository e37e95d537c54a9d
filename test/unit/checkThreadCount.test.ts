import * as assert from 'node:assert/strict';
import { MIN_FILES_FOR_THREADS, threadCount } from '../../cli/checkWorkers';

describe('axial check: how many threads check a project', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.AXIAL_THREADS;
    delete process.env.AXIAL_THREADS;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AXIAL_THREADS;
    else process.env.AXIAL_THREADS = saved;
  });

  it('one thread on two logical CPUs, idle or not: a second hardware thread of one core does not pay', () => {
    for (const load of [0, 0.5, 1, 3, 8]) assert.equal(threadCount(1000, { cores: 2, load }), 1, `load ${load}`);
  });

  it('a thread per two idle logical CPUs, at most four, on a project large enough', () => {
    assert.equal(threadCount(1000, { cores: 4, load: 0 }), 2);
    assert.equal(threadCount(1000, { cores: 8, load: 0.2 }), 4);
    assert.equal(threadCount(1000, { cores: 8, load: 4 }), 2);
    assert.equal(threadCount(1000, { cores: 32, load: 0 }), 4);
    assert.equal(threadCount(1000, { cores: 8, load: 20 }), 1);
  });

  it('one thread on a small project, whose files are checked before a worker could start', () => {
    assert.equal(threadCount(MIN_FILES_FOR_THREADS - 1, { cores: 8, load: 0 }), 1);
    assert.equal(threadCount(MIN_FILES_FOR_THREADS, { cores: 8, load: 0 }), 2);
  });

  it('AXIAL_THREADS sets the number, whatever the machine', () => {
    process.env.AXIAL_THREADS = '3';
    assert.equal(threadCount(10, { cores: 2, load: 9 }), 3);
    process.env.AXIAL_THREADS = 'many';
    assert.equal(threadCount(1000, { cores: 2, load: 0 }), 1);
  });
});
