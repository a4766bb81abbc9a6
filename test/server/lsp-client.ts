// A minimal LSP client over `streamwise lsp --stdio` for tests: records diagnostics and progress, waits for them.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeParams,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'streamwise.js');
/** Only guards against a hang; no assertion depends on it. */
const WAIT_LIMIT_MS = 60_000;

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  diagnostics: Map<string, Diagnostic[]>;
  progress: unknown[];
  /** Registrations the server asked for with client/registerCapability. */
  registrations: { method: string; registerOptions?: unknown }[];
  /** window/logMessage and window/showMessage notifications, in order. */
  logs: { type: number; message: string }[];
  shown: { type: number; message: string }[];
  stderr: () => string;
  /** How many publishDiagnostics notifications arrived so far. */
  publications: () => number;
  /** How many times diagnostics of `uri` were published so far. */
  publicationsOf: (uri: string) => number;
  /** Resolves with the latest diagnostics of `uri` once `accept` holds for them. */
  waitForDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  waitFor(accept: () => boolean, what: string): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Fixture scripts under test/fixtures/preload to load with `node -r` before the server. */
  preload?: string[];
  env?: Record<string, string>;
  /** A command and its arguments to run node under (e.g. a network namespace). */
  wrapper?: string[];
}

export async function startClient(root: string, initializationOptions?: unknown, options: StartOptions = {}): Promise<TestClient> {
  const args = [...(options.preload ?? []).flatMap((p) => ['-r', path.join(ROOT, 'test', 'fixtures', 'preload', p)]), BIN, 'lsp', '--stdio'];
  const [cmd, ...rest] = options.wrapper ? [...options.wrapper, process.execPath, ...args] : [process.execPath, ...args];
  const child = spawn(cmd, rest, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  const progress: unknown[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of [...listeners]) l();
  };
  let publications = 0;
  const perUri = new Map<string, number>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    publications++;
    perUri.set(p.uri, (perUri.get(p.uri) ?? 0) + 1);
    diagnostics.set(p.uri, p.diagnostics);
    changed();
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (p: unknown) => {
    progress.push(p);
    changed();
  });
  connection.onRequest('window/showDocument', () => ({ success: true }));
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    registrations.push(...p.registrations);
    changed();
    return null;
  });
  const logs: { type: number; message: string }[] = [];
  const shown: { type: number; message: string }[] = [];
  connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    logs.push(p);
    changed();
  });
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
    shown.push(p);
    changed();
  });
  connection.listen();

  const waitFor = (accept: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!accept()) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`Timed out waiting for ${what}. Server stderr:\n${stderr}`));
      }, WAIT_LIMIT_MS);
      listeners.add(check);
      check();
    });

  const params: InitializeParams = {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
    capabilities: { window: { workDoneProgress: true, showDocument: { support: true } }, workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions,
  };
  await connection.sendRequest('initialize', params);
  await connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    diagnostics,
    progress,
    registrations,
    logs,
    shown,
    stderr: () => stderr,
    publications: () => publications,
    publicationsOf: (uri) => perUri.get(uri) ?? 0,
    waitFor,
    async waitForDiagnostics(uri, accept) {
      await waitFor(() => diagnostics.has(uri) && accept(diagnostics.get(uri)!), `diagnostics of ${uri}`);
      return diagnostics.get(uri)!;
    },
    async close() {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => child.kill(), 10_000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
}
