// Finds Debian's chromium for browser tests, installing it with apt-get when missing (tests run as root on CI); fails loudly otherwise.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep a headless run quiet and offline. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function aptGet(args: string[]): { ok: boolean; output: string } {
  // Another test (or an unattended upgrade) may hold the dpkg lock: wait for it instead of failing.
  const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return { ok: r.status === 0, output: `${r.error?.message ?? ''}${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  let attempt = aptGet(['install', '-y', 'chromium']);
  // A fresh machine may have no package lists yet.
  if (!attempt.ok) {
    aptGet(['update']);
    attempt = aptGet(['install', '-y', 'chromium']);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is required at ${CHROMIUM} for this test and 'apt-get install -y chromium' did not provide it (needs root and Debian's package repository):\n${attempt.output.slice(-2000)}`);
  }
  return CHROMIUM;
}
