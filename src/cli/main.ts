// Command dispatch for the `streamwise` binary: subcommands, --help, --version, exit codes.
import fs from 'node:fs';
import path from 'node:path';
import { allRules } from '../rules';
import { UsageError, processIO, type CliIO } from './io';
import { runLint } from './lint-command';
import { runExplain } from './explain-command';
import { runCompare } from './compare-command';
import { keepYoungGenerationSmall } from './heap';

const HELP = `Usage: streamwise <command> [options]

Commands:
  lint [paths...]   Lint files (default: the current directory)
  rules             List rules with their default severity and fixability
  explain <id>      Show a rule's documentation
  compare [path]    The Redis vs Kafka comparison and the project's messaging map
                    (--format text|json; json prints the map only)
  lsp [--stdio]     Start the language server (stdio by default; --node-ipc and
                    --socket=PORT as vscode-languageserver accepts them)

Lint options:
  -f, --format FORMAT         stylish (default), json (ESLint's format), sarif (SARIF 2.1.0
                              for code scanning) or github (Actions annotations)
  -o, --output-file FILE      Write the report to FILE
  -c, --config FILE           Use this config instead of the nearest streamwise.config.json
  --no-config                 Ignore streamwise.config.json files
  --rule <id>=<severity>      Override a rule's severity (off|info|warning|error)
  --max-warnings N            Exit 1 when there are more than N warnings
  --no-type-info              Skip typings; recognise clients by tracing imports only
  --quiet                     Report errors only
  --fix                       Apply safe fixes to the files, then report what remains
  --fix-dry-run               Compute the fixes without writing: a unified diff (json:
                              each result's "output" holds the fixed source)
  --stdin                     Lint standard input (needs --stdin-filename); with --fix the
                              fixed source goes to stdout and the report to stderr
  --stdin-filename NAME       The path standard input is linted as, within its project
  --report-unused-disables    Warn about streamwise-disable comments that suppress nothing
  --baseline FILE             Baseline to use or write (default: streamwise-baseline.json
                              at the project root, used whenever it exists)
  --write-baseline            Record every current finding in the baseline and exit 0
  --max-file-size BYTES       Skip (with a notice) files larger than this (default 2097152)
  --max-file-time MS          Report a file whose analysis takes longer with a notice instead
                              of findings (default 10000)

  --version, --help`;

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function rulesTable(): string {
  const rows = allRules.map((r) => [r.meta.id, r.meta.defaultSeverity, r.meta.fixKind === 'none' ? '' : r.meta.fixKind, r.meta.description]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length), ['rule', 'default', 'fix'][i].length));
  const line = (row: string[]) => `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`;
  return [line(['rule', 'default', 'fix', 'description']), ...rows.map(line)].join('\n');
}

/** The entry of the `streamwise` executable: a process that runs this one command and exits. */
export function runProcess(argv: string[]): number {
  if (argv[0] === 'lint') keepYoungGenerationSmall();
  return main(argv);
}

export function main(argv: string[], io: CliIO = processIO()): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(version());
      return 0;
    }
    if (command === 'lint') return runLint(rest, io);
    if (command === 'explain') return runExplain(rest, io);
    if (command === 'compare') return runCompare(rest, io);
    if (command === 'lsp') {
      // Loaded on demand: the other commands never need the LSP libraries.
      (require('../server/main') as typeof import('../server/main')).runServer(rest);
      return 0;
    }
    if (command === 'rules') {
      io.out(rulesTable());
      return 0;
    }
    throw new UsageError(`Unknown command "${command}". Run streamwise --help.`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`streamwise: ${(error as Error).message}`);
      return 2;
    }
    io.err(`streamwise: internal error: ${(error as Error).stack ?? String(error)}`);
    return 2;
  }
}
