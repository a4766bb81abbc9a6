#!/usr/bin/env node
// Bundles the comparison webview (browser script + stylesheet) into dist/webview with esbuild, after type-checking it against the DOM.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const webview = path.join(root, 'src', 'extension', 'webview');

// The root tsconfig has no DOM types, so the browser code is excluded there and checked here on its own.
const tsc = require.resolve('typescript/bin/tsc');
const check = spawnSync(process.execPath, [tsc, '-p', path.join(webview, 'browser', 'tsconfig.json')], { stdio: 'inherit' });
if (check.status !== 0) process.exit(check.status ?? 1);

const common = { bundle: true, logLevel: 'warning', legalComments: 'none', absWorkingDir: root };
Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(webview, 'browser', 'main.ts')],
    outfile: path.join(root, 'dist', 'webview', 'comparison.js'),
    platform: 'browser',
    format: 'iife',
    // The webview runs in VS Code's Chromium; a recent target keeps the bundle close to the source.
    target: 'es2022',
  }),
  esbuild.build({ ...common, entryPoints: [path.join(webview, 'comparison.css')], outfile: path.join(root, 'dist', 'webview', 'comparison.css') }),
]).catch(() => process.exit(1));
