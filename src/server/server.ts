// The Streamwise language server: wires LSP requests and notifications to the workspace analysis.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../cli/config';
import { findProjectRoot, SOURCE_EXTENSIONS, toPosix } from '../cli/files';
import { allRules } from '../rules';
import { codeActions, FIX_ALL_KIND, SHOW_DOCS_COMMAND } from './actions';
import { WorkspaceAnalysis, type FileAnalysis } from './analysis';
import { diagnosticsOf, noticeDiagnostic } from './convert';
import { docUrl } from './docs';
import { hoverAt } from './hover';
import { IdleCollection } from './idle-collection';
import { parseSettings } from './settings';

/** Typing pauses shorter than this do not start a run. */
export const DEBOUNCE_MS = 200;
export const LINT_WORKSPACE_COMMAND = 'streamwise.lintWorkspace';
/** Custom request: the messaging map of the last workspace scan (for the comparison view). */
export const MESSAGING_MAP_REQUEST = 'streamwise/messagingMap';

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toPosix(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let analysis = new WorkspaceAnalysis(undefined);
  /** Path → the URI the client uses for it, so diagnostics land on the client's own URIs. */
  const uris = new Map<string, string>();
  const published = new Set<string>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let versionedEdits = false;
  let showDocument = false;
  let watchFiles = false;
  let rootKnown = false;
  const idle = new IdleCollection();

  const uriOf = (p: string) => uris.get(p) ?? pathToFileURL(p).href;

  /** window/showMessage, a notification: window.show…Message would be a request, and a client that does not answer it must cost nothing. */
  const notify = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);

  /** Problems of the previous run: one that persists is not logged again on every keystroke. */
  let reported = new Set<string>();
  const report = () => {
    for (const problem of analysis.problems) if (!reported.has(problem)) connection.console.error(problem);
    reported = new Set(analysis.problems);
  };

  /** Diagnostics of the results, and a notice for each file of the last run that was skipped; the URIs published. */
  const publish = (results: FileAnalysis[]): Set<string> => {
    const sent = new Set<string>();
    const send = (p: string, diagnostics: ReturnType<typeof diagnosticsOf>) => {
      const uri = uriOf(p);
      published.add(uri);
      sent.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    };
    for (const r of results) send(r.path, diagnosticsOf(r, { reportUnusedDisables: analysis.settings.reportUnusedDisableDirectives }));
    for (const [p, notice] of analysis.notices) send(p, [noticeDiagnostic(notice)]);
    return sent;
  };

  const clearAll = (except: Set<string> = new Set()) => {
    for (const uri of [...published]) {
      if (except.has(uri)) continue;
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  };

  const failures = new Set<string>();
  let failureShown = false;
  /**
   * Runs an analysis; one that throws is logged (each distinct failure once), shown to the user
   * once, and the next run starts from a clean state: the server and its client carry on.
   */
  const safely = <T>(what: string, f: () => T): T | undefined => {
    idle.cancel();
    try {
      return f();
    } catch (error) {
      analysis.reset();
      const message = (error as Error).message ?? String(error);
      if (!failures.has(message)) {
        failures.add(message);
        connection.console.error(`Streamwise: ${what} failed: ${(error as Error).stack ?? String(error)}`);
      }
      if (!failureShown) {
        failureShown = true;
        notify(MessageType.Error, `Streamwise: ${what} failed (${message}). Details are in the Streamwise output; the next edit is analysed again.`);
      }
      return undefined;
    } finally {
      idle.ranAnalysis();
    }
  };

  /** Lints the open documents against the current workspace (cross-file findings of open files follow edits elsewhere). */
  const lintOpen = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending.clear();
    if (!analysis.settings.enable) return clearAll();
    const open = documents.all().map((d) => pathOf(d.uri)).filter((p): p is string => p !== undefined);
    if (open.length === 0) return;
    const results = safely('linting', () => analysis.run(open));
    report();
    if (results) publish(results);
  };

  const scanWorkspace = async (withProgress: boolean) => {
    // A client that claims progress support and then refuses it gets the scan without progress.
    const progress = withProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Streamwise', undefined, 'Linting the workspace…', false);
    // Let the progress notification reach the client before the synchronous run.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      if (!analysis.settings.enable) return clearAll();
      pending.clear();
      const results = safely('the workspace scan', () => analysis.run());
      report();
      // A scan that failed clears nothing: the last diagnostics stay until one succeeds.
      if (results) clearAll(publish(results));
      return results ?? [];
    } finally {
      progress?.done();
    }
  };

  const schedule = (p: string) => {
    pending.add(p);
    if (timer) clearTimeout(timer);
    timer = setTimeout(lintOpen, DEBOUNCE_MS);
    idle.windowOpened();
  };

  /** The current analysis of a document, linting first when an edit is still waiting or the text moved on. */
  const analysisFor = (uri: string): FileAnalysis | undefined => {
    const p = pathOf(uri);
    const doc = documents.get(uri);
    if (!p || !analysis.settings.enable) return undefined;
    if (pending.has(p) || (doc && analysis.results.get(p)?.text !== doc.getText())) lintOpen();
    const result = analysis.results.get(p);
    return result && (!doc || result.text === doc.getText()) ? result : undefined;
  };

  const editFor = (uri: string) => (edits: TextEdit[]): WorkspaceEdit => {
    const doc = documents.get(uri);
    return versionedEdits && doc ? { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] } : { changes: { [uri]: edits } };
  };

  connection.onInitialize((params): InitializeResult => {
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? (params.rootPath ? pathToFileURL(params.rootPath).href : undefined);
    const root = rootUri ? pathOf(rootUri) : undefined;
    rootKnown = root !== undefined;
    analysis = new WorkspaceAnalysis(root);
    analysis.setSettings(parseSettings(params.initializationOptions));
    versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    showDocument = params.capabilities.window?.showDocument?.support === true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCS_COMMAND, LINT_WORKSPACE_COMMAND] },
      },
      serverInfo: { name: 'streamwise' },
    };
  });

  connection.onInitialized(() => {
    // Edits outside the editor (a checkout, a generator, npm install) must reach cross-file findings too.
    if (watchFiles) {
      const globPattern = `**/{*.{${SOURCE_EXTENSIONS.join(',')}},${CONFIG_FILE},.gitignore,package.json}`;
      // Installs rewrite these (npm, pnpm, Yarn Berry, Yarn 1): the installed typings may have changed.
      const installs = '**/node_modules/{.package-lock.json,.modules.yaml,.yarn-state.yml,.yarn-integrity}';
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }, { globPattern: installs }] }).catch((error: Error) => connection.console.error(`Streamwise: watching files failed: ${error.message}`));
    }
    if (analysis.root) void scanWorkspace(true);
  });

  documents.onDidChangeContent(({ document }) => {
    const p = pathOf(document.uri);
    if (!p) return;
    if (!rootKnown) {
      // A client without a workspace folder: the project around the first file is the workspace.
      rootKnown = true;
      const settings = analysis.settings;
      analysis = new WorkspaceAnalysis(findProjectRoot(path.dirname(p)));
      analysis.setSettings(settings);
    }
    uris.set(p, document.uri);
    analysis.overlays.set(p, document.getText());
    schedule(p);
  });

  documents.onDidClose(({ document }) => {
    const p = pathOf(document.uri);
    if (!p) return;
    analysis.overlays.delete(p);
    // Back to the text on disk; a file outside the workspace has nothing left to report.
    const results = safely('linting', () => analysis.run([p])) ?? [];
    if (!publish(results).has(uriOf(p)) && published.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  documents.onDidSave(({ document }) => {
    // Saved text is what other files' cross-file findings should see; only that file is read again.
    const p = pathOf(document.uri);
    if (p) analysis.saved(p);
    else analysis.invalidateDisk();
    void scanWorkspace(false);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const kinds = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
    const onDisk = changes.flatMap((c) => {
      const p = pathOf(c.uri);
      return p ? [{ path: p, kind: kinds[c.type] ?? 'changed' }] : [];
    });
    if (onDisk.length === 0) return;
    analysis.diskChanged(onDisk);
    void scanWorkspace(false);
  });

  connection.onDidChangeConfiguration(({ settings }) => {
    if (settings === null || settings === undefined) return;
    analysis.setSettings(parseSettings(settings, analysis.settings));
    void scanWorkspace(false);
  });

  connection.onHover(({ textDocument, position }) => {
    const result = analysisFor(textDocument.uri);
    const doc = documents.get(textDocument.uri);
    if (!result || !doc) return null;
    return hoverAt(result, doc.offsetAt(position)) ?? null;
  });

  connection.onCodeAction((params) => {
    const result = analysisFor(params.textDocument.uri);
    if (!result) return [];
    return codeActions(result, params, editFor(params.textDocument.uri));
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command === SHOW_DOCS_COMMAND) {
      const rule = allRules.find((r) => r.meta.id === args?.[0]);
      if (!rule) return null;
      if (showDocument) await connection.window.showDocument({ uri: docUrl(rule), external: true });
      else notify(MessageType.Info, `${rule.meta.id}: ${docUrl(rule)}`);
      return docUrl(rule);
    }
    if (command === LINT_WORKSPACE_COMMAND) {
      const results = (await scanWorkspace(true)) ?? [];
      return { files: results.length, findings: results.reduce((n, r) => n + r.result.findings.length, 0) };
    }
    return null;
  });

  connection.onRequest(MESSAGING_MAP_REQUEST, async () => {
    if (!analysis.messagingMap) await scanWorkspace(false);
    return analysis.messagingMap ?? { destinations: [] };
  });

  documents.listen(connection);
  connection.listen();
}
