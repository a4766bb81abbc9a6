// Throwaway folders for tests, removed when the test process exits (every test file runs in a process of its own).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

process.on('exit', () => {
  for (const dir of made) removeTree(dir);
});

/** A new empty folder under the system's temporary folder, named `prefix` and six random characters. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes a folder a test may have left unreadable (tests of permission errors do): access is given back first. */
function removeTree(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    const reopen = (p: string): void => {
      try {
        const stat = fs.lstatSync(p);
        if (!stat.isDirectory()) return;
        fs.chmodSync(p, 0o700);
        for (const name of fs.readdirSync(p)) reopen(path.join(p, name));
      } catch {
        // Not ours to open (another user's): the second attempt below says what is left.
      }
    };
    reopen(dir);
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      process.stderr.write(`Could not remove the test folder ${dir}: ${(error as Error).message}\n`);
    }
  }
}
