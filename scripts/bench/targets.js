// The ratios the report prints and the performance targets of issue 5 they are held against.

const median = (m) => m?.wallMs?.median ?? null;
const rss = (m) => m?.rssKb?.median ?? null;
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);

/** files/s of the largest scaling size ÷ files/s of the smallest, per measurement. */
function scalingRatio(scaling, id) {
  const rows = scaling.filter((row) => row.filesPerSecond[id] !== undefined && row.filesPerSecond[id] !== null);
  if (rows.length < 2) return { value: null, label: '' };
  const small = rows.reduce((a, b) => (b.files < a.files ? b : a));
  const large = rows.reduce((a, b) => (b.files > a.files ? b : a));
  return { value: ratio(large.filesPerSecond[id], small.filesPerSecond[id]), label: `${large.files} ÷ ${small.files} files` };
}

/**
 * Each target: what is compared, the measured value, the goal (`<=` or `>=` a bound), whether it is a stretch goal,
 * and pass (null when a measurement it needs was not run).
 */
function evaluateTargets(results) {
  const m = results.measurements;
  const typedScaling = scalingRatio(results.scaling, 'sw-typed');
  const untypedScaling = scalingRatio(results.scaling, 'sw-untyped');
  const rows = [
    ['untyped-vs-parse', 'Streamwise (no typings) ÷ parse floor, wall time', ratio(median(m['sw-untyped']), median(m.parse)), '<=', 1.0],
    ['typed-vs-tsc6', 'Streamwise (typings) ÷ tsc 6 --noEmit, wall time', ratio(median(m['sw-typed']), median(m.tsc6)), '<=', 0.5],
    ['typed-vs-tsc7', 'Streamwise (typings) ÷ tsc 7 --noEmit, wall time', ratio(median(m['sw-typed']), median(m.tsc7)), '<=', 1.0, true],
    ['eslint-vs-typed', 'ESLint ÷ Streamwise (typings), wall time', ratio(median(m.eslint), median(m['sw-typed'])), '>=', 10],
    ['eslint-vs-untyped', 'ESLint ÷ Streamwise (no typings), wall time', ratio(median(m.eslint), median(m['sw-untyped'])), '>=', 10],
    ['typed-vs-oxlint', 'Streamwise (typings) ÷ oxlint, wall time', ratio(median(m['sw-typed']), median(m.oxlint)), '<=', 3, true],
    ['untyped-vs-oxlint', 'Streamwise (no typings) ÷ oxlint, wall time', ratio(median(m['sw-untyped']), median(m.oxlint)), '<=', 3, true],
    ['memory-typed-vs-tsc6', 'Peak memory: Streamwise (typings) ÷ tsc 6', ratio(rss(m['sw-typed']), rss(m.tsc6)), '<=', 1.0],
    ['memory-untyped-vs-parse', 'Peak memory: Streamwise (no typings) ÷ parse floor', ratio(rss(m['sw-untyped']), rss(m.parse)), '<=', 1.5],
    ['scaling-typed', `files/s, Streamwise (typings): ${typedScaling.label || 'largest ÷ smallest size'}`, typedScaling.value, '>=', 0.8],
    ['scaling-untyped', `files/s, Streamwise (no typings): ${untypedScaling.label || 'largest ÷ smallest size'}`, untypedScaling.value, '>=', 0.8],
    ['editor-p95', 'Editor: p95 re-diagnosis beyond the debounce (ms)', results.editor?.beyondDebounceMs?.p95 ?? null, '<=', 50, false, 'ms'],
  ];
  return rows.map(([id, label, value, op, bound, stretch = false, unit = '×']) => ({
    id,
    label,
    value,
    op,
    bound,
    unit,
    stretch,
    pass: value === null ? null : op === '<=' ? value <= bound : value >= bound,
  }));
}

module.exports = { evaluateTargets };
