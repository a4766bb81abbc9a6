// Nothing from a workspace is ever executed and nothing leaves the process: the sources load only literal module paths, and lint, --fix, compare, --stdin and the language server run a booby-trapped workspace under a sandbox that records every attempt.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { project, ROOT, runCli } from '../helpers/cli';
import { startClient, uriOf } from '../server/lsp-client';
import { tempDir } from '../helpers/temp';

/** Source files that may start processes, and why: the extension runs its own bundled server, never workspace code. */
const MAY_SPAWN: Record<string, string> = { 'src/extension/messaging-map.ts': 'forks dist/src/server/main.js --messaging-map, a path inside the extension, when no server runs' };
const LOADERS = /^(node:)?(vm|module|worker_threads)$/;
const SPAWNS = /^(node:)?child_process$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && /\.ts$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

/** The function a call reaches, as written: `(0, eval)` and `globalThis.Function` are eval and Function under another spelling. */
function calleeName(callee: ts.Expression, sf: ts.SourceFile): string {
  let e = callee;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) e = e.right;
    else break;
  }
  return e.getText(sf).replace(/^(globalThis|global|self|window)\??\./, '');
}

/** The module a node loads by a literal path: import/export … from, import x = require(), require(), require.resolve(), import(). */
function loadedModule(n: ts.Node, sf: ts.SourceFile): string | undefined {
  if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) return n.moduleSpecifier.text;
  if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteralLike(n.moduleReference.expression)) return n.moduleReference.expression.text;
  if (ts.isCallExpression(n) && n.arguments.length >= 1 && ts.isStringLiteralLike(n.arguments[0])) {
    const callee = n.expression.kind === ts.SyntaxKind.ImportKeyword ? 'import' : calleeName(n.expression, sf);
    if (['import', 'require', 'require.resolve'].includes(callee)) return n.arguments[0].text;
  }
  return undefined;
}

/** Every way a file under src/ could run code chosen at run time, as `file:line: what`. */
function loadProblems(file: string): string[] {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const at = (n: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const problems: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const name = n.expression.kind === ts.SyntaxKind.ImportKeyword ? 'import' : calleeName(n.expression, sf);
      const loads = ['import', 'require', 'require.resolve'].includes(name);
      if (loads && !(n.arguments.length === 1 && ts.isStringLiteralLike(n.arguments[0]))) problems.push(`${at(n)}: ${name}() of a computed path`);
      if (['eval', 'Function', 'createRequire', 'process.dlopen', 'Module._load'].includes(name)) problems.push(`${at(n)}: ${name}()`);
    }
    if (ts.isNewExpression(n) && calleeName(n.expression, sf) === 'Function') problems.push(`${at(n)}: new Function()`);
    const spec = loadedModule(n, sf);
    if (spec !== undefined && (LOADERS.test(spec) || (SPAWNS.test(spec) && !MAY_SPAWN[rel]))) problems.push(`${at(n)}: loads ${spec}`);
    n.forEachChild(visit);
  };
  visit(sf);
  return problems;
}

describe('the sources load no code chosen at run time', () => {
  const files = sourceFiles(path.join(ROOT, 'src'));

  it('every require(), require.resolve() and import() takes a string literal; no eval, Function, vm, module, worker_threads, createRequire or dlopen; child_process only where allowed', () => {
    assert.deepEqual(files.flatMap(loadProblems), []);
    assert.ok(files.length > 50, `only ${files.length} source files found`);
  });

  it('the scan sees every spelling: import, import = require, require, import(), with or without node:, indirect eval, globalThis.Function', () => {
    const dir = tempDir('sw-scan-');
    const file = path.join(dir, 'sample.ts');
    const lines = [
      "import vm from 'vm';",
      "import cp = require('node:child_process');",
      "const w = require('worker_threads');",
      "export const m = () => import('node:module');",
      "const c = require('child_process');",
      "(0, eval)('1');",
      "globalThis.Function('return 1')();",
      "new Function('return 1');",
      "new globalThis.Function('return 1');",
      "eval('1');",
      "require(name);",
      "export * from 'node:vm';",
      "import ok from 'node:fs';",
    ];
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    // Outside src/, no file is allowed to spawn: every line but the last is one problem.
    const found = loadProblems(file).map((p) => Number(/:(\d+): /.exec(p)![1]));
    assert.deepEqual([...new Set(found)].sort((a, b) => a - b), lines.slice(0, -1).map((_, i) => i + 1), loadProblems(file).join('\n'));
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
    log = path.join(tempDir('sw-sandbox-'), 'attempts.jsonl');
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
    const own = path.join(tempDir('sw-sandbox-'), 'attempts.jsonl');
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
