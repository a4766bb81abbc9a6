// Entry point of the language server bundle: `streamwise lsp`, `node dist/src/server/main.js --stdio`, or `--messaging-map <folder>` for a one-off map.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runCompare } from '../cli/compare-command';
import { FrameFilter } from './framing';
import { startServer } from './server';

/** Enough to see what a misbehaving client sends without flooding the log. */
const MAX_DROP_REPORTS = 20;

/** stdio unless the client asked for IPC or a socket on the command line. */
export function runServer(argv: string[] = process.argv): void {
  keepRunningOnStrayRejections();
  const explicit = argv.some((a) => a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='));
  if (explicit) {
    startServer(createConnection(ProposedFeatures.all));
    return;
  }
  let drops = 0;
  // stdout carries the protocol: reports about the input go to stderr, which clients show as the server's log.
  const input = process.stdin.pipe(
    new FrameFilter((bytes, why) => {
      if (++drops <= MAX_DROP_REPORTS) process.stderr.write(`streamwise lsp: skipped ${bytes} bytes of input (${why})${drops === MAX_DROP_REPORTS ? '; further skips are not reported' : ''}\n`);
    }),
  );
  startServer(createConnection(ProposedFeatures.all, input, process.stdout));
}

/** A promise nobody awaited (a client refusing a request the server sent, say) is logged; it never ends the server. */
function keepRunningOnStrayRejections(): void {
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`streamwise lsp: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`);
  });
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
