// A one-line progress indicator on an interactive stderr for runs longer than about a second; silent in pipes and CI.

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  env?: Record<string, string | undefined>;
  /** Milliseconds since some origin; injectable so tests need no real time. */
  now?: () => number;
  /** Phases starting this long after the run began are shown. */
  delayMs?: number;
}

export interface Progress {
  /** Announces a phase; shown when the run is already slow, or `expectSlow` says it will be. */
  phase(label: string, expectSlow?: boolean): void;
  /** Clears the line; call before printing the report. */
  done(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';

/** CI services set CI (GitHub Actions, GitLab, CircleCI, Travis, …); some tools set it to "false" to opt out. */
export function isInteractive(stream: ProgressStream, env: Record<string, string | undefined>): boolean {
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 1000;
  if (!isInteractive(stream, env)) return { phase() {}, done() {} };
  const started = now();
  let frame = 0;
  let shown = false;
  return {
    phase(label, expectSlow = false) {
      if (!expectSlow && now() - started < delay) return;
      stream.write(`${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} ${label}`);
      shown = true;
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}
