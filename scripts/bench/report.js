// Renders benchmark results as Markdown (printed, and pasted into docs/benchmarks.md between its markers).
const fs = require('node:fs');

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const int = (n) => Math.round(n).toLocaleString('en-US');
const seconds = (ms) => (ms === null || ms === undefined ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const millis = (ms) => (ms === null || ms === undefined ? '—' : `${Math.round(ms)} ms`);
const megabytes = (kb) => (kb === null || kb === undefined ? '—' : `${int(kb / 1024)} MB`);
const times = (x) => (x === null ? '—' : `${x.toFixed(2)}×`);
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];

function machineSection({ machine, options, workspace }) {
  const v = machine.versions;
  return [
    `Recorded ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node} (load average at start ${machine.loadAverageAtStart.join(' / ')}).`,
    `Versions: Streamwise ${v.streamwise}, TypeScript ${v.typescript}, TypeScript native ${v['typescript (native, 7)']}, ESLint ${v.eslint} with @typescript-eslint/parser ${v['@typescript-eslint/parser']}, oxlint ${v.oxlint}.`,
    '',
    workspace
      ? `Workspace: ${int(workspace.files)} files, ${int(workspace.lines)} lines, ${int(workspace.messagingFiles)} of them Redis/Kafka code; the edited file has ${int(workspace.bigFile.lines)} lines (seed ${options.seed}). Each command: ${options.reps} fresh process${options.reps === 1 ? '' : 'es'}, median and min–max.`
      : '',
  ];
}

function measurementSection(measurements) {
  const rows = Object.values(measurements).map((m) => [
    m.label,
    seconds(m.wallMs?.median),
    m.wallMs ? `${seconds(m.wallMs.min)} – ${seconds(m.wallMs.max)}` : '—',
    seconds(m.cpuMs?.median),
    megabytes(m.rssKb?.median),
    m.facts.findings !== undefined ? `${int(m.facts.findings)} findings` : m.facts.problems !== undefined ? `${int(m.facts.problems)} problems` : '',
  ]);
  return rows.length ? ['### Command line', '', ...table(['Measurement', 'Wall time', 'Spread', 'CPU time', 'Peak RSS', 'Reported'], rows)] : [];
}

function editorSection(editor) {
  if (!editor) return [];
  const row = (label, s) => [label, millis(s.median), millis(s.p95), millis(s.max)];
  return [
    '### Editor (language server)',
    '',
    `${editor.edits} incremental edits of a ${int(editor.fileLines)}-line file, each answered before the next (debounce ${editor.debounceMs} ms); the server runs as the VS Code extension starts it${editor.execArgv?.length ? ` (\`node ${editor.execArgv.join(' ')}\`)` : ''}.`,
    '',
    ...table(['Edit → publishDiagnostics', 'p50', 'p95', 'max'], [
      row('Raw latency', editor.latencyMs),
      row('Beyond the debounce', editor.beyondDebounceMs),
      ...(editor.typescript ? [row('TypeScript: rebuild the program, check the edited file', editor.typescript.latencyMs)] : []),
    ]),
    '',
    ...(editor.typescript
      ? [`The TypeScript row is the type-aware floor of one edit: what an editor's TypeScript service pays to re-check the same file after the same edits (classic TypeScript, in a process of its own, no debounce). Streamwise beyond the debounce ÷ that floor: p50 ${times(editor.beyondDebounceMs.median / editor.typescript.latencyMs.median)}, p95 ${times(editor.beyondDebounceMs.p95 / editor.typescript.latencyMs.p95)}.`, '']
      : []),
    `Start-up and workspace scan: ${seconds(editor.startupScanMs)}; first diagnostics after opening the file: ${seconds(editor.openMs)}; server peak RSS: ${megabytes(editor.peakRssKb)}, RSS after the last edit ${megabytes(editor.rssAfterEditsKb)} and after ${seconds(editor.restMs)} at rest ${megabytes(editor.rssAtRestKb)}; publications not matching their edit: ${editor.mismatches}.`,
  ];
}

function scalingSection(scaling) {
  if (scaling.length === 0) return [];
  const fps = (row, id) => (row.filesPerSecond[id] ? int(row.filesPerSecond[id]) : '—');
  const cps = (row, id) => (row.filesPerCpuSecond?.[id] ? int(row.filesPerCpuSecond[id]) : '—');
  const rows = scaling.map((row) => [int(row.files), fps(row, 'parse'), fps(row, 'sw-typed'), fps(row, 'sw-untyped'), cps(row, 'sw-typed'), cps(row, 'sw-untyped')]);
  const small = scaling.reduce((a, b) => (b.files < a.files ? b : a));
  const large = scaling.reduce((a, b) => (b.files > a.files ? b : a));
  const cpuRatio = (id) => (large.filesPerCpuSecond?.[id] && small.filesPerCpuSecond?.[id] ? times(large.filesPerCpuSecond[id] / small.filesPerCpuSecond[id]) : '—');
  return [
    '### Scaling (files per second of wall time, and of CPU time)',
    '',
    ...table(['Files', 'Parse floor', 'Streamwise typings', 'Streamwise no typings', 'Typings, per CPU s', 'No typings, per CPU s'], rows),
    '',
    `By CPU time, ${int(large.files)} ÷ ${int(small.files)} files: typings ${cpuRatio('sw-typed')}, no typings ${cpuRatio('sw-untyped')} (the targets use wall time).`,
  ];
}

function targetSection(targets) {
  const result = (t) => (t.pass === null ? 'not run' : t.pass ? 'pass' : 'miss');
  const value = (t) => (t.value === null ? '—' : t.unit === 'ms' ? millis(t.value) : times(t.value));
  const bound = (t) => (t.unit === 'ms' ? `${t.bound} ms` : `${t.bound < 10 ? t.bound.toFixed(1) : t.bound}×`);
  const goal = (t) => `${t.op === '<=' ? '≤' : '≥'} ${bound(t)}${t.stretch ? ' (stretch)' : ''}`;
  return ['### Targets (issue 5)', '', ...table(['Ratio', 'Measured', 'Target', 'Result'], targets.map((t) => [t.label, value(t), goal(t), result(t)]))];
}

function toMarkdown(results) {
  const parts = [machineSection(results), measurementSection(results.measurements), editorSection(results.editor), scalingSection(results.scaling), targetSection(results.targets)];
  return parts
    .filter((p) => p.length > 0)
    .map((p) => p.join('\n'))
    .join('\n\n');
}

/** Writes the report; an existing file with the markers, each on a line of its own, keeps its text around them. */
function writeMarkdown(file, markdown) {
  const block = `${START}\n${markdown}\n${END}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  // Whole lines only, so a doc may mention the markers in its prose.
  const marked = new RegExp(`^${START}$[\\s\\S]*?^${END}$`, 'm');
  fs.writeFileSync(file, marked.test(current) ? current.replace(marked, () => block) : `${block}\n`);
}

module.exports = { toMarkdown, writeMarkdown };
