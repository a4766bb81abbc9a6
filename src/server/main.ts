// Entry point of the language server: `streamwise lsp` or `node dist/src/server/main.js --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
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

if (require.main === module) runServer();
