// The measured command lines (Streamwise and its peers) and how each run is checked to have done the real work.
const { ensureOxlint } = require('./oxlint');
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const NODE = process.execPath;
const at = (...p) => path.join(REPO, ...p);

/**
 * ESLint as a team would approximate four Streamwise rules without writing a plugin: `no-restricted-syntax`
 * selectors on the syntax tree of the non-type-aware @typescript-eslint/parser.
 */
function writeEslintConfig(scratch) {
  const file = path.join(scratch, 'eslint.config.cjs');
  const selectors = [
    ["CallExpression[callee.property.name='publish']", 'Redis Pub/Sub loses messages nobody is subscribed to.'],
    ['CallExpression[callee.property.name=/^(lpush|brpop)$/]', 'A Redis list queue loses the job when a worker dies after the pop.'],
    ["CallExpression[callee.property.name='xadd']:not(:has(Literal[value=/^(MAXLEN|MINID)$/i]))", 'XADD without MAXLEN grows the stream without limit.'],
    ["Property[key.value='linger.ms'][value.value=0], Property[key.name='linger'][value.value=0]", 'linger.ms 0 defeats Kafka batching.'],
  ];
  const config = [
    '// Written by scripts/bench: four Streamwise rules approximated with no-restricted-syntax.',
    `const parser = require(${JSON.stringify(require.resolve('@typescript-eslint/parser', { paths: [REPO] }))});`,
    'module.exports = [',
    '  {',
    "    files: ['**/*.ts'],",
    '    languageOptions: { parser },',
    '    rules: {',
    "      'no-restricted-syntax': [",
    "        'error',",
    ...selectors.map(([selector, message]) => `        { selector: ${JSON.stringify(selector)}, message: ${JSON.stringify(message)} },`),
    '      ],',
    '    },',
    '  },',
    '];',
    '',
  ];
  fs.writeFileSync(file, config.join('\n'));
  return file;
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const problemsOf = (results) => results.reduce((n, r) => n + r.messages.length, 0);

/** Each check returns the facts worth keeping (e.g. findings) or throws when the run did not do the real work. */
function expectFiles(what, seen, files) {
  if (seen !== files) throw new Error(`${what} covered ${seen} files, expected ${files}.`);
}

/**
 * The command-line measurements over one workspace size: `typed` has node_modules with the clients' typings,
 * `plain` is the same source with no node_modules at all.
 */
function commandsFor({ typed, plain, scratch, files, eslintConfig }) {
  const out = (name) => path.join(scratch, `${name}-${files}.out`);
  return {
    parse: {
      label: 'TypeScript 6 parse of every file (floor)',
      command: NODE,
      args: [path.join(__dirname, 'parse-floor.js'), plain],
      cwd: plain,
      stdoutFile: out('parse'),
      codes: [0],
      check: (o) => {
        const { files: seen } = readJson(o.stdoutFile);
        expectFiles('The parse floor', seen, files);
        return {};
      },
    },
    tsc6: {
      label: 'tsc --noEmit, TypeScript 6 (classic)',
      command: NODE,
      args: [at('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', path.join(typed, 'tsconfig.json')],
      cwd: typed,
      stdoutFile: out('tsc6'),
      codes: [0],
      check: () => ({}),
    },
    tsc7: {
      label: 'tsc --noEmit, TypeScript 7 (native)',
      command: NODE,
      args: [at('node_modules', 'typescript7', 'bin', 'tsc'), '--noEmit', '-p', path.join(typed, 'tsconfig.json')],
      cwd: typed,
      stdoutFile: out('tsc7'),
      codes: [0],
      check: () => ({}),
    },
    eslint: {
      label: 'ESLint, 4 no-restricted-syntax selectors',
      command: NODE,
      args: [at('node_modules', 'eslint', 'bin', 'eslint.js'), '--config', eslintConfig, '--format', 'json', '--output-file', out('eslint'), '.'],
      cwd: typed,
      codes: [0, 1],
      check: () => {
        const results = readJson(out('eslint'));
        expectFiles('ESLint', results.length, files);
        const problems = problemsOf(results);
        if (problems === 0) throw new Error('ESLint reported nothing: the selectors no longer match the generated code.');
        return { problems };
      },
    },
    oxlint: {
      label: 'oxlint, default rules',
      get command() {
        return ensureOxlint();
      },
      // `src`, not `.`: oxlint would follow the typings' symlinks into node_modules.
      args: ['src'],
      cwd: typed,
      stdoutFile: out('oxlint'),
      codes: [0, 1],
      check: (o) => {
        const seen = /Finished in .* on (\d+) files?/.exec(fs.readFileSync(o.stdoutFile, 'utf8'));
        expectFiles('oxlint', seen ? Number(seen[1]) : -1, files);
        return {};
      },
    },
    'sw-typed': {
      label: 'Streamwise CLI, with typings',
      command: NODE,
      args: [at('bin', 'streamwise.js'), 'lint', typed, '--format', 'json', '--output-file', out('sw-typed')],
      cwd: typed,
      codes: [0, 1],
      check: () => streamwiseCheck(out('sw-typed'), files),
    },
    'sw-untyped': {
      label: 'Streamwise CLI, no typings',
      command: NODE,
      args: [at('bin', 'streamwise.js'), 'lint', plain, '--format', 'json', '--output-file', out('sw-untyped')],
      cwd: plain,
      codes: [0, 1],
      check: () => streamwiseCheck(out('sw-untyped'), files),
    },
  };
}

function streamwiseCheck(file, files) {
  const results = readJson(file);
  expectFiles('Streamwise', results.length, files);
  const findings = problemsOf(results);
  if (findings === 0) throw new Error('Streamwise reported no findings on a workspace written to have some.');
  const fatal = results.reduce((n, r) => n + r.fatalErrorCount, 0);
  return { findings, fatal };
}

module.exports = { commandsFor, writeEslintConfig };
