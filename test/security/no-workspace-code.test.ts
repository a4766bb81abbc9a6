// Nothing from a workspace is ever executed and nothing leaves the process: the sources load only literal module paths, and lint, --fix, compare, --stdin and the language server run a booby-trapped workspace under a sandbox that records every attempt.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { project, ROOT, runCli } from '../helpers/cli';
import { startClient, uriOf } from '../server/lsp-client';

/** Source files that may start processes, and why: the extension runs its own bundled map worker, never workspace code. */
const MAY_SPAWN: Record<string, string> = { 'src/extension/messaging-map.ts': 'forks dist/src/extension/map-worker.js, a path inside the extension' };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && /\.ts$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

describe('the sources load no code chosen at run time', () => {
  const files = sourceFiles(path.join(ROOT, 'src'));

  it('every require(), require.resolve() and import() takes a string literal; no eval, Function, vm, createRequire or dlopen', () => {
    const problems: string[] = [];
    for (const file of files) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const at = (n: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n)) {
          const callee = n.expression;
          const name = callee.getText(sf);
          const loads = callee.kind === ts.SyntaxKind.ImportKeyword || name === 'require' || name === 'require.resolve';
          if (loads && !(n.arguments.length === 1 && ts.isStringLiteralLike(n.arguments[0]))) problems.push(`${at(n)}: ${name}() of a computed path`);
          if (['eval', 'Function', 'createRequire', 'process.dlopen', 'Module._load'].includes(name)) problems.push(`${at(n)}: ${name}()`);
        }
        if (ts.isNewExpression(n) && n.expression.getText(sf) === 'Function') problems.push(`${at(n)}: new Function()`);
        if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
          const spec = n.moduleSpecifier.text;
          if (/^(node:)?(vm|module|worker_threads)$/.test(spec)) problems.push(`${at(n)}: imports ${spec}`);
          if (/^(node:)?child_process$/.test(spec) && !MAY_SPAWN[rel]) problems.push(`${at(n)}: imports ${spec}`);
        }
        n.forEachChild(visit);
      };
      visit(sf);
    }
    assert.deepEqual(problems, []);
    assert.ok(files.length > 50, `only ${files.length} source files found`);
  });
});

/** Every way a workspace might get code run: configs in JavaScript, package hooks, plugins, client packages, imports. */
function boobyTrappedWorkspace(): string {
  const marker = (name: string) => `require('fs').writeFileSync(require('path').join(${JSON.stringify('%DIR%')}, 'PWNED-${name}'), 'ran');\nmodule.exports = {};\n`;
  const files: Record<string, string> = {
    'streamwise.config.js': marker('streamwise.config.js'),
    'streamwise.config.cjs': marker('streamwise.config.cjs'),
    'streamwise.config.mjs': marker('streamwise.config.mjs'),
    '.eslintrc.js': marker('eslintrc'),
    'eslint.config.js': marker('eslint.config'),
    'evil.js': marker('evil.js'),
    'tsconfig.json': JSON.stringify({ compilerOptions: { plugins: [{ name: 'evil-plugin' }] } }),
    'node_modules/evil-plugin/package.json': JSON.stringify({ name: 'evil-plugin', main: 'index.js' }),
    'node_modules/evil-plugin/index.js': marker('tsserver-plugin'),
    // A client package whose typings Streamwise reads (typed mode) and whose code it must never load.
    'node_modules/ioredis/package.json': JSON.stringify({ name: 'ioredis', version: '5.0.0', main: 'index.js', types: 'index.d.ts', scripts: { postinstall: 'node ../../evil.js' } }),
    'node_modules/ioredis/index.js': marker('ioredis'),
    'node_modules/ioredis/index.d.ts': 'export default class Redis { constructor(url?: string); xadd(key: string, ...args: (string | number)[]): Promise<string>; publish(channel: string, message: string): Promise<number>; }\n',
    'src/app.ts': [
      "import Redis from 'ioredis';",
      "import './evil.js';",
      "const plugin = require('evil-plugin');",
      "export const later = () => import('../evil.js');",
      'const redis = new Redis();',
      "export const add = () => redis.xadd('audit', 'MAXLEN', 100, '*', 'k', 'v');",
      "export const pub = () => redis.publish('orders:paid', JSON.stringify(plugin));",
      '',
    ].join('\n'),
    'src/evil.js': marker('src-evil.js'),
  };
  const dir = project(files, 'sw-trap-');
  for (const f of Object.keys(files)) if (/\.(js|cjs|mjs)$/.test(f)) fs.writeFileSync(path.join(dir, f), files[f].replace('%DIR%', dir.split(path.sep).join('/')));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'trap', main: 'evil.js', scripts: { prelint: 'node evil.js', lint: 'node evil.js' }, streamwise: { plugins: ['./evil.js'] }, eslintConfig: { plugins: ['evil'] } }));
  return dir;
}

describe('a booby-trapped workspace, run under a sandbox preload', () => {
  let dir = '';
  let log = '';
  const sandbox = () => ({ preload: ['sandbox.js'], env: { STREAMWISE_SANDBOX_LOG: log } });
  const markers = () => fs.readdirSync(dir).filter((f) => f.startsWith('PWNED-'));
  const attempts = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);

  before(() => {
    dir = boobyTrappedWorkspace();
    log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sw-sandbox-')), 'attempts.jsonl');
  });
  after(() => {
    assert.deepEqual(markers(), [], 'no workspace code ran');
    assert.deepEqual(attempts(), [], 'nothing tried to leave the process');
  });

  it('the trap is live: running a workspace script does leave a marker', () => {
    const r = spawnSync(process.execPath, [path.join(dir, 'evil.js')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(markers(), ['PWNED-evil.js']);
    fs.rmSync(path.join(dir, 'PWNED-evil.js'));
  });

  it('lint (typed: it reads the fake ioredis typings), --fix and --stdin run none of it and reach nothing outside', () => {
    const r = runCli(['lint', '.', '--format', 'json'], { cwd: dir, ...sandbox() });
    assert.equal(r.code, 0, r.stderr);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[]).flatMap((x) => x.messages.map((m) => m.ruleId));
    assert.ok(messages.includes('redis/exact-stream-trim'), 'the workspace was really linted');
    assert.equal(runCli(['lint', '.', '--fix'], { cwd: dir, ...sandbox() }).code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'src', 'app.ts'), 'utf8'), /'MAXLEN', '~', 100/);
    const stdin = runCli(['lint', '--stdin', '--stdin-filename', 'src/other.ts'], { cwd: dir, input: "import './evil.js';\n", ...sandbox() });
    assert.equal(stdin.code, 0, stdin.stderr);
    assert.deepEqual(markers(), []);
    assert.deepEqual(attempts(), []);
  });

  it('compare runs none of it', () => {
    const r = runCli(['compare', '.', '--format', 'json'], { cwd: dir, ...sandbox() });
    assert.equal(r.code, 0, r.stderr);
    assert.ok((JSON.parse(r.stdout) as { destinations: unknown[] }).destinations.length > 0);
    assert.deepEqual(markers(), []);
  });

  it('the language server runs none of it: scan, edits, hovers, code actions, the messaging map', async () => {
    const client = await startClient(dir, undefined, sandbox());
    try {
      const app = path.join(dir, 'src', 'app.ts');
      await client.waitFor(() => client.diagnostics.has(uriOf(app)), 'the scan');
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(app), languageId: 'typescript', version: 1, text: fs.readFileSync(app, 'utf8') } });
      await client.waitForDiagnostics(uriOf(app), (d) => d.length > 0);
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(app) }, position: { line: 5, character: 30 } });
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(app) }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } });
      await client.connection.sendRequest('streamwise/messagingMap', {});
      await client.connection.sendRequest('workspace/executeCommand', { command: 'streamwise.lintWorkspace', arguments: [] });
      await client.connection.sendRequest('workspace/executeCommand', { command: 'streamwise.showDocumentation', arguments: ['redis/exact-stream-trim'] });
    } finally {
      await client.close();
    }
    assert.deepEqual(markers(), []);
    assert.deepEqual(attempts(), []);
  });

  it('the sandbox itself is live: it records and refuses a connection, a process and a foreign module', () => {
    const probe = project({ 'probe.js': "try { require('node:net').connect(80, '192.0.2.1'); } catch {}\ntry { require('node:child_process').spawnSync('true'); } catch {}\n" });
    const own = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sw-sandbox-')), 'attempts.jsonl');
    runCli(['--version'], { cwd: probe, preload: ['sandbox.js', path.join(probe, 'probe.js')], env: { STREAMWISE_SANDBOX_LOG: own } });
    const kinds = fs.readFileSync(own, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
    assert.deepEqual(kinds.sort(), ['child_process.spawnSync', 'net.connect', 'require'], 'probe.js itself is a module from outside the tool');
  });
});

describe('untrusted workspaces', () => {
  it('the extension declares every setting that changes findings as restricted', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const settings = Object.keys(pkg.contributes.configuration.properties as object);
    // These only turn the extension off, trace it, or add warnings: none can hide a finding.
    const harmless = ['streamwise.enable', 'streamwise.trace.server', 'streamwise.reportUnusedDisableDirectives'];
    assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), settings.filter((s) => !harmless.includes(s)).sort());
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  });
});
