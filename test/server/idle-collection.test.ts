// The debounce window collects the young generation once after each run, never before a run and never twice.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { IdleCollection } from '../../src/server/idle-collection';
import { SERVER_EXEC_ARGV } from '../../src/server/node-options';

const turn = () => new Promise((resolve) => setImmediate(resolve));

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

  it('does nothing where no collector is available', async () => {
    const idle = new IdleCollection(null);
    idle.ranAnalysis();
    idle.windowOpened();
    await turn();
  });

  it('makes V8 scavenge in a server process started with the Node options the extension uses', () => {
    const script = `
      const { PerformanceObserver, constants } = require('node:perf_hooks');
      const { IdleCollection } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'server', 'idle-collection.js'))});
      const kinds = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) kinds.push(e.detail.kind); });
      observer.observe({ entryTypes: ['gc'] });
      setTimeout(() => {
        kinds.length = 0;
        const idle = new IdleCollection();
        idle.ranAnalysis();
        idle.windowOpened();
        setTimeout(() => {
          observer.disconnect();
          process.stdout.write(JSON.stringify({ minor: kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR) }));
        }, 100);
      }, 50);
    `;
    const run = (argv: readonly string[]) => JSON.parse(execFileSync(process.execPath, [...argv, '-e', script], { encoding: 'utf8' })) as { minor: boolean };
    assert.equal(run(SERVER_EXEC_ARGV).minor, true, 'a scavenge was observed');
    assert.equal(run([]).minor, false, 'without --expose-gc nothing is collected on purpose');
  });
});
