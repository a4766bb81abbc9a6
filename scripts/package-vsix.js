#!/usr/bin/env node
// `npm run package`: bundles the extension, the language server and the webview with esbuild into a staging folder and packs it with @vscode/vsce.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
// Relative links in README.md point at the repository, as the rule doc links do.
const REPOSITORY = 'https://github.com/streamwise/streamwise';

/** Manifest fields the VSIX keeps; scripts, bin and dependencies stay out (everything is bundled). */
const MANIFEST_FIELDS = ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'engines', 'categories', 'keywords', 'repository', 'activationEvents', 'capabilities', 'contributes'];

// Bundles keep the tsc layout (dist/src/...), so code that finds rules/ relative to __dirname works unchanged.
const BUNDLES = [
  ['src/extension/extension.ts', 'dist/src/extension/extension.js'],
  ['src/server/main.ts', 'dist/src/server/main.js'],
  // The in-host suite as a module of its own, for @vscode/test-electron's extensionTestsPath.
  ['src/extension/test-suite/index.ts', 'dist/src/extension/test-suite/index.js'],
];
const COPIES = ['rules', 'snippets', 'README.md', 'LICENSE', 'dist/webview'];

function parseArgs(argv) {
  const options = { out: path.join(root, 'streamwise.vsix'), stage: path.join(root, 'dist', 'vsix') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') options.out = path.resolve(argv[++i]);
    else if (argv[i] === '--stage') options.stage = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --out FILE, --stage DIR)`);
  }
  return options;
}

function manifest() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = {};
  for (const field of MANIFEST_FIELDS) if (pkg[field] !== undefined) out[field] = pkg[field];
  out.engines = { vscode: pkg.engines.vscode };
  out.main = './dist/src/extension/extension.js';
  return out;
}

async function bundle(stage) {
  for (const [entry, outfile] of BUNDLES) {
    if (!fs.existsSync(path.join(root, entry))) throw new Error(`${entry} is missing; it is needed for the VSIX`);
    await esbuild.build({
      entryPoints: [path.join(root, entry)],
      outfile: path.join(stage, outfile),
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode'],
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'error',
    });
  }
}

/** The lib files typed analysis loads and every lib they reference: the bundle has no node_modules to find them in. */
function copyTypescriptLibs(stage) {
  const { TYPED_ANALYSIS_LIBS } = require('../dist/src/core/program');
  const from = path.dirname(require.resolve('typescript/lib/lib.d.ts'));
  const to = path.join(stage, 'dist', 'typescript-lib');
  fs.mkdirSync(to, { recursive: true });
  const pending = [...TYPED_ANALYSIS_LIBS];
  const seen = new Set();
  while (pending.length > 0) {
    const name = pending.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    const text = fs.readFileSync(path.join(from, name), 'utf8');
    fs.writeFileSync(path.join(to, name), text);
    for (const m of text.matchAll(/\/\/\/\s*<reference\s+lib="([^"]+)"/g)) pending.push(`lib.${m[1].toLowerCase()}.d.ts`);
  }
}

async function main() {
  const { out, stage } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(root, 'dist', 'webview', 'comparison.js'))) {
    const built = spawnSync(process.execPath, [path.join(__dirname, 'build-webview.js')], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the webview failed');
  }
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  await bundle(stage);
  copyTypescriptLibs(stage);
  for (const item of COPIES) {
    const from = path.join(root, item);
    if (!fs.existsSync(from)) throw new Error(`${item} is missing; it is needed for the VSIX`);
    fs.cpSync(from, path.join(stage, item), { recursive: true });
  }
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest(), null, 2) + '\n');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const vsce = require.resolve('@vscode/vsce/vsce');
  // --no-dependencies: the staging folder has no node_modules, everything is in the bundles.
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--baseContentUrl', `${REPOSITORY}/blob/main/`, '--baseImagesUrl', `${REPOSITORY}/raw/main/`, '--out', out], { cwd: stage, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vsce package exited with ${result.status}`);
}

main().catch((error) => {
  process.stderr.write(`package: ${error.message}\n`);
  process.exit(1);
});
