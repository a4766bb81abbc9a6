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
  stderr: () => string;
  /** Resolves with the latest diagnostics of `uri` once `accept` holds for them. */
  waitForDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  waitFor(accept: () => boolean, what: string): Promise<void>;
  close(): Promise<void>;
}

export async function startClient(root: string, initializationOptions?: unknown): Promise<TestClient> {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  const progress: unknown[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of [...listeners]) l();
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
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
  connection.onNotification('window/logMessage', () => undefined);
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
    stderr: () => stderr,
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
