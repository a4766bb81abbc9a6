// The "Redis vs Kafka" webview panel: serves the comparison view, feeds it the workspace's messaging map, opens code it links to.
import * as vscode from 'vscode';
import { COMPARISON } from '../core/comparison';
import type { MessagingMap } from '../core/messaging-map';
import { isWebviewMessage, sanitizeState, type ExtensionMessage, type WebviewState } from './messages';
import { makeNonce, renderComparisonHtml, WEBVIEW_SCRIPT, WEBVIEW_STYLE } from './webview/html';
import type { StreamwiseClient } from './client';
import { computeMessagingMap } from './messaging-map';

const STATE_KEY = 'streamwise.comparisonState';

/** What the command returns, so tests can see what the view was given. */
export interface ComparisonSummary {
  destinations: string[];
}

export class ComparisonPanel {
  static readonly viewType = 'streamwise.comparison';
  private static current: ComparisonPanel | undefined;
  private map: MessagingMap = { destinations: [] };
  private readonly loaded: Promise<void>;

  static async show(context: vscode.ExtensionContext, client: StreamwiseClient, output: vscode.OutputChannel): Promise<ComparisonSummary> {
    if (ComparisonPanel.current) {
      ComparisonPanel.current.panel.reveal();
      await ComparisonPanel.current.refresh();
      return ComparisonPanel.current.summary();
    }
    const root = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(ComparisonPanel.viewType, 'Redis vs Kafka', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [root],
    });
    const view = new ComparisonPanel(panel, context, client, output);
    await view.loaded;
    return view.summary();
  }

  static async revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, client: StreamwiseClient, output: vscode.OutputChannel): Promise<void> {
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] };
    await new ComparisonPanel(panel, context, client, output).loaded;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly client: StreamwiseClient,
    private readonly output: vscode.OutputChannel,
  ) {
    ComparisonPanel.current = this;
    const webview = panel.webview;
    const asUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, file)).toString();
    webview.html = renderComparisonHtml({ cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: asUri(WEBVIEW_SCRIPT), styleUri: asUri(WEBVIEW_STYLE) });
    panel.onDidDispose(() => {
      if (ComparisonPanel.current === this) ComparisonPanel.current = undefined;
    });
    webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    this.loaded = this.refresh();
  }

  private summary(): ComparisonSummary {
    return { destinations: this.map.destinations.map((d) => `${d.kind}:${d.name ?? '?'}`) };
  }

  private post(message: ExtensionMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async refresh(): Promise<void> {
    try {
      this.map = await computeMessagingMap(this.context, this.client);
    } catch (error) {
      this.output.appendLine(`Could not build the messaging map: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.post({ type: 'map', map: this.map });
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    if (message.type === 'ready') {
      await this.loaded;
      const state = this.context.workspaceState.get<WebviewState>(STATE_KEY);
      this.post({ type: 'init', comparison: COMPARISON, map: this.map, ...(state ? { state: sanitizeState(state) } : {}) });
    } else if (message.type === 'saveState') {
      await this.context.workspaceState.update(STATE_KEY, sanitizeState(message.state));
    } else if (message.type === 'open') {
      // Only locations the map itself listed: the view must not become a way to open arbitrary files.
      const known = this.map.destinations.some((d) => [...d.producers, ...d.consumers, ...d.findings].some((s) => s.file === message.file));
      if (!known) return;
      const position = new vscode.Position(message.line - 1, message.column - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(message.file), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    }
  }
}
