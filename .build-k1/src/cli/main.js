"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.main = main;
// Command dispatch for the `streamwise` binary: subcommands, --help, --version, exit codes.
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const rules_1 = require("../rules");
const io_1 = require("./io");
const lint_command_1 = require("./lint-command");
const HELP = `Usage: streamwise <command> [options]

Commands:
  lint [paths...]   Lint files (default: the current directory)
  rules             List rules with their default severity and fixability

Lint options:
  -f, --format stylish|json   Output format (default: stylish; json is ESLint's format)
  -o, --output-file FILE      Write the report to FILE
  --rule <id>=<severity>      Override a rule's severity (off|info|warning|error)
  --max-warnings N            Exit 1 when there are more than N warnings
  --no-type-info              Skip typings; recognise clients by tracing imports only
  --quiet                     Report errors only

  --version, --help`;
function version() {
    const pkg = JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    return pkg.version;
}
function rulesTable() {
    const rows = rules_1.allRules.map((r) => [r.meta.id, r.meta.defaultSeverity, r.meta.fixKind === 'none' ? '' : r.meta.fixKind, r.meta.description]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length), ['rule', 'default', 'fix'][i].length));
    const line = (row) => `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`;
    return [line(['rule', 'default', 'fix', 'description']), ...rows.map(line)].join('\n');
}
function main(argv, io = (0, io_1.processIO)()) {
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
        if (command === 'lint')
            return (0, lint_command_1.runLint)(rest, io);
        if (command === 'rules') {
            io.out(rulesTable());
            return 0;
        }
        throw new io_1.UsageError(`Unknown command "${command}". Run streamwise --help.`);
    }
    catch (error) {
        if (error instanceof io_1.UsageError || error.code?.startsWith('ERR_PARSE_ARGS')) {
            io.err(`streamwise: ${error.message}`);
            return 2;
        }
        io.err(`streamwise: internal error: ${error.stack ?? String(error)}`);
        return 2;
    }
}
//# sourceMappingURL=main.js.map