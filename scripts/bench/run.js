#!/usr/bin/env node
// `npm run bench`: generates workspaces, times Streamwise against its baselines in fresh processes, and reports the targets.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseOptions } = require('./options');
const { generateWorkspace } = require('./generate');
const { runOnce, hasGnuTime } = require('./measure');
const { summarize } = require('./stats');
const { commandsFor, writeEslintConfig } = require('./tools');
const { measureEditor } = require('./lsp');
const { measureTypeScriptRecheck } = require('./ts-recheck');
const { describeMachine } = require('./machine');
const { evaluateTargets } = require('./targets');
const { toMarkdown, writeMarkdown } = require('./report');

const REPO = path.resolve(__dirname, '..', '..');
const MAIN = ['parse', 'tsc6', 'tsc7', 'eslint', 'oxlint', 'sw-typed', 'sw-untyped'];
const SCALING = ['parse', 'sw-typed', 'sw-untyped'];
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** The same source twice: with the clients' typings linked in node_modules, and with no node_modules. */
function prepare(scratch, files, options) {
  const dir = path.join(scratch, `n${files}`);
  const settings = { files, seed: options.seed, bigFileLines: options.bigLines };
  const typed = generateWorkspace(path.join(dir, 'typed'), { ...settings, typings: true });
  const plain = generateWorkspace(path.join(dir, 'plain'), { ...settings, typings: false });
  // Streamwise looks for client packages in every ancestor's node_modules; one there would make "no typings" typed.
  const { hasClientTypings } = require(path.join(REPO, 'dist', 'src', 'cli', 'workspace.js'));
  if (hasClientTypings(plain.dir)) throw new Error(`${plain.dir} sees client packages in an ancestor's node_modules; set TMPDIR elsewhere.`);
  log(`generated ${typed.files} files, ${typed.lines} lines, in ${dir}`);
  return { dir, typed, plain };
}

/** Runs every measurement `reps` times, interleaved, so a slow spell on a shared machine spreads over all of them. */
async function repeat(ids, commands, reps, scratch, files) {
  const runs = Object.fromEntries(ids.map((id) => [id, []]));
  for (let rep = 1; rep <= reps; rep++) {
    for (const id of ids) {
      const cmd = commands[id];
      const run = await runOnce({ ...cmd, scratch });
      if (!cmd.codes.includes(run.code)) {
        const stdout = cmd.stdoutFile && fs.existsSync(cmd.stdoutFile) ? fs.readFileSync(cmd.stdoutFile, 'utf8').slice(0, 4000) : '';
        throw new Error(`${cmd.label} exited with ${run.code} on ${files} files.\n${stdout}\n${run.stderr.slice(0, 4000)}`);
      }
      const facts = cmd.check(cmd);
      runs[id].push({ wallMs: run.wallMs, cpuMs: run.cpuMs, rssKb: run.rssKb, ...facts });
      log(`${files} files, ${id} ${rep}/${reps}: ${(run.wallMs / 1000).toFixed(2)} s, ${run.rssKb ? Math.round(run.rssKb / 1024) : '?'} MB`);
    }
  }
  return Object.fromEntries(
    ids.map((id) => {
      const { wallMs, cpuMs, rssKb, ...facts } = runs[id][runs[id].length - 1];
      const of = (key) => summarize(runs[id].map((r) => r[key]));
      return [id, { label: commands[id].label, wallMs: of('wallMs'), cpuMs: of('cpuMs'), rssKb: of('rssKb'), facts }];
    }),
  );
}

/** files/s by wall time (the target) and by CPU time (steadier on a shared machine). */
function scalingRow(files, measurements) {
  const row = { files, filesPerSecond: {}, filesPerCpuSecond: {}, wallMs: {}, cpuMs: {} };
  for (const id of SCALING) {
    const wall = measurements[id]?.wallMs?.median ?? null;
    const cpu = measurements[id]?.cpuMs?.median ?? null;
    row.filesPerSecond[id] = wall ? files / (wall / 1000) : null;
    row.filesPerCpuSecond[id] = cpu ? files / (cpu / 1000) : null;
    row.wallMs[id] = wall;
    row.cpuMs[id] = cpu;
  }
  return row;
}

async function bench(options) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'streamwise-bench-'));
  const out = path.join(scratch, 'out');
  fs.mkdirSync(out);
  const eslintConfig = writeEslintConfig(out);
  if (!hasGnuTime) log('/usr/bin/time not found: peak memory is not measured.');
  const results = {
    machine: describeMachine(),
    options: { files: options.files, reps: options.reps, sizes: options.sizes, lspEdits: options.lspEdits, bigLines: options.bigLines, seed: options.seed, only: [...options.only] },
    workspace: null,
    measurements: {},
    editor: null,
    scaling: [],
    targets: [],
  };
  try {
    const main = prepare(scratch, options.files, options);
    const { files, lines, messagingFiles, bigFile } = main.typed;
    results.workspace = { files, lines, messagingFiles, bigFile: { lines: bigFile.lines } };
    const commands = commandsFor({ typed: main.typed.dir, plain: main.plain.dir, scratch: out, files: main.typed.files, eslintConfig });
    results.measurements = await repeat(MAIN.filter((id) => options.only.has(id)), commands, options.reps, out, main.typed.files);

    if (options.only.has('lsp')) {
      log(`editor: ${options.lspEdits} edits of ${main.typed.bigFile.path}`);
      const onEdit = (i, ms) => i % 10 === 0 && log(`editor: edit ${i}/${options.lspEdits}, ${Math.round(ms)} ms`);
      results.editor = await measureEditor({ root: main.typed.dir, file: main.typed.bigFile.path, marker: main.typed.bigFile.marker, edits: options.lspEdits, onEdit });
      log('editor: TypeScript re-checking the same file after the same edits');
      results.editor.typescript = await measureTypeScriptRecheck({ root: main.typed.dir, file: main.typed.bigFile.path, marker: main.typed.bigFile.marker, edits: options.lspEdits });
    }

    if (options.only.has('scaling')) {
      for (const size of options.sizes) {
        // The main workspace's size reuses its workspace and whatever it already measured.
        const isMain = size === options.files;
        const ws = isMain ? main : prepare(scratch, size, options);
        const done = isMain ? results.measurements : {};
        const sized = commandsFor({ typed: ws.typed.dir, plain: ws.plain.dir, scratch: out, files: ws.typed.files, eslintConfig });
        const missing = SCALING.filter((id) => !done[id]);
        const measured = missing.length ? await repeat(missing, sized, options.reps, out, ws.typed.files) : {};
        results.scaling.push(scalingRow(ws.typed.files, { ...done, ...measured }));
        if (!isMain && !options.keep) fs.rmSync(ws.dir, { recursive: true, force: true });
      }
    }
    results.targets = evaluateTargets(results);
    return results;
  } finally {
    if (options.keep) log(`workspaces kept in ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(argv) {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  if (options.help) {
    console.log(options.help);
    return 0;
  }
  if (!fs.existsSync(path.join(REPO, 'dist', 'src', 'cli', 'main.js'))) {
    console.error('dist/ is missing: run `npm run build` first (or `npm run bench`, which builds).');
    return 2;
  }
  const results = await bench(options);
  const markdown = toMarkdown(results);
  console.log(markdown);
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  if (options.markdown) writeMarkdown(options.markdown, markdown);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error.stack ?? String(error));
      process.exitCode = 1;
    },
  );
}

module.exports = { bench };
