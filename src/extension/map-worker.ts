// Child process: prints the messaging map of one folder as JSON (`map-worker <folder> [--no-config]`), reusing `streamwise compare`.
import { runCompare } from '../cli/compare-command';

const [folder, ...flags] = process.argv.slice(2);
let out = '';
try {
  const code = runCompare(['--format', 'json', ...flags, folder ?? '.'], { out: (t) => (out += t), err: (t) => process.stderr.write(`${t}\n`), color: false });
  process.stdout.write(out);
  process.exitCode = code;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
