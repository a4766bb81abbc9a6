// Garbage collection while the server would only wait: the young generation in the debounce window, the whole heap once it rests.
/** V8's `gc`: the young generation with `{ type: 'minor' }`, the whole heap without options (Node 20's V8 reads `{ type: 'major' }` as minor). */
type Collect = (options?: { type: 'minor' }) => void;

/** How long without a run before the whole heap is collected once. */
export const RESTING_MS = 10_000;

/**
 * V8's own `gc` function, which Node exposes under `--expose-gc` (in SERVER_EXEC_ARGV). A server
 * started without it (another editor's command line) simply collects as V8 decides.
 */
function v8Collect(): Collect | undefined {
  const global = (globalThis as { gc?: Collect }).gc;
  return typeof global === 'function' ? global : undefined;
}

/**
 * Each run leaves a young generation full of its garbage, and the survivors (the new program and
 * checker) make the next scavenge expensive: 13–27 ms measured on the benchmark's 2,000-line file,
 * about every third run. When it falls due inside a run the user waits for it. The debounce window
 * is time the server spends waiting anyway, so a scavenge is made to happen there, once per window:
 * the next run starts with an empty young generation. Only the young generation there: a full
 * collection takes longer than the window.
 *
 * The old generation fills with the programs and checkers of earlier runs, and V8 left it full
 * while the server rested (after 100 edits of the benchmark's file: 468 MB of heap, 664 MB
 * resident, unchanged 20 s later). So once no run has come for RESTING_MS, the whole heap is
 * collected, once (about 70 ms there: 187 MB of heap left, 372 MB resident). A keystroke or a run
 * in the meantime puts it off.
 */
export class IdleCollection {
  private readonly collect: Collect | undefined;
  private due = false;
  private queued: NodeJS.Immediate | undefined;
  private resting: NodeJS.Timeout | undefined;

  constructor(
    collect: Collect | undefined | null = v8Collect(),
    private readonly restingMs = RESTING_MS,
  ) {
    this.collect = collect ?? undefined;
  }

  /** A run has allocated: the next debounce window collects, and so does a rest that follows. */
  ranAnalysis(): void {
    this.due = true;
    const collect = this.collect;
    if (!collect) return;
    this.stopResting();
    this.resting = setTimeout(() => {
      this.resting = undefined;
      collect();
    }, this.restingMs);
    // A pending collection never keeps the process alive.
    this.resting.unref();
  }

  /** A debounce window opened: collect now (after the current message is handled), unless done since the last run. */
  windowOpened(): void {
    // A run follows the window: a full collection now would only delay it.
    this.stopResting();
    const collect = this.collect;
    if (!this.due || this.queued || !collect) return;
    this.queued = setImmediate(() => {
      this.queued = undefined;
      this.due = false;
      collect({ type: 'minor' });
    });
  }

  /** A run starts: a collection still queued would only delay it. */
  cancel(): void {
    if (this.queued) clearImmediate(this.queued);
    this.queued = undefined;
    this.stopResting();
  }

  private stopResting(): void {
    if (this.resting) clearTimeout(this.resting);
    this.resting = undefined;
  }
}
