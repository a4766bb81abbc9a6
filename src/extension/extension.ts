// Entry point of the VS Code extension: a thin client that starts the Streamwise language server and wires commands, status bar and trust.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { StreamwiseClient } from './client';
import { StatusBar } from './status-bar';
import { runToFile } from './test-suite/index';

export const OUTPUT_NAME = 'Streamwise';

let client: StreamwiseClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(OUTPUT_NAME);
  context.subscriptions.push(output);
  client = new StreamwiseClient(context, output);
  context.subscriptions.push(client);
  context.subscriptions.push(new StatusBar());
  registerCommands(context, client, output);

  // Trust can be granted while the window is open; the server re-reads workspace config only on restart.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('streamwise.enable')) void client?.restart();
    }),
  );
  await client.start();

  // The in-host suite runs inside a real VS Code when asked to (code-server cannot pass extensionTestsPath).
  const resultsFile = process.env.STREAMWISE_IN_HOST_TESTS;
  if (resultsFile) {
    void runToFile(resultsFile, output);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
