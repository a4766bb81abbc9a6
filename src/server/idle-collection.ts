// Young-generation garbage collection in the debounce window, while the server would only wait.
type Collect = (options: { type: 'minor' }) => void;

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
 * the next run starts with an empty young generation. Only the young generation: a full collection
 * of a typed workspace's heap takes 120–250 ms, more than the window, and V8 already does that
 * work incrementally.
 */
export class IdleCollection {
  private readonly collect: Collect | undefined;
  private due = false;
  private queued: NodeJS.Immediate | undefined;

  constructor(collect: Collect | undefined | null = v8Collect()) {
    this.collect = collect ?? undefined;
  }

  /** A run has allocated: the next debounce window collects. */
  ranAnalysis(): void {
    this.due = true;
  }

  /** A debounce window opened: collect now (after the current message is handled), unless done since the last run. */
  windowOpened(): void {
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
  }
}
