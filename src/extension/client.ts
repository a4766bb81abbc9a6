// Starts and restarts the language server bundle over stdio with vscode-languageclient.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../server/node-options';

/** The server bundle inside the installed extension (built from src/server/main.ts; the tsc layout keeps __dirname-relative paths to rules/ valid). */
export const SERVER_BUNDLE = 'dist/src/server/main.js';
export const LINT_WORKSPACE_REQUEST = 'streamwise/lintWorkspace';

const DOCUMENTS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language }));

/** Only settings the user controls outright reach an untrusted workspace's server. */
export function serverSettings(trusted: boolean): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('streamwise');
  // Reporting unused directives only adds warnings: safe to take from any workspace.
  const settings: Record<string, unknown> = { enable: config.get<boolean>('enable', true), reportUnusedDisableDirectives: config.get<boolean>('reportUnusedDisableDirectives', false), trusted };
  for (const key of ['rules', 'criticalVocabulary', 'ephemeralVocabulary', 'externalDestinations']) {
    // Only values the user set: VS Code reports [] for an unset array setting, which would replace the built-in vocabularies.
    // In an untrusted workspace, workspace values are ignored (restrictedConfigurations); inspect keeps that explicit.
    const info = config.inspect(key);
    const value = trusted ? (info?.workspaceFolderValue ?? info?.workspaceValue ?? info?.globalValue) : info?.globalValue;
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

export class StreamwiseClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly fallbacks = new Map<string, vscode.Disposable>();
  private configWatch: vscode.Disposable | undefined;
  private readonly fallbackHandlers = new Map<string, (...args: unknown[]) => unknown>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {}

  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /**
   * Registers a command the server may also offer through workspace/executeCommand: vscode-languageclient registers
   * the server's commands itself, so ours exists only while no running server provides it.
   */
  registerFallbackCommand(id: string, handler: (...args: unknown[]) => unknown): void {
    this.fallbackHandlers.set(id, handler);
    this.syncFallbacks();
  }

  private syncFallbacks(): void {
    const offered = new Set(this.running?.initializeResult?.capabilities.executeCommandProvider?.commands ?? []);
    for (const [id, handler] of this.fallbackHandlers) {
      const mine = this.fallbacks.get(id);
      if (offered.has(id)) {
        mine?.dispose();
        this.fallbacks.delete(id);
      } else if (!mine) {
        this.fallbacks.set(id, vscode.commands.registerCommand(id, handler));
      }
    }
  }

  private disposeFallbacks(): void {
    for (const d of this.fallbacks.values()) d.dispose();
    this.fallbacks.clear();
  }

  async start(): Promise<void> {
    if (this.client) return;
    // The server registers its commands during start; ours must be gone by then.
    this.disposeFallbacks();
    if (!vscode.workspace.getConfiguration('streamwise').get<boolean>('enable', true)) {
      this.output.appendLine('Streamwise is disabled (streamwise.enable is false).');
      return;
    }
    const module = this.context.asAbsolutePath(SERVER_BUNDLE);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV] } },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
    };
    const trusted = vscode.workspace.isTrusted;
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENTS,
      outputChannel: this.output,
      initializationOptions: serverSettings(trusted),
      middleware: {
        // A server that pulls its settings gets the same filtered object, with `trusted`.
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return result.map((value, i) => (params.items[i]?.section === 'streamwise' ? serverSettings(vscode.workspace.isTrusted) : value));
          },
        },
      },
    };
    this.client = new LanguageClient('streamwise', 'Streamwise', serverOptions, clientOptions);
    this.output.appendLine(`Starting the Streamwise language server (${trusted ? 'trusted' : 'restricted mode'}).`);
    // Not synchronize.configurationSection: that pushes the raw section, unset arrays included, and without `trusted`.
    this.configWatch?.dispose();
    const push = () => void this.running?.sendNotification('workspace/didChangeConfiguration', { settings: { streamwise: serverSettings(vscode.workspace.isTrusted) } });
    this.configWatch = vscode.Disposable.from(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('streamwise')) push();
      }),
      // Trust granted later: the server may now read streamwise.config.json and the workspace settings.
      vscode.workspace.onDidGrantWorkspaceTrust(push),
    );
    try {
      await this.client.start();
    } catch (error) {
      this.output.appendLine(`The language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.syncFallbacks();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
    else await client?.dispose().catch(() => undefined);
    this.syncFallbacks();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    this.configWatch?.dispose();
    this.disposeFallbacks();
    this.fallbackHandlers.clear();
    void this.stop();
  }
}
