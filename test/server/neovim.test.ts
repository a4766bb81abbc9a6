// Neovim's built-in LSP client, headless, starts `streamwise lsp` for a TypeScript buffer and receives its diagnostics.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BIN, ROOT } from './lsp-client';
import { tempDir } from '../helpers/temp';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'lsp');
const INIT = path.join(ROOT, 'test', 'server', 'neovim-init.lua');

const hasNvim = () => spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;

/** Installs the Debian package when nvim is missing; returns why it is impossible, or undefined when nvim is there. */
function ensureNeovim(): string | undefined {
  if (hasNvim()) return undefined;
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return 'nvim is not installed and apt-get is not available to install the neovim package';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', 'neovim'], { encoding: 'utf8', env });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env });
    install = spawnSync('apt-get', ['install', '-y', 'neovim'], { encoding: 'utf8', env });
  }
  if (install.status !== 0 || !hasNvim()) return `apt-get install -y neovim failed (exit ${install.status}): ${(install.stderr || '').trim().split('\n').slice(-3).join(' ')}`;
  return undefined;
}

describe('streamwise lsp in Neovim', () => {
  it('publishes diagnostics to Neovim\'s built-in client', (t) => {
    const missing = ensureNeovim();
    if (missing) {
      t.skip(`Neovim unavailable: ${missing}`);
      return;
    }
    const dir = tempDir('sw-nvim-');
    const out = path.join(dir, 'diagnostics.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', INIT], {
      encoding: 'utf8',
      cwd: FIXTURE,
      timeout: 120_000,
      env: { ...process.env, SW_OUT: out, SW_FILE: path.join(FIXTURE, 'src', 'orders.ts'), SW_ROOT: FIXTURE, SW_NODE: process.execPath, SW_BIN: BIN, SW_WAIT_MS: '60000', XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir },
    });
    assert.ok(fs.existsSync(out), `nvim wrote no result (exit ${r.status}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: { code: string; lnum: number; col: number; source: string }[] };
    assert.equal(result.ok, true, 'diagnostics arrived');
    assert.deepEqual(result.diagnostics.map((d) => d.code).sort(), ['arch/orphan-destination', 'redis/exact-stream-trim', 'redis/pubsub-critical-data']);
    const trim = result.diagnostics.find((d) => d.code === 'redis/exact-stream-trim')!;
    assert.deepEqual([trim.lnum, trim.col, trim.source], [6, 8, 'streamwise']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
