// The shared message guards and the webview HTML shell: malformed messages are rejected, the CSP is strict and nothing unsafe is allowed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPARISON } from '../../src/core/comparison';
import { destinationKey, isExtensionMessage, isWebviewMessage, sanitizeState } from '../../src/extension/messages';
import { contentSecurityPolicy, makeNonce, renderComparisonHtml } from '../../src/extension/webview/html';

describe('webview messages', () => {
  it('accepts the webview messages and rejects malformed ones', () => {
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'open', file: 'src/a.ts', line: 3, column: 1 }));
    assert.ok(isWebviewMessage({ type: 'saveState', state: { answers: {}, collapsed: [] } }));
    for (const bad of [null, 'ready', {}, { type: 'open', file: '', line: 1, column: 1 }, { type: 'open', file: 'a', line: 0, column: 1 }, { type: 'open', file: 'a', line: 1.5, column: 1 }, { type: 'open', file: 1, line: 1, column: 1 }, { type: 'saveState' }, { type: 'exec', command: 'x' }]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('accepts the extension messages and rejects other posts', () => {
    assert.ok(isExtensionMessage({ type: 'init', comparison: COMPARISON, map: { destinations: [] } }));
    assert.ok(isExtensionMessage({ type: 'map', map: { destinations: [] } }));
    assert.equal(isExtensionMessage({ type: 'init', map: { destinations: [] } }), false);
    assert.equal(isExtensionMessage({ type: 'map', map: {} }), false);
    assert.equal(isExtensionMessage({ type: 'other' }), false);
  });

  it('sanitizes state and keys destinations', () => {
    assert.deepEqual(sanitizeState({ answers: { replay: false, x: true }, collapsed: ['map', 3] }), { answers: { replay: false }, collapsed: ['map'] });
    assert.deepEqual(sanitizeState(undefined), { answers: {}, collapsed: [] });
    assert.notEqual(destinationKey({ kind: 'channel', match: 'exact', name: null }), destinationKey({ kind: 'channel', match: 'exact', name: '' }));
  });
});

describe('renderComparisonHtml', () => {
  const nonce = makeNonce();
  const html = renderComparisonHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, scriptUri: 'https://x/comparison.js?a=1&b="2"', styleUri: 'https://x/comparison.css' });

  it('sets a strict policy with a nonce script and no unsafe sources', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:`);
    assert.doesNotMatch(html, /unsafe-/);
    assert.equal(contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', nonce), csp);
  });

  it('has exactly one script, carrying the nonce, and no inline script or style', () => {
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://x/comparison.js\\?a=1&amp;b=&quot;2&quot;"></script>`));
    assert.doesNotMatch(html, /<style|style=| on[a-z]+=/);
  });

  it('makes distinct alphanumeric nonces and rejects unsafe inputs', () => {
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(makeNonce(), nonce);
    assert.throws(() => renderComparisonHtml({ cspSource: 'x', nonce: "abc' 'unsafe-inline", scriptUri: '', styleUri: '' }), /nonce/);
    assert.throws(() => renderComparisonHtml({ cspSource: "x; script-src 'unsafe-inline'", nonce, scriptUri: '', styleUri: '' }), /cspSource/);
  });
});
