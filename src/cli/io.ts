// What the CLI writes to and how it reports bad usage; injectable for tests.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Writes exactly `text` to standard output (a fixed source must not gain a newline). */
  write?(text: string): void;
  color: boolean;
}

/** Bad flags or arguments: exit code 2 with a clear message. */
export class UsageError extends Error {}

export function processIO(): CliIO {
  const tty = Boolean(process.stdout.isTTY);
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    write: (t) => process.stdout.write(t),
    // As in Node itself: FORCE_COLOR (other than 0/false) wins over NO_COLOR and forces colour into pipes.
    color: process.env.FORCE_COLOR !== undefined ? !['0', 'false'].includes(process.env.FORCE_COLOR) : tty && !process.env.NO_COLOR,
  };
}
