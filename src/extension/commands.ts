// The command palette entries: comparison view, Lint Workspace, Explain Rule…, Show Output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LINT_WORKSPACE_REQUEST, type StreamwiseClient } from './client';
import { ComparisonPanel } from './comparison-panel';

export const COMMANDS = {
  openComparison: 'streamwise.openComparison',
  lintWorkspace: 'streamwise.lintWorkspace',
  explainRule: 'streamwise.explainRule',
  showOutput: 'streamwise.showOutput',
} as const;

/** Rule ids from the rule docs shipped with the extension (rules/<group>/<name>.md). */
export function listRuleDocs(extensionRoot: string): Map<string, string> {
  const docs = new Map<string, string>();
  const root = path.join(extensionRoot, 'rules');
  if (!fs.existsSync(root)) return docs;
  for (const group of fs.readdirSync(root, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(root, group.name))) {
      if (file.endsWith('.md')) docs.set(`${group.name}/${file.slice(0, -3)}`, path.join(root, group.name, file));
    }
  }
  return new Map([...docs].sort(([a], [b]) => a.localeCompare(b)));
}

function describe(file: string): string | undefined {
  return /^description:\s*(.+)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
}

export function registerCommands(context: vscode.ExtensionContext, client: StreamwiseClient, output: vscode.OutputChannel): void {
  const register = (id: string, run: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register(COMMANDS.openComparison, () => ComparisonPanel.show(context, client, output));
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(ComparisonPanel.viewType, {
      deserializeWebviewPanel: async (panel) => void (await ComparisonPanel.revive(panel, context, client, output)),
    }),
  );

  // A server that offers streamwise.lintWorkspace handles the palette command itself (see registerFallbackCommand).
  client.registerFallbackCommand(COMMANDS.lintWorkspace, async () => {
    const running = client.running;
    if (running) {
      try {
        await running.sendRequest(LINT_WORKSPACE_REQUEST, {});
        return { requested: true };
      } catch (error) {
        output.appendLine(`${LINT_WORKSPACE_REQUEST} failed (${error instanceof Error ? error.message : String(error)}); restarting the server instead.`);
      }
    }
    // A freshly started server scans the workspace.
    await client.restart();
    return { requested: false };
  });

  register(COMMANDS.explainRule, async (ruleId?: unknown) => {
    const docs = listRuleDocs(context.extensionPath);
    let id = typeof ruleId === 'string' && docs.has(ruleId) ? ruleId : undefined;
    if (!id) {
      const picked = await vscode.window.showQuickPick(
        [...docs].map(([rule, file]) => ({ label: rule, detail: describe(file) })),
        { title: 'Streamwise: Explain Rule', placeHolder: 'Rule to explain', matchOnDetail: true },
      );
      id = picked?.label;
    }
    if (!id) return undefined;
    const uri = vscode.Uri.file(docs.get(id)!);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri.fsPath;
  });

  register(COMMANDS.showOutput, () => output.show(true));
}
