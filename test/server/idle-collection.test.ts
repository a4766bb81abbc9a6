// The debounce window collects the young generation once after each run, never before a run and never twice; a rest collects the whole heap once.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { IdleCollection } from '../../src/server/idle-collection';
import { SERVER_EXEC_ARGV } from '../../src/server/node-options';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('collection in the debounce window', () => {
  it('collects the young generation once per window, only after a run', async () => {
    const calls: unknown[] = [];
    const idle = new IdleCollection((options) => calls.push(options));
    idle.windowOpened();
    await turn();
    assert.deepEqual(calls, [], 'nothing ran yet: nothing to collect');
    idle.ranAnalysis();
    idle.windowOpened();
    idle.windowOpened();
    assert.deepEqual(calls, [], 'not while the message that opened the window is handled');
    await turn();
    assert.deepEqual(calls, [{ type: 'minor' }]);
    idle.windowOpened();
    await turn();
    assert.equal(calls.length, 1, 'keystrokes within the same window do not collect again');
    idle.ranAnalysis();
    idle.windowOpened();
    idle.cancel();
    await turn();
    assert.equal(calls.length, 1, 'a run that starts first cancels the queued collection');
    idle.windowOpened();
    await turn();
    assert.equal(calls.length, 2, 'the next window collects what that run left');
  });

  it('collects the whole heap once after a rest, never while edits keep coming', async () => {
    const calls: Array<{ type: string } | undefined> = [];
    const majors = () => calls.filter((c) => c === undefined).length;
    const idle = new IdleCollection((options) => calls.push(options), 30);
    idle.ranAnalysis();
    await sleep(80);
    assert.equal(majors(), 1, 'a rest after a run collects the whole heap');
    await sleep(80);
    assert.equal(majors(), 1, 'once per rest');
    idle.ranAnalysis();
    await sleep(10);
    idle.windowOpened();
    await sleep(80);
    assert.equal(majors(), 1, 'a keystroke (a run to come) puts it off');
    idle.cancel();
    idle.ranAnalysis();
    await sleep(10);
    idle.cancel();
    await sleep(80);
    assert.equal(majors(), 1, 'so does a run that starts');
    idle.ranAnalysis();
    await sleep(80);
    assert.equal(majors(), 2, 'the rest after the last run collects');
  });

  it('does nothing where no collector is available', async () => {
    const idle = new IdleCollection(null);
    idle.ranAnalysis();
    idle.windowOpened();
    await turn();
  });

  it('makes V8 scavenge, and collect fully after a rest, in a server process started with the Node options the extension uses', () => {
    const script = `
      const { PerformanceObserver, constants } = require('node:perf_hooks');
      const { IdleCollection } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'server', 'idle-collection.js'))});
      const kinds = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) kinds.push(e.detail.kind); });
      observer.observe({ entryTypes: ['gc'] });
      setTimeout(() => {
        kinds.length = 0;
        const idle = new IdleCollection(undefined, 150);
        idle.ranAnalysis();
        idle.windowOpened();
        setTimeout(() => {
          const minor = kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR);
          kinds.length = 0;
          idle.ranAnalysis();
          setTimeout(() => {
            observer.disconnect();
            process.stdout.write(JSON.stringify({ minor, major: kinds.includes(constants.NODE_PERFORMANCE_GC_MAJOR) }));
          }, 400);
        }, 100);
      }, 50);
    `;
    const run = (argv: readonly string[]) => JSON.parse(execFileSync(process.execPath, [...argv, '-e', script], { encoding: 'utf8' })) as { minor: boolean; major: boolean };
    const server = run(SERVER_EXEC_ARGV);
    assert.equal(server.minor, true, 'a scavenge was observed');
    assert.equal(server.major, true, 'a full collection was observed after the rest');
    const plain = run([]);
    assert.equal(plain.minor, false, 'without --expose-gc nothing is collected on purpose');
    assert.equal(plain.major, false, 'nor after a rest');
  });
});
