// Drives `streamwise lsp --stdio` over the protocol: workspace scan, diagnostics, code actions, hovers, edits, settings.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { project } from '../helpers/cli';
import { ROOT, startClient, uriOf, type TestClient } from './lsp-client';
import { tempDir } from '../helpers/temp';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'lsp');
const ORDERS = path.join(FIXTURE, 'src', 'orders.ts');
const PRESENCE = path.join(FIXTURE, 'src', 'presence.ts');
const DOCS = 'https://github.com/streamwise/streamwise/blob/main/rules/';

const read = (file: string) => fs.readFileSync(file, 'utf8');
const ids = (d: Diagnostic[]) => d.map((x) => x.code).sort();
const open = (client: TestClient, file: string, version = 1) =>
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'typescript', version, text: read(file) } });
const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

/** Applies a WorkspaceEdit's edits for one document to its text. */
function applyEdit(action: CodeAction, file: string): string {
  const edit = action.edit!;
  const edits: TextEdit[] = edit.documentChanges ? (edit.documentChanges as { textDocument: { uri: string }; edits: TextEdit[] }[]).filter((c) => c.textDocument.uri === uriOf(file)).flatMap((c) => c.edits) : edit.changes![uriOf(file)];
  return TextDocument.applyEdits(TextDocument.create(uriOf(file), 'typescript', 1, read(file)), edits);
}

describe('streamwise lsp (protocol)', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient(FIXTURE);
  });
  after(async () => {
    await client?.close();
  });

  it('scans the workspace after initialized, with work-done progress, and publishes for files that are not open', async () => {
    await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 'the end of the workspace scan');
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.deepEqual(kinds.slice(0, 1), ['begin']);
    assert.ok(kinds.includes('end'));
    assert.deepEqual(ids(client.diagnostics.get(uriOf(ORDERS)) ?? []), ['arch/orphan-destination', 'redis/exact-stream-trim', 'redis/pubsub-critical-data']);
    // The subscriber in another file consumes 'presence:typing': the cross-file rule stays quiet.
    assert.deepEqual(client.diagnostics.get(uriOf(PRESENCE)), []);
  });

  it('publishes diagnostics for an opened document with rule ids, ranges and doc links', async () => {
    client.diagnostics.delete(uriOf(ORDERS));
    await open(client, ORDERS);
    const diagnostics = await client.waitForDiagnostics(uriOf(ORDERS), (d) => d.length > 0);
    assert.deepEqual(ids(diagnostics), ['arch/orphan-destination', 'redis/exact-stream-trim', 'redis/pubsub-critical-data']);
    const lines = read(ORDERS).split('\n');
    const trim = diagnostics.find((d) => d.code === 'redis/exact-stream-trim')!;
    assert.equal(trim.source, 'streamwise');
    assert.equal(trim.range.start.line, 6);
    assert.equal(trim.range.start.character, lines[6].indexOf('redis.xadd'));
    assert.equal(trim.codeDescription?.href, `${DOCS}redis/exact-stream-trim.md`);
    const pubsub = diagnostics.find((d) => d.code === 'redis/pubsub-critical-data')!;
    assert.deepEqual(pubsub.range.start, { line: 5, character: lines[5].indexOf('redis.publish') });
    assert.equal(pubsub.severity, 2, 'warning');
    assert.equal(pubsub.codeDescription?.href, `${DOCS}redis/pubsub-critical-data.md`);
  });

  it('offers the fix, disable-line and show-docs actions for a fixable finding', async () => {
    const diagnostic = client.diagnostics.get(uriOf(ORDERS))!.find((d) => d.code === 'redis/exact-stream-trim')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(ORDERS) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Fix: redis/exact-stream-trim'), titles.join(', '));
    assert.ok(titles.includes('Disable redis/exact-stream-trim for this line'));
    assert.ok(titles.includes('Show documentation for redis/exact-stream-trim'));
    const fixed = applyEdit(actions.find((a) => a.title === 'Fix: redis/exact-stream-trim')!, ORDERS);
    assert.match(fixed, /'MAXLEN', '~', 1000/);
    const disabled = applyEdit(actions.find((a) => a.title.startsWith('Disable'))!, ORDERS);
    assert.match(disabled, /\n {2}\/\/ streamwise-disable-next-line redis\/exact-stream-trim\n {2}await redis\.xadd/);
    const docs = actions.find((a) => a.title.startsWith('Show documentation'))!;
    const url = await client.connection.sendRequest('workspace/executeCommand', { command: docs.command!.command, arguments: docs.command!.arguments });
    assert.equal(url, `${DOCS}redis/exact-stream-trim.md`);
  });

  it('offers suggestions as quick fixes, and source.fixAll.streamwise with safe fixes only', async () => {
    const diagnostic = client.diagnostics.get(uriOf(ORDERS))!.find((d) => d.code === 'redis/pubsub-critical-data')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(ORDERS) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const suggestion = actions.find((a) => a.kind === 'quickfix' && !a.title.startsWith('Disable') && !a.title.startsWith('Show') && !a.title.startsWith('Fix:') && a.diagnostics?.[0].code === 'redis/pubsub-critical-data');
    assert.ok(suggestion?.edit, `a suggestion among ${actions.map((a) => a.title).join(', ')}`);

    const all = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriOf(ORDERS) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.deepEqual(all.map((a) => a.kind), ['source.fixAll.streamwise']);
    const fixedAll = applyEdit(all[0], ORDERS);
    assert.match(fixedAll, /'MAXLEN', '~', 1000/);
    // The suggestion's edit (a real change of design) is not part of fix-all.
    assert.match(fixedAll, /redis\.publish\('orders:payments'/);
    assert.equal(fixedAll.split('\n').length, read(ORDERS).split('\n').length);
  });

  it('hovers a flagged call with the rule explanation and an unflagged call with its delivery semantics', async () => {
    const lines = read(ORDERS).split('\n');
    const flagged = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(ORDERS) }, position: { line: 6, character: lines[6].indexOf('xadd') } })) as Hover;
    assert.match(hoverText(flagged), /redis\/exact-stream-trim/);
    assert.match(hoverText(flagged), /What it flags/);
    assert.match(hoverText(flagged), /Why it matters/);

    await open(client, PRESENCE);
    await client.waitForDiagnostics(uriOf(PRESENCE), (d) => d.length === 0);
    const presenceLines = read(PRESENCE).split('\n');
    const line = presenceLines.findIndex((l) => l.includes('redis.publish'));
    const note = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(PRESENCE) }, position: { line, character: presenceLines[line].indexOf('publish') } })) as Hover;
    assert.match(hoverText(note), /Redis Pub\/Sub: at-most-once, no replay/);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(PRESENCE) }, position: { line: 0, character: 1 } });
    assert.equal(nothing, null);
  });

  it('re-lints an edited document (debounced) and clears diagnostics once the problems are gone', async () => {
    const lines = read(ORDERS).split('\n');
    // Edit 1: the exact trim becomes approximate; the other findings stay.
    const at = lines[6].indexOf("1000");
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf(ORDERS), version: 2 },
      contentChanges: [{ range: { start: { line: 6, character: at }, end: { line: 6, character: at } }, text: "'~', " }],
    });
    await client.waitForDiagnostics(uriOf(ORDERS), (d) => !d.some((x) => x.code === 'redis/exact-stream-trim'));
    assert.deepEqual(ids(client.diagnostics.get(uriOf(ORDERS))!), ['arch/orphan-destination', 'redis/pubsub-critical-data']);
    // Edit 2: the Pub/Sub publish line goes away.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf(ORDERS), version: 3 },
      contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '' }],
    });
    const cleared = await client.waitForDiagnostics(uriOf(ORDERS), (d) => d.length === 0);
    assert.deepEqual(cleared, []);
  });
});

describe('streamwise lsp file watching', () => {
  it('registers a file watcher and follows files created, changed and deleted outside the editor', async () => {
    const tmp = tempDir('streamwise-watch-');
    fs.cpSync(FIXTURE, tmp, { recursive: true });
    const client = await startClient(tmp);
    const changed = (uri: string, type: 1 | 2 | 3) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
    try {
      await client.waitFor(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'the watcher registration');
      const watcher = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] };
      assert.match(watcher.watchers[0].globPattern, /ts,.*streamwise\.config\.json/);
      const presence = uriOf(path.join(tmp, 'src', 'presence.ts'));
      await client.waitForDiagnostics(presence, (d) => d.length === 0);

      // Deleting the subscriber's file leaves the publisher's channel without a consumer.
      fs.rmSync(path.join(tmp, 'src', 'presence-listener.ts'));
      await changed(uriOf(path.join(tmp, 'src', 'presence-listener.ts')), 3);
      await client.waitForDiagnostics(presence, (d) => ids(d).includes('arch/orphan-destination'));

      // A new file with a finding is linted without being opened.
      const created = path.join(tmp, 'src', 'audit.ts');
      fs.writeFileSync(created, "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const audit = (e: string) => redis.xadd('audit', '*', 'e', e);\n");
      await changed(uriOf(created), 1);
      await client.waitForDiagnostics(uriOf(created), (d) => ids(d).includes('redis/unbounded-stream'));

      // Changed on disk: the new text is read, the finding goes away.
      fs.writeFileSync(created, "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const audit = (e: string) => redis.xadd('audit', 'MAXLEN', '~', 1000, '*', 'e', e);\n");
      await changed(uriOf(created), 2);
      await client.waitForDiagnostics(uriOf(created), (d) => !ids(d).includes('redis/unbounded-stream'));
    } finally {
      await client.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('streamwise lsp saving', () => {
  /** The editor writes the document to disk, saves and closes it; resolves once the server has answered the close. */
  const saveAndClose = async (client: TestClient, file: string, text: string) => {
    const uri = uriOf(file);
    fs.writeFileSync(file, text);
    // A save lints the workspace again; its publication comes first, so the next one answers the close.
    const saving = client.publicationsOf(uri);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await client.waitFor(() => client.publicationsOf(uri) > saving, 'diagnostics after the save');
    const closing = client.publicationsOf(uri);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    // Closing lints the file from disk at once.
    await client.waitFor(() => client.publicationsOf(uri) > closing, 'diagnostics after the close');
  };

  it('after a save, a closed document is linted from the saved text, and a file saved for the first time joins the workspace', async () => {
    const unbounded = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const audit = (e: string) => redis.xadd('audit', '*', 'e', e);\nexport const tail = () => redis.xread('STREAMS', 'audit', '$');\n";
    const tmp = project({ 'src/audit.ts': unbounded }, 'streamwise-save-');
    const audit = path.join(tmp, 'src', 'audit.ts');
    const client = await startClient(tmp);
    const unboundedIn = (d: Diagnostic[]) => ids(d).includes('redis/unbounded-stream');
    try {
      await client.waitForDiagnostics(uriOf(audit), unboundedIn);
      // The editor fixes the text, saves it, and closes the document.
      const capped = unbounded.replace("'audit', '*'", "'audit', 'MAXLEN', '~', 1000, '*'");
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(audit), languageId: 'typescript', version: 1, text: capped } });
      await client.waitForDiagnostics(uriOf(audit), (d) => !unboundedIn(d));
      await saveAndClose(client, audit, capped);
      // A stale copy of the old disk text would bring the finding back.
      assert.ok(!unboundedIn(client.diagnostics.get(uriOf(audit)) ?? []), 'the saved text is what the server reads');

      // A new file, saved for the first time, then closed: the server reads it from disk.
      const created = path.join(tmp, 'src', 'jobs.ts');
      const jobs = "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const job = (e: string) => redis.xadd('jobs', '*', 'e', e);\nexport const next = () => redis.xread('STREAMS', 'jobs', '$');\n";
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(created), languageId: 'typescript', version: 1, text: jobs } });
      await client.waitForDiagnostics(uriOf(created), unboundedIn);
      await saveAndClose(client, created, jobs);
      assert.ok(unboundedIn(client.diagnostics.get(uriOf(created)) ?? []), 'the saved file is part of the workspace');
    } finally {
      await client.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('streamwise lsp package installs', () => {
  it('watches package managers\' lock files and, after an install, reads the installed typings again', async () => {
    const tmp = project(
      {
        'node_modules/shared-client/package.json': JSON.stringify({ name: 'shared-client', version: '1.0.0', types: 'index.d.ts' }),
        // Before the install the package hands out a value of unknown kind: nothing to report.
        'node_modules/shared-client/index.d.ts': 'export declare function client(): any;\n',
        'src/audit.ts': "import { client } from 'shared-client';\nexport const audit = (e: string) => client().xadd('audit', '*', 'e', e);\n",
      },
      'streamwise-install-',
    );
    const modules = path.join(tmp, 'node_modules');
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'ioredis'), path.join(modules, 'ioredis'), 'dir');
    const audit = path.join(tmp, 'src', 'audit.ts');
    const client = await startClient(tmp);
    try {
      await client.waitFor(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'the watcher registration');
      const watcher = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] };
      assert.deepEqual(watcher.watchers.map((w) => w.globPattern).slice(1), ['**/node_modules/{.package-lock.json,.modules.yaml,.yarn-state.yml,.yarn-integrity}']);
      await open(client, audit);
      assert.deepEqual(ids(await client.waitForDiagnostics(uriOf(audit), () => true)), []);

      // The new version's typings say the value is an ioredis client; npm rewrites its lock file.
      fs.writeFileSync(path.join(modules, 'shared-client', 'index.d.ts'), "import Redis from 'ioredis';\nexport declare function client(): Redis;\n");
      fs.writeFileSync(path.join(modules, '.package-lock.json'), '{}\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(modules, '.package-lock.json')), type: 2 }] });
      await client.waitForDiagnostics(uriOf(audit), (d) => ids(d).includes('redis/unbounded-stream'));
    } finally {
      await client.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('streamwise lsp settings', () => {
  it('reports directives that suppressed nothing only when reportUnusedDisableDirectives is on', async () => {
    const tmp = project(
      { 'src/audit.ts': "import Redis from 'ioredis';\nconst redis = new Redis();\n// streamwise-disable-next-line redis/unbounded-stream -- capped below\nexport const audit = (e: string) => redis.xadd('audit', 'MAXLEN', '~', 1000, '*', 'e', e);\n" },
      'streamwise-unused-',
    );
    const file = path.join(tmp, 'src', 'audit.ts');
    const client = await startClient(tmp, { reportUnusedDisableDirectives: true });
    try {
      await open(client, file);
      const isUnused = (d: Diagnostic) => d.code === 'streamwise/unused-disable';
      const unused = (await client.waitForDiagnostics(uriOf(file), (d) => d.some(isUnused))).filter(isUnused);
      assert.deepEqual(
        unused.map((d) => ({ code: d.code, line: d.range.start.line, severity: d.severity, tags: d.tags, message: d.message })),
        [{ code: 'streamwise/unused-disable', line: 2, severity: 2, tags: [1], message: "Unused streamwise-disable directive (no problems were reported from 'redis/unbounded-stream')." }],
      );
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { streamwise: { reportUnusedDisableDirectives: false } } });
      const after = await client.waitForDiagnostics(uriOf(file), (d) => !d.some(isUnused));
      assert.deepEqual(ids(after), ['arch/orphan-destination'], 'the findings stay');
    } finally {
      await client.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('applies initializationOptions rule severities and turns off with enable: false', async () => {
    const client = await startClient(FIXTURE, { rules: { 'redis/exact-stream-trim': 'off', 'redis/pubsub-critical-data': 'error' } });
    try {
      await open(client, ORDERS);
      const diagnostics = await client.waitForDiagnostics(uriOf(ORDERS), (d) => d.length > 0);
      assert.deepEqual(ids(diagnostics), ['arch/orphan-destination', 'redis/pubsub-critical-data']);
      assert.equal(diagnostics.find((d) => d.code === 'redis/pubsub-critical-data')!.severity, 1, 'error');
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { streamwise: { enable: false } } });
      await client.waitForDiagnostics(uriOf(ORDERS), (d) => d.length === 0);
    } finally {
      await client.close();
    }
  });
});
