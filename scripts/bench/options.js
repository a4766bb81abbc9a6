// Command-line flags of `npm run bench`.
const { parseArgs } = require('node:util');

const MEASUREMENTS = ['parse', 'tsc6', 'tsc7', 'eslint', 'oxlint', 'sw-typed', 'sw-untyped', 'lsp', 'scaling'];
const HELP = `Usage: npm run bench -- [options]

  --files N          workspace size of the main comparison (default 2000, ~125 lines a file)
  --reps N           repetitions of every command-line measurement (default 3)
  --sizes a,b,c      workspace sizes of the scaling section (default 1000,2000,8000)
  --lsp-edits N      edits of the large file in the editor measurement (default 100)
  --big-lines N      lines of the large messaging file the editor edits (default 2000)
  --seed N           seed of the generated workspace (default 1)
  --only a,b         run only these: ${MEASUREMENTS.join(', ')}
  --quick            small smoke run (200 files, 1 rep, sizes 100,200,400, 10 edits)
  --json FILE        also write the results as JSON
  --markdown FILE    also write the report as Markdown; an existing file keeps everything
                     outside its <!-- bench:start --> … <!-- bench:end --> markers
  --keep             keep the generated workspaces (their folder is printed)
  -h, --help         this text`;

const positiveInt = (name, value) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} expects a positive integer, got "${value}".`);
  return n;
};

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      files: { type: 'string' },
      reps: { type: 'string' },
      sizes: { type: 'string' },
      'lsp-edits': { type: 'string' },
      'big-lines': { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      markdown: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: HELP };
  const defaults = values.quick ? { files: 200, reps: 1, sizes: [100, 200, 400], lspEdits: 10 } : { files: 2000, reps: 3, sizes: [1000, 2000, 8000], lspEdits: 100 };
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : MEASUREMENTS;
  for (const name of only) if (!MEASUREMENTS.includes(name)) throw new Error(`--only: unknown measurement "${name}" (known: ${MEASUREMENTS.join(', ')}).`);
  return {
    files: values.files ? positiveInt('--files', values.files) : defaults.files,
    reps: values.reps ? positiveInt('--reps', values.reps) : defaults.reps,
    sizes: values.sizes ? values.sizes.split(',').map((s) => positiveInt('--sizes', s.trim())) : defaults.sizes,
    lspEdits: values['lsp-edits'] ? positiveInt('--lsp-edits', values['lsp-edits']) : defaults.lspEdits,
    bigLines: values['big-lines'] ? positiveInt('--big-lines', values['big-lines']) : 2000,
    seed: values.seed ? positiveInt('--seed', values.seed) : 1,
    only: new Set(only),
    quick: values.quick,
    json: values.json,
    markdown: values.markdown,
    keep: values.keep,
  };
}

module.exports = { parseOptions, MEASUREMENTS };
