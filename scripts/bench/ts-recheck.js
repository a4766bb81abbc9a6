// The editor's type-aware floor: what TypeScript itself pays per edit (rebuild the program from the old one, check the edited file), in a child process.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { markerEdits } = require('./edits');
const { summarize, quantile } = require('./stats');

const REPO = path.resolve(__dirname, '..', '..');

/** The texts of the large file after each of the editor measurement's edits. */
function editedTexts(text, marker, count) {
  const { lines, line, rewrite } = markerEdits(text, marker);
  const texts = [];
  for (let i = 1; i <= count; i++) {
    lines[line] = rewrite(i);
    texts.push(lines.join('\n'));
  }
  return texts;
}

/** Runs in the child: the workspace's own tsconfig, a host that keeps every tree it parsed, one program per edit built from the last. */
function child({ root, file, marker, edits }) {
  const ts = require(require.resolve('typescript', { paths: [REPO] }));
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  const host = ts.createCompilerHost(parsed.options);
  const trees = new Map();
  let edited = fs.readFileSync(file, 'utf8');
  const read = host.getSourceFile;
  // As an editor's language service does: unchanged files keep their trees, the edited one is parsed again.
  host.getSourceFile = (name, options) => {
    const known = trees.get(name);
    if (name === file) {
      if (known && known.text === edited) return known;
      const sf = ts.createSourceFile(name, edited, options);
      trees.set(name, sf);
      return sf;
    }
    if (known) return known;
    const sf = read(name, options);
    if (sf) trees.set(name, sf);
    return sf;
  };
  let program = ts.createProgram(parsed.fileNames, parsed.options, host);
  program.getSemanticDiagnostics(program.getSourceFile(file));
  const latencies = [];
  for (const text of editedTexts(edited, marker, edits)) {
    edited = text;
    const started = process.hrtime.bigint();
    program = ts.createProgram(parsed.fileNames, parsed.options, host, program);
    program.getSemanticDiagnostics(program.getSourceFile(file));
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return latencies;
}

function measureTypeScriptRecheck({ root, file, marker, edits }) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [__filename, '--child', JSON.stringify({ root, file, marker, edits })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`TypeScript re-check exited with ${code}: ${err.slice(-4000)}`));
      const latencies = JSON.parse(out);
      resolve({ edits, latencyMs: { ...summarize(latencies), p95: quantile(latencies, 0.95) } });
    });
  });
}

if (process.argv[2] === '--child') process.stdout.write(JSON.stringify(child(JSON.parse(process.argv[3]))));

module.exports = { measureTypeScriptRecheck };
