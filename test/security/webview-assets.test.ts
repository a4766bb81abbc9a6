// The comparison webview as built: its script and stylesheet reference nothing remote, fetch nothing, and have no way to turn text into markup or code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { makeNonce, renderComparisonHtml } from '../../src/extension/webview/html';
import { ROOT } from '../helpers/cli';

const BUNDLE = path.join(ROOT, 'dist', 'webview');
const read = (f: string) => fs.readFileSync(path.join(BUNDLE, f), 'utf8');

describe('webview assets (dist/webview)', () => {
  it('exist: npm run build made them', () => {
    for (const f of ['comparison.js', 'comparison.css']) assert.ok(fs.existsSync(path.join(BUNDLE, f)), f);
  });

  it('name no remote URL, in the script, the stylesheet or the HTML shell', () => {
    const html = renderComparisonHtml({ cspSource: "'self'", nonce: makeNonce(), scriptUri: 'comparison.js', styleUri: 'comparison.css' });
    for (const [name, text] of [['comparison.js', read('comparison.js')], ['comparison.css', read('comparison.css')], ['HTML shell', html]]) {
      assert.deepEqual(text.match(/\b(https?|wss?|ftp):\/\/[^\s'"`)]*/gi) ?? [], [], name);
      assert.doesNotMatch(text, /\/\/[a-z0-9.-]+\.[a-z]{2,}\//i, `${name}: no protocol-relative URL`);
    }
  });

  it('the script has no network API and no way to run or inject strings as code or markup', () => {
    const js = read('comparison.js');
    const forbidden = ['fetch(', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'importScripts', 'import(', 'eval(', 'Function(', 'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'srcdoc', 'setAttribute("on', "setAttribute('on", '.src =', '.href ='];
    assert.deepEqual(forbidden.filter((f) => js.includes(f)), []);
    assert.doesNotMatch(js, /setTimeout\(\s*["'`]/, 'no string timers');
  });

  it('the stylesheet loads nothing: no @import and no url() but inline data', () => {
    const css = read('comparison.css');
    assert.doesNotMatch(css, /@import/i);
    for (const m of css.matchAll(/url\(\s*['"]?([^'")]*)/gi)) assert.match(m[1], /^data:/, m[0]);
  });
});
