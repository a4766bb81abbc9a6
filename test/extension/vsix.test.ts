// `npm run package`: the VSIX holds the bundles, rules, snippets, README and LICENSE, no node_modules, and a manifest for VS Code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readZipEntries, readZipText } from './zip';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('VSIX package', () => {
  const tmp = tempDir('streamwise-vsix-');
  const vsix = path.join(tmp, 'streamwise.vsix');
  let zip: ReturnType<typeof readZipEntries>;
  let names: string[];
  let manifest: Record<string, any>;

  before(() => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package-vsix.js'), '--out', vsix, '--stage', path.join(tmp, 'stage')], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    zip = readZipEntries(vsix);
    names = zip.entries.map((e) => e.name);
    manifest = JSON.parse(readZipText(zip, 'extension/package.json'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('contains the bundles and the shipped files, and no node_modules', () => {
    assert.deepEqual(names.filter((n) => n.includes('node_modules')), []);
    for (const file of ['dist/src/extension/extension.js', 'dist/src/server/main.js', 'dist/webview/comparison.js', 'dist/webview/comparison.css', 'snippets/typescript.json', 'snippets/javascript.json', 'README.md', 'LICENSE.txt']) {
      assert.ok(names.includes(`extension/${file}`), `missing ${file}`);
    }
    const docs = fs.readdirSync(path.join(ROOT, 'rules')).flatMap((g) => fs.readdirSync(path.join(ROOT, 'rules', g)).map((f) => `extension/rules/${g}/${f}`));
    assert.ok(docs.length >= 14);
    for (const doc of docs) assert.ok(names.includes(doc), `missing ${doc}`);
    // Only what the extension needs at run time: no sources, maps or tests; TypeScript's lib files for typed analysis.
    const libs = names.filter((n) => n.startsWith('extension/dist/typescript-lib/'));
    assert.ok(libs.includes('extension/dist/typescript-lib/lib.es2022.d.ts'), libs.join(', '));
    assert.ok(!libs.includes('extension/dist/typescript-lib/lib.dom.d.ts'), 'ships the DOM lib typed analysis does not load');
    assert.deepEqual(names.filter((n) => !libs.includes(n) && (/\.(ts|map)$/.test(n) || n.includes('/test/'))), []);
  });

  it('has a manifest that runs the bundled client, not the engine, and carries no dependencies', () => {
    assert.equal(manifest.main, './dist/src/extension/extension.js');
    assert.ok(names.includes(`extension/${manifest.main.slice(2)}`));
    for (const field of ['dependencies', 'devDependencies', 'scripts', 'bin']) assert.equal(manifest[field], undefined, field);
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
    for (const lang of ['typescript', 'javascript', 'typescriptreact', 'javascriptreact']) assert.ok(manifest.activationEvents.includes(`onLanguage:${lang}`), lang);
    const commands = manifest.contributes.commands.map((c: { command: string; title: string; category: string }) => `${c.category}: ${c.title}`);
    assert.deepEqual(commands.sort(), ['Streamwise: Explain Rule…', 'Streamwise: Lint Workspace', 'Streamwise: Open Redis vs Kafka Comparison', 'Streamwise: Show Output']);
    const props = manifest.contributes.configuration.properties as Record<string, { description?: string; markdownDescription?: string }>;
    for (const key of ['streamwise.enable', 'streamwise.rules', 'streamwise.criticalVocabulary', 'streamwise.ephemeralVocabulary']) assert.ok(props[key], key);
    for (const [key, p] of Object.entries(props)) assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} has no description`);
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.restrictedConfigurations.includes('streamwise.rules'));
    for (const s of manifest.contributes.snippets) assert.ok(names.includes(`extension/${s.path.replace(/^\.\//, '')}`), s.path);
  });

  it('keeps the root package.json an npm package with the streamwise bin', () => {
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(root.bin.streamwise, 'bin/streamwise.js');
    assert.notEqual(root.main, manifest.main);
  });

  it('prints the messaging map from the bundled server when no server runs (--messaging-map)', () => {
    const server = path.join(tmp, 'stage', 'dist', 'src', 'server', 'main.js');
    const result = spawnSync(process.execPath, [server, '--messaging-map', path.join(ROOT, 'examples')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const map = JSON.parse(result.stdout) as { destinations: { name: string; kind: string }[] };
    assert.ok(map.destinations.length >= 3, result.stdout);
    assert.ok(map.destinations.some((d) => d.kind === 'topic'), result.stdout);
  });

  it('bundles everything but vscode and Node built-ins into the client', () => {
    const client = readZipText(zip, 'extension/dist/src/extension/extension.js');
    const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    assert.deepEqual([...required].filter((r) => r !== 'vscode' && !builtins.has(r)), []);
    assert.ok(required.has('vscode'));
  });
});
