// The comparison view's HTML shell: a strict Content-Security-Policy, one nonce'd script and one stylesheet; the script builds the rest.
import { randomBytes } from 'node:crypto';

export interface ComparisonHtmlOptions {
  /** webview.cspSource in VS Code; the origin serving the files in a browser test. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** The bundled files, relative to the package root. */
export const WEBVIEW_SCRIPT = 'dist/webview/comparison.js';
export const WEBVIEW_STYLE = 'dist/webview/comparison.css';

/** 32 alphanumeric characters: valid in a nonce-source without any escaping. */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** No inline scripts or styles and nothing 'unsafe-*': workspace text can only ever become text. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `img-src ${cspSource} data:`].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderComparisonHtml({ cspSource, nonce, scriptUri, styleUri }: ComparisonHtmlOptions): string {
  // A nonce outside [A-Za-z0-9+/=_-] could break out of the policy; CSP sources must not contain ';' or quotes.
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('renderComparisonHtml: the nonce must be at least 16 base64 characters');
  // VS Code's cspSource is a source list such as `'self' https://*.vscode-cdn.net`: allow only 'self' and plain host sources.
  if (!cspSource.split(' ').every((source) => source === "'self'" || /^[A-Za-z0-9*.:/_+-]+$/.test(source))) throw new Error(`renderComparisonHtml: invalid cspSource ${JSON.stringify(cspSource)}`);
  const csp = escapeAttribute(contentSecurityPolicy(cspSource, nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Redis vs Kafka</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading the comparison…</p></main>
<script nonce="${nonce}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>
`;
}
