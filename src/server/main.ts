// Entry point of the language server: `streamwise lsp` or `node dist/src/server/main.js --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/** stdio unless the client asked for IPC or a socket on the command line. */
export function runServer(argv: string[] = process.argv): void {
  const explicit = argv.some((a) => a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='));
  const connection = explicit ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
}

if (require.main === module) runServer();
