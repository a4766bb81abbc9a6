// End to end in a real VS Code: code-server with the packaged VSIX, driven by headless Chromium, running the in-host suite on a copy of examples/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { installExtension, startCodeServer, writeUserSettings, type RunningCodeServer } from './code-server';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const installer = require(path.join(ROOT, 'scripts', 'code-server', 'install.js')) as { ensureAll: () => { entry: string; node: string; chromium: string } };

interface SuiteResult {
  done: boolean;
  vscodeVersion: string;
  checks: { name: string; ok: boolean; detail: string }[];
  diagnostics: Record<string, string[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** Opens the quick input with a key; when a webview (comparison, Markdown preview) holds the focus, it may swallow the key. */
async function openQuickInput(page: Page, key: string) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    // A modal dialog makes the rest of the workbench inert; note what it said and dismiss it.
    const dialog = page.locator('.monaco-dialog-box').filter({ visible: true }).first();
    if (await dialog.count()) {
      console.log(`dismissing a dialog: ${(await dialog.innerText()).replace(/\s+/g, ' ').slice(0, 300)}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    }
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      if (await page.locator('.monaco-dialog-box').filter({ visible: true }).count()) throw new Error('a dialog is open');
      return input;
    } catch (error) {
      if (attempt >= 4) throw error;
      // Give the focus back to the workbench: the side bar's title is inert.
      await page.locator('.part.sidebar .title').first().click();
    }
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  const input = await openQuickInput(page, 'F1');
  await input.fill(`>${title}`);
  // Click the row: Enter would pick whichever row is focused while the list is still filtering.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click({ timeout: 30_000 });
}

async function frameWithText(page: Page, text: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const body = await frame.evaluate<string>('document.body ? document.body.innerText : ""').catch(() => '');
    if (body.includes(text)) return frame;
  }
  return undefined;
}

/** The extension's output channel as VS Code logs it (the language server's messages), for failure reports. */
function streamwiseLogs(userData: string): string {
  const logs: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/streamwise/i.test(entry.name)) logs.push(`--- ${full} ---\n${fs.readFileSync(full, 'utf8').slice(-6000)}`);
    }
  };
  try {
    walk(path.join(userData, 'logs'));
  } catch {
    // No logs written.
  }
  return logs.join('\n') || '(no Streamwise output log found)';
}

describe('VS Code (code-server) end to end', { timeout: 30 * 60_000 }, () => {
  const tmp = tempDir('streamwise-e2e-');
  const workspace = path.join(tmp, 'examples');
  const results = path.join(tmp, 'in-host-results.json');
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let suite: SuiteResult;

  before(async () => {
    const paths = installer.ensureAll();
    const vsix = path.join(tmp, 'streamwise.vsix');
    const packaged = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package-vsix.js'), '--out', vsix, '--stage', path.join(tmp, 'stage')], { encoding: 'utf8' });
    assert.equal(packaged.status, 0, packaged.stderr);
    fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    // With the client typings installed, as in a real project: the bundled server then runs typed analysis on the lib files the VSIX ships.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(workspace, 'node_modules'), 'dir');
    const dirs = { userData: path.join(tmp, 'user-data'), extensions: path.join(tmp, 'extensions') };
    writeUserSettings(dirs.userData);
    installExtension(paths, dirs, vsix);
    server = await startCodeServer(paths, dirs, { STREAMWISE_IN_HOST_TESTS: results });
    browser = await chromium.launch({
      executablePath: paths.chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const shot of ['editor-hover.png', 'comparison.png', 'editor-hover-failure.png']) fs.rmSync(path.join(ARTIFACTS, shot), { force: true });
    suite = await until('the in-host suite results', () => (fs.existsSync(results) ? (JSON.parse(fs.readFileSync(results, 'utf8')) as SuiteResult) : undefined), 10 * 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\n--- code-server log ---\n${server?.log().slice(-4000)}`);
    });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('runs the in-host suite inside VS Code 1.139 and every check passes', () => {
    assert.equal(suite.done, true);
    assert.match(suite.vscodeVersion, /^1\.139\./);
    const retried = suite.checks.filter((c) => c.detail.includes('attempt 1:'));
    if (retried.length > 0) console.log(`retried in host: ${JSON.stringify(retried)}\n${streamwiseLogs(path.join(tmp, 'user-data'))}`);
    const failed = suite.checks.filter((c) => !c.ok);
    assert.deepEqual(failed, [], `${JSON.stringify(suite.checks, null, 2)}\n${streamwiseLogs(path.join(tmp, 'user-data'))}`);
    for (const name of ['diagnostics src/audit.ts', 'quick fix changes the file', 'hover on src/audit.ts', 'comparison view lists the destinations', 'restricted mode drops workspace settings']) {
      assert.ok(suite.checks.some((c) => c.name === name && c.ok), name);
    }
  });

  it('shows squiggles, the status bar counts and a hover with the rule explanation in the workbench', async (t) => {
    t.after(async () => {
      if (!fs.existsSync(path.join(ARTIFACTS, 'editor-hover.png'))) await page.screenshot({ path: path.join(ARTIFACTS, 'editor-hover-failure.png') }).catch(() => undefined);
    });
    // The suite left editors and the comparison view open; start from an empty editor area so audit.ts is the visible editor.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
    const input = await openQuickInput(page, 'Control+P');
    await input.fill('audit.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'audit.ts' }).first().click({ timeout: 30_000 });
    await page.locator('.tab.active', { hasText: 'audit.ts' }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info, .monaco-editor .squiggly-error').filter({ visible: true }).first().waitFor({ timeout: 60_000 });
    // Point the mouse at the flagged XADD (src/audit.ts:9) as a user would; retried because the first hover after
    // opening a file can be dismissed by the editor still settling.
    const hover = page.locator('.monaco-hover', { hasText: 'redis/unbounded-stream' }).filter({ visible: true }).first();
    const line = page.locator('.monaco-editor .view-line', { hasText: "redis.xadd('audit:events'" }).filter({ visible: true }).first();
    await line.waitFor({ timeout: 30_000 });
    const token = line.locator('span', { hasText: /^xadd$/ }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 5);
      await token.hover();
      try {
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
    const status = page.locator('[aria-label^="Streamwise:"]').first();
    await status.waitFor({ timeout: 30_000 });
    assert.match((await status.getAttribute('aria-label')) ?? '', /Streamwise: \d+ errors, [1-9]\d* warnings/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'editor-hover.png') });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'editor-hover.png')).size > 10_000);
  });

  it('opens the comparison view from the command palette and lists the workspace destinations', async () => {
    await page.keyboard.press('Escape');
    await runCommand(page, 'Streamwise: Open Redis vs Kafka Comparison');
    const frame = await until('the comparison webview with the messaging map', () => frameWithText(page, 'orders:stream'), 120_000);
    const text = await frame.evaluate<string>('document.body.innerText');
    for (const name of ['orders:stream', 'shop.orders', 'orders:created', 'queue:emails']) assert.ok(text.includes(name), `${name} missing from the view`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'comparison.png') });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'comparison.png')).size > 10_000);
  });
});
