// Young-generation garbage collection in the debounce window, while the server would only wait.
import v8 from 'node:v8';
import vm from 'node:vm';

type Collect = (options?: { type: 'minor' | 'major' }) => void;

/**
 * V8's own `gc` function. Node exposes it only under `--expose-gc`; setting that flag at run time
 * and reading `gc` from a fresh context gives the same function without a global `gc` in the server
 * (other editors start `streamwise lsp` without Node options). Undefined where that is refused.
 */
function v8Collect(): Collect | undefined {
  const global = (globalThis as { gc?: Collect }).gc;
  if (typeof global === 'function') return global;
  try {
    v8.setFlagsFromString('--expose-gc');
    const collect: unknown = vm.runInNewContext('gc');
    return typeof collect === 'function' ? (collect as Collect) : undefined;
  } catch {
    return undefined;
  }
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
    if (!this.due || this.queued || !this.collect) return;
    this.queued = setImmediate(() => {
      this.queued = undefined;
      if (!this.due) return;
      this.due = false;
      this.collect?.({ type: 'minor' });
    });
  }

  /** A run starts: a collection still queued would only delay it. */
  cancel(): void {
    if (this.queued) clearImmediate(this.queued);
    this.queued = undefined;
  }
}
