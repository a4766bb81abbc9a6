// Entry point of the language server bundle: `streamwise lsp`, `node dist/src/server/main.js --stdio`, or `--messaging-map <folder>` for a one-off map.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runCompare } from '../cli/compare-command';
import { startServer } from './server';

/** stdio unless the client asked for IPC or a socket on the command line. */
export function runServer(argv: string[] = process.argv): void {
  const explicit = argv.some((a) => a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='));
  const connection = explicit ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
}

/**
 * Prints the messaging map of one folder as JSON (`--messaging-map <folder> [--no-config]`), reusing `streamwise compare`.
 * The extension runs it when no server is running, so the VSIX ships the analysis engine in one bundle only.
 */
export function printMessagingMap(args: string[]): number {
  const [folder, ...flags] = args;
  let out = '';
  try {
    const code = runCompare(['--format', 'json', ...flags, folder ?? '.'], { out: (t) => (out += t), err: (t) => process.stderr.write(`${t}\n`), color: false });
    process.stdout.write(out);
    return code;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  const mapAt = process.argv.indexOf('--messaging-map');
  if (mapAt >= 0) process.exitCode = printMessagingMap(process.argv.slice(mapAt + 1));
  else runServer();
}
