#!/usr/bin/env node
// Writes streamwise.schema.json and README's configuration reference from rule metadata (run by
// `npm run build`); with --check, fails when either is out of date (a test runs that).
const fs = require('node:fs');
const path = require('node:path');
const { configSchema } = require('../dist/src/cli/config-schema');
const { configReference, withReference } = require('../dist/src/cli/config-reference');
const { allRules } = require('../dist/src/rules');

const root = path.join(__dirname, '..');
const schema = configSchema(allRules);
const targets = [
  [path.join(root, 'streamwise.schema.json'), () => `${JSON.stringify(schema, null, 2)}\n`],
  [path.join(root, 'README.md'), (current) => withReference(current, configReference(allRules, schema))],
];

let stale = false;
for (const [file, render] of targets) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const next = render(current);
  if (current === next) continue;
  if (process.argv.includes('--check')) {
    console.error(`${path.basename(file)} is out of date: run npm run build`);
    stale = true;
  } else fs.writeFileSync(file, next);
}
process.exit(stale ? 1 : 0);
