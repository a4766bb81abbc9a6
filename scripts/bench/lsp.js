// The editor benchmark: drives `streamwise lsp --stdio` through edits of one large file and times each re-diagnosis.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const { markerEdits } = require('./edits');
const { summarize, quantile } = require('./stats');

const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'streamwise.js');
/** Only guards against a hung server; no measurement depends on it. */
const WAIT_LIMIT_MS = 300_000;
const UNBOUNDED = 'redis/unbounded-stream';

/** The Node options the VS Code extension starts the server with: the benchmark measures the server as users run it. */
function serverExecArgv() {
  const value = require(path.join(REPO, 'dist', 'src', 'server', 'node-options.js')).SERVER_EXEC_ARGV;
  if (!Array.isArray(value)) throw new Error('dist/src/server/node-options.js exports no SERVER_EXEC_ARGV; rebuild, or update the benchmark.');
  return value;
}

/** How long the server waits without a run before it collects its whole heap once (src/server/idle-collection.ts). */
function restingMs() {
  const value = require(path.join(REPO, 'dist', 'src', 'server', 'idle-collection.js')).RESTING_MS;
  if (typeof value !== 'number') throw new Error('dist/src/server/idle-collection.js exports no RESTING_MS; rebuild, or update the benchmark.');
  return value;
}

/** The server's own debounce window, so the report can subtract exactly what the server waits on purpose. */
function debounceMs() {
  const value = require(path.join(REPO, 'dist', 'src', 'server', 'server.js')).DEBOUNCE_MS;
  if (typeof value !== 'number') throw new Error('dist/src/server/server.js exports no DEBOUNCE_MS; rebuild, or update the benchmark.');
  return value;
}

/** Peak and current resident memory of a live process, from /proc (Linux only). */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) || null;
    return { peakKb: kb('VmHWM'), currentKb: kb('VmRSS') };
  } catch {
    return { peakKb: null, currentKb: null };
  }
}

/**
 * Opens `file` in a server started on `root`, then applies `edits` incremental edits one after another. Each edit
 * rewrites the XADD line holding `marker`, alternately without and with MAXLEN, so every publication can be checked
 * against the edit it answers: the unbounded-stream diagnostic must be on that line exactly when MAXLEN is gone.
 */
async function measureEditor({ root, file, marker, edits, nodeArgs = [], onEdit = () => undefined }) {
  const debounce = debounceMs();
  const started = process.hrtime.bigint();
  const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
  // `nodeArgs` lets a caller profile the server (`--cpu-prof`) under exactly these edits.
  const execArgv = serverExecArgv();
  const child = spawn(process.execPath, [...execArgv, ...nodeArgs, BIN, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  let exitStatus;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exitStatus = { code, signal }))));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(file).href;
  let publications = 0;
  let latest = [];
  let scanEnded = false;
  const waiters = new Set();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    publications += 1;
    latest = p.diagnostics;
    wake();
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p) => {
    if (p.value?.kind === 'end') scanEnded = true;
    wake();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  void exited.then(wake);
  const until = (accept, what) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (exitStatus) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`The language server exited (${exitStatus.signal ?? `code ${exitStatus.code}`}) while waiting for ${what}. Server stderr:\n${stderr.slice(-4000)}`));
          return;
        }
        if (!accept()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`Timed out waiting for ${what}. Server stderr:\n${stderr.slice(-4000)}`));
      }, WAIT_LIMIT_MS);
      waiters.add(check);
      check();
    });

  try {
    const rootUri = pathToFileURL(root).href;
    const initialize = connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
      capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: false } } },
    });
    let initialized = false;
    void initialize.then(
      () => {
        initialized = true;
        wake();
      },
      () => undefined,
    );
    await until(() => initialized, 'the answer to initialize');
    await connection.sendNotification('initialized', {});
    await until(() => scanEnded, 'the end of the workspace scan');
    const scanMs = elapsedMs();

    const text = fs.readFileSync(file, 'utf8');
    const { lines, line, original, capped: cappedAt, rewrite } = markerEdits(text, marker);

    const openedAt = publications;
    const openStart = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    await until(() => publications > openedAt, 'diagnostics of the opened file');
    const openMs = Number(process.hrtime.bigint() - openStart) / 1e6;

    const latencies = [];
    let mismatches = 0;
    let current = original;
    for (let i = 1; i <= edits; i++) {
      const capped = cappedAt(i);
      const next = rewrite(i);
      const before = publications;
      const sent = process.hrtime.bigint();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 1 },
        contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: current.length } }, text: next }],
      });
      await until(() => publications > before, `diagnostics after edit ${i}`);
      latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
      const flagged = latest.some((d) => d.code === UNBOUNDED && d.range.start.line === line);
      if (flagged === capped) mismatches += 1;
      current = next;
      onEdit(i, latencies[latencies.length - 1]);
    }
    const memory = memoryOf(child.pid);
    // What the server keeps while the user reads rather than types: after its rest, plus a margin.
    const restMs = restingMs() + 2000;
    await new Promise((resolve) => setTimeout(resolve, restMs));
    const rested = memoryOf(child.pid);
    const beyond = latencies.map((ms) => Math.max(0, ms - debounce));
    return {
      edits,
      execArgv,
      debounceMs: debounce,
      fileLines: lines.length - (text.endsWith('\n') ? 1 : 0),
      startupScanMs: scanMs,
      openMs,
      latencyMs: { ...summarize(latencies), p95: quantile(latencies, 0.95) },
      beyondDebounceMs: { ...summarize(beyond), p95: quantile(beyond, 0.95) },
      mismatches,
      peakRssKb: memory.peakKb,
      rssAfterEditsKb: memory.currentKb,
      restMs,
      rssAtRestKb: rested.currentKb,
    };
  } finally {
    if (!exitStatus) {
      try {
        await Promise.race([connection.sendRequest('shutdown').then(() => connection.sendNotification('exit')), exited]);
      } catch {
        // Already gone.
      }
    }
    const timer = setTimeout(() => child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
    connection.dispose();
  }
}

module.exports = { measureEditor };
