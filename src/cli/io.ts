// What the CLI writes to and how it reports bad usage; injectable for tests.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

/** Bad flags or arguments: exit code 2 with a clear message. */
export class UsageError extends Error {}

export function processIO(): CliIO {
  const tty = Boolean(process.stdout.isTTY);
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    color: tty && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0',
  };
}
