// The comparison webview in headless Chromium with a mocked acquireVsCodeApi: workspace names carrying HTML/script payloads stay text, nothing runs, CSP holds, sites open, keyboard works, state survives a reload.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { COMPARISON } from '../../src/core/comparison';
import type { MessagingMap } from '../../src/core/messaging-map';
import { contentSecurityPolicy, makeNonce, renderComparisonHtml } from '../../src/extension/webview/html';
import { CHROMIUM_ARGS, ensureChromium } from '../helpers/chromium';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'webview');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '"><script>window.__pwned=2</script>';
const JS_URL = 'javascript:alert(1)';

const MAP: MessagingMap = {
  destinations: [
    {
      kind: 'channel',
      name: IMG,
      match: 'exact',
      producers: [{ file: 'src/notify.ts', line: 3, column: 5, client: 'ioredis', command: 'PUBLISH' }],
      consumers: [{ file: `src/${SCRIPT}.ts`, line: 8, column: 1, client: 'ioredis', command: 'PSUBSCRIBE', via: IMG }],
      findings: [{ ruleId: 'redis/pubsub-critical-data', severity: 'error', file: 'src/notify.ts', line: 3, column: 5, message: `Pub/Sub for ${SCRIPT}` }],
    },
    { kind: 'list', name: JS_URL, match: 'exact', producers: [{ file: JS_URL, line: 2, column: 3, client: 'node-redis', command: 'LPUSH' }], consumers: [], findings: [] },
    { kind: 'stream', name: null, match: 'exact', producers: [], consumers: [{ file: 'src/worker.ts', line: 20, column: 9, client: 'ioredis', command: 'XREADGROUP' }], findings: [] },
    {
      kind: 'topic',
      name: SCRIPT,
      match: 'exact',
      producers: [{ file: 'src/orders.ts', line: 12, column: 7, client: 'kafkajs', command: 'send' }],
      consumers: [],
      findings: [],
    },
  ],
};

/** Defines acquireVsCodeApi before the bundle loads; answers 'ready' with 'init' through window.postMessage, keeps state in sessionStorage. */
const mockScript = (init: unknown) => `(() => {
  const init = ${JSON.stringify(init)};
  let acquired = 0;
  window.__posted = [];
  window.__acquired = () => acquired;
  window.acquireVsCodeApi = () => {
    if (++acquired > 1) throw new Error('acquireVsCodeApi may be called only once');
    return {
      postMessage(message) {
        window.__posted.push(JSON.parse(JSON.stringify(message)));
        if (message && message.type === 'ready') setTimeout(() => window.postMessage(Object.assign({ type: 'init' }, init), '*'), 0);
      },
      getState() { const s = sessionStorage.getItem('vscode-state'); return s === null ? undefined : JSON.parse(s); },
      setState(state) { sessionStorage.setItem('vscode-state', JSON.stringify(state)); },
    };
  };
})();`;

interface Posted {
  type: string;
  file?: string;
  line?: number;
  column?: number;
  state?: { answers: Record<string, boolean>; collapsed: string[] };
}

describe('comparison webview in Chromium', { timeout: 15 * 60_000 }, () => {
  let server: http.Server;
  let browser: Browser;
  let page: Page;
  let origin = '';
  let policy = '';
  const cspErrors: string[] = [];
  const pageErrors: string[] = [];
  /** Every request the page made, to prove it loads nothing from anywhere but its own origin. */
  const requests: string[] = [];

  before(async () => {
    for (const f of ['comparison.js', 'comparison.css']) {
      assert.ok(fs.existsSync(path.join(BUNDLE, f)), `dist/webview/${f} is missing: run npm run build`);
    }
    const executablePath = ensureChromium();
    const nonce = makeNonce();
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', origin);
      const send = (type: string, body: string | Buffer, headers: Record<string, string> = {}) => res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers }).end(body);
      if (url.pathname === '/') {
        const html = renderComparisonHtml({ cspSource: origin, nonce, scriptUri: '/comparison.js', styleUri: '/comparison.css' });
        const bundleTag = `<script nonce="${nonce}" src="/comparison.js">`;
        assert.ok(html.includes(bundleTag));
        send('text/html; charset=utf-8', html.replace(bundleTag, `<script nonce="${nonce}" src="/mock.js"></script>\n${bundleTag}`), { 'Content-Security-Policy': policy });
      } else if (url.pathname === '/mock.js') send('text/javascript', mockScript({ comparison: COMPARISON, map: MAP }));
      else if (url.pathname === '/comparison.js') send('text/javascript', fs.readFileSync(path.join(BUNDLE, 'comparison.js')));
      else if (url.pathname === '/comparison.css') send('text/css', fs.readFileSync(path.join(BUNDLE, 'comparison.css')));
      else res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    policy = contentSecurityPolicy(origin, nonce);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const posted = () => page.evaluate('window.__posted') as Promise<Posted[]>;
  const recommendation = () => page.locator('#recommendation .verdict strong').textContent();
  const answer = (legend: string, value: 'yes' | 'no') => page.locator('fieldset.question').filter({ hasText: legend }).locator(`input[value="${value}"]`).check();

  it('serves a policy without unsafe sources, in the header and the meta tag', async () => {
    const response = await page.goto(`${origin}/`);
    const header = response?.headers()['content-security-policy'] ?? '';
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const csp of [header, meta ?? '']) {
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'nonce-[A-Za-z0-9]+'/);
      assert.doesNotMatch(csp, /unsafe-/);
    }
    await page.locator('.destination').first().waitFor();
    assert.equal(await page.getAttribute('#app', 'aria-busy'), 'false');
  });

  it('shows the payloads as literal text and runs none of them', async () => {
    const titles = await page.locator('.destination .toggle-title').allTextContents();
    assert.deepEqual(titles, [`Channel: ${IMG}`, `List: ${JS_URL}`, 'Stream: (name not known statically)', `Topic: ${SCRIPT}`]);
    const body = (await page.textContent('#app')) ?? '';
    for (const text of [`src/${SCRIPT}.ts:8:1`, ` via ${IMG}`, `Pub/Sub for ${SCRIPT}`, `${JS_URL}:2:3`]) assert.ok(body.includes(text), text);
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    // Only the two served scripts exist, and no element came from the payloads.
    assert.equal(await page.locator('script').count(), 2);
    assert.equal(await page.locator('img, a, iframe, [onerror], [href^="javascript"]').count(), 0);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(cspErrors, [], 'our own script and stylesheet load under the policy');
  });

  it('reaches the map buttons with Tab and opens a site with Enter', async () => {
    // Runs before anything is clicked, so Tab starts from the top of the page.
    const focused = () => page.evaluate('[document.activeElement.tagName, document.activeElement.className, document.activeElement.getAttribute("aria-label")]') as Promise<string[]>;
    const seen: string[][] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      seen.push(f);
      if (f[1] === 'site') break;
    }
    const last = seen.at(-1)!;
    assert.equal(last[1], 'site', `Tab order: ${seen.map((s) => s.join(' ')).join(' | ')}`);
    assert.equal(seen[0]?.[1], 'toggle', 'the first Tab stop is a section toggle');
    assert.ok(seen.some((s) => s[0] === 'INPUT'), 'the decision questions are in the tab order');
    assert.equal(last[2], 'Open src/notify.ts at line 3, column 5 (ioredis PUBLISH)');
    // A visible focus indicator: the focus style applies an outline.
    assert.notEqual(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'none');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted()).at(-1), { type: 'open', file: 'src/notify.ts', line: 3, column: 5 });
  });

  it('posts open with the site location when a map site is clicked', async () => {
    await page.getByRole('button', { name: 'Open src/orders.ts at line 12, column 7 (kafkajs send)' }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'open', file: 'src/orders.ts', line: 12, column: 7 });
    await page.getByRole('button', { name: `Open src/${SCRIPT}.ts at line 8, column 1 (ioredis PSUBSCRIBE via ${IMG})` }).click();
    assert.deepEqual((await posted()).at(-1), { type: 'open', file: `src/${SCRIPT}.ts`, line: 8, column: 1 });
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
  });

  it('changes the recommendation with the answers', async () => {
    assert.equal(await page.locator('#recommendation .hint').textContent(), 'Answer the questions to get a recommendation.');
    await answer('Is losing a message acceptable?', 'yes');
    assert.equal(await recommendation(), 'Redis Pub/Sub');
    await answer('Do you need to replay messages?', 'yes');
    assert.equal(await recommendation(), 'Redis Streams');
    await answer('Must messages be kept for a long time?', 'yes');
    assert.equal(await recommendation(), 'Kafka');
    assert.match((await page.locator('#recommendation .reasons').textContent()) ?? '', /retention/);
    await answer('Must messages be kept for a long time?', 'no');
    await answer('Do several independent consumers read the same messages?', 'no');
    assert.equal(await recommendation(), 'Redis Streams');
    const saved = (await posted()).filter((m) => m.type === 'saveState').at(-1);
    assert.deepEqual(saved?.state?.answers, { lossAcceptable: true, replay: true, longRetention: false, independentConsumers: false });
  });

  it('keeps answers and collapsed sections across a reload', async () => {
    const jsList = page.locator('.destination').filter({ hasText: `List: ${JS_URL}` });
    await jsList.locator('button.toggle').click();
    assert.equal(await jsList.locator('button.toggle').getAttribute('aria-expanded'), 'false');
    assert.equal(await jsList.locator('.section-body').isHidden(), true);
    const comparisonToggle = page.locator('section.section button.toggle').filter({ hasText: 'Comparison' });
    await comparisonToggle.click();
    assert.equal(await page.locator('table.comparison').isHidden(), true);

    await page.reload();
    await page.locator('.destination').first().waitFor();
    assert.equal(await page.evaluate('window.__acquired()'), 1);
    assert.equal(await recommendation(), 'Redis Streams');
    assert.equal(await page.locator('fieldset.question').filter({ hasText: 'Do you need to replay' }).locator('input[value="yes"]').isChecked(), true);
    assert.equal(await page.locator('fieldset.question').filter({ hasText: 'losing a message' }).locator('input[value="yes"]').isChecked(), true);
    assert.equal(await jsList.locator('button.toggle').getAttribute('aria-expanded'), 'false');
    assert.equal(await jsList.locator('.section-body').isHidden(), true);
    assert.equal(await page.locator('table.comparison').isHidden(), true);
    // Others stay open.
    assert.equal(await page.locator('.destination').filter({ hasText: `Topic: ${SCRIPT}` }).locator('.section-body').isVisible(), true);

    await comparisonToggle.click();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'webview-comparison.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'webview-comparison.png')).size > 10_000);
    assert.deepEqual(cspErrors, []);
    assert.deepEqual(pageErrors, []);
  });

  it('ignores malformed posts and re-renders the map on a map message', async () => {
    await page.evaluate(`window.postMessage({ type: 'map', map: { destinations: 'x' } }, '*'); window.postMessage({ type: 'init' }, '*')`);
    await page.waitForTimeout(50);
    assert.equal(await page.locator('.destination').count(), 4);
    const one = { destinations: [MAP.destinations[3]] };
    await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'map', map: one })}, '*')`);
    await page.waitForFunction('document.querySelectorAll(".destination").length === 1');
    assert.equal(await page.locator('.destination .toggle-title').textContent(), `Topic: ${SCRIPT}`);
    assert.equal(await recommendation(), 'Redis Streams', 'a map update leaves the decision helper alone');
    await page.evaluate(`window.postMessage({ type: 'map', map: { destinations: [] } }, '*')`);
    await page.getByText('No channels, lists, streams or topics found in this workspace yet.').waitFor();
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    // Had the malformed posts been accepted, rendering them would have thrown.
    assert.deepEqual(pageErrors, []);
  });

  it('blocks inline script in this page, so the checks above are not vacuous', async () => {
    await page.evaluate('{ const s = document.createElement("script"); s.textContent = "window.__probe = 1"; document.body.appendChild(s); }');
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate('typeof window.__probe'), 'undefined');
    assert.ok(cspErrors.length > 0, 'the inline script is refused and reported');
  });

  it('requested nothing but its own files, from its own origin, through every step above', () => {
    assert.ok(requests.length >= 3, requests.join(', '));
    assert.deepEqual(requests.filter((u) => !u.startsWith(`${origin}/`)), []);
  });
});
