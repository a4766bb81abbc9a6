// The progress line: written only to an interactive stream outside CI, only once the run is slow, and cleared.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgress, isInteractive } from '../../src/cli/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (t: string) => writes.push(t) }, writes };
}

describe('progress', () => {
  it('writes nothing when the stream is not a TTY, however slow the run', () => {
    const { stream, writes } = fakeStream(false);
    let t = 0;
    const p = createProgress({ stream, env: {}, now: () => t });
    t = 60_000;
    p.phase('Linting 3 files…', true);
    p.done();
    assert.deepEqual(writes, []);
  });

  it('writes nothing in CI, even on a TTY', () => {
    for (const CI of ['true', '1', 'woodpecker']) {
      const { stream, writes } = fakeStream(true);
      let t = 0;
      const p = createProgress({ stream, env: { CI }, now: () => t });
      t = 5000;
      p.phase('Linting…');
      p.done();
      assert.deepEqual(writes, [], CI);
    }
    assert.equal(isInteractive({ isTTY: true, write() {} }, { CI: 'false' }), true);
    assert.equal(isInteractive({ isTTY: true, write() {} }, { TERM: 'dumb' }), false);
  });

  it('on a TTY shows phases only after the delay (or when a phase is known to be slow), then clears the line', () => {
    const { stream, writes } = fakeStream(true);
    let t = 100;
    const p = createProgress({ stream, env: {}, now: () => t, delayMs: 1000 });
    p.phase('Finding files…');
    t = 900;
    p.phase('Reading 3 files…');
    assert.deepEqual(writes, [], 'a fast start shows nothing');
    p.phase('Linting 3 files…', true);
    t = 1200;
    p.phase('Fixing: pass 1…');
    p.done();
    assert.equal(writes.length, 3);
    assert.match(writes[0], /^\r\x1b\[2K\S Linting 3 files…$/);
    assert.match(writes[1], /^\r\x1b\[2K\S Fixing: pass 1…$/);
    assert.notEqual(writes[0][5], writes[1][5], 'the spinner moves');
    assert.equal(writes[2], '\r\x1b[2K');
    p.done();
    assert.equal(writes.length, 3, 'cleared once');
  });

  it('clears nothing when nothing was shown', () => {
    const { stream, writes } = fakeStream(true);
    const p = createProgress({ stream, env: {}, now: () => 0 });
    p.phase('Finding files…');
    p.done();
    assert.deepEqual(writes, []);
  });
});
