// The debounce window collects the young generation once after each run, never before a run and never twice.
import assert from 'node:assert/strict';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { IdleCollection } from '../../src/server/idle-collection';

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

  it('makes V8 scavenge, without exposing gc as a global', async () => {
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) kinds.push((entry as unknown as { detail: { kind: number } }).detail.kind);
    });
    observer.observe({ entryTypes: ['gc'] });
    try {
      const idle = new IdleCollection();
      // Garbage for the young generation.
      let keep = 0;
      for (let i = 0; i < 10_000; i++) keep += { i }.i;
      assert.ok(keep > 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      kinds.length = 0;
      idle.ranAnalysis();
      idle.windowOpened();
      await turn();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR), `a scavenge was observed (kinds: ${kinds.join(', ')})`);
      assert.equal((globalThis as { gc?: unknown }).gc, undefined);
    } finally {
      observer.disconnect();
    }
  });
});
