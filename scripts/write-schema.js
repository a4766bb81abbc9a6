#!/usr/bin/env node
// Writes streamwise.schema.json from the rule metadata (run by `npm run build`; a test checks it is current).
const fs = require('node:fs');
const path = require('node:path');
const { configSchema } = require('../dist/src/cli/config-schema');
const { allRules } = require('../dist/src/rules');

const text = `${JSON.stringify(configSchema(allRules), null, 2)}\n`;
const target = path.join(__dirname, '..', 'streamwise.schema.json');
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('streamwise.schema.json is out of date: run npm run build');
    process.exit(1);
  }
} else fs.writeFileSync(target, text);
