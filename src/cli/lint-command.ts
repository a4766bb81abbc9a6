// `streamwise lint`: reads files, runs the engine, prints a format, and sets the exit code.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { lint } from '../core/linter';
import type { Severity, SourceFile } from '../core/types';
import { allRules } from '../rules';
import { findConfigFile, loadConfigFile, resolveConfig, type FileConfig } from './config';
import { discoverFiles, findProjectRoot, toPosix } from './files';
import { formatStylish } from './formats/stylish';
import { toEslintResults } from './formats/json';
import { createFsModuleHost } from './module-host';
import { UsageError, type CliIO } from './io';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const CLIENT_PACKAGES = ['ioredis', 'redis', '@redis/client', 'kafkajs', '@confluentinc/kafka-javascript', 'node-rdkafka'];

/** Typings are worth loading only when some client package is installed where the workspace resolves modules. */
function hasClientTypings(root: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (CLIENT_PACKAGES.some((p) => fs.existsSync(path.join(dir, 'node_modules', p, 'package.json')))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

function readSources(paths: string[], notices: Map<string, string>): SourceFile[] {
  const files: SourceFile[] = [];
  for (const p of paths) {
    try {
      const size = fs.statSync(p).size;
      if (size > MAX_FILE_BYTES) {
        notices.set(p, `File skipped: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit.`);
        continue;
      }
      const buffer = fs.readFileSync(p);
      if (buffer.includes(0)) {
        notices.set(p, 'File skipped: it looks binary (contains NUL bytes).');
        continue;
      }
      files.push({ path: p, text: buffer.toString('utf8') });
    } catch (error) {
      notices.set(p, `File could not be read: ${(error as Error).message}`);
    }
  }
  return files;
}

export function runLint(argv: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      'output-file': { type: 'string', short: 'o' },
      'no-type-info': { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const format = values.format!;
  if (!['stylish', 'json'].includes(format)) throw new UsageError(`Unknown format "${format}". Use stylish or json.`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings)) throw new UsageError('--max-warnings expects an integer.');

  const inputs = positionals.length > 0 ? positionals : ['.'];
  for (const p of inputs) if (!fs.existsSync(p)) throw new UsageError(`No such file or directory: ${p}`);
  const root = findProjectRoot(path.resolve(inputs[0]));
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together.');
  const configPath = values['no-config'] ? undefined : values.config ? path.resolve(values.config) : findConfigFile(root);
  const fileConfig: FileConfig | undefined = configPath ? loadConfigFile(configPath, allRules) : undefined;
  const configDir = configPath ? path.dirname(configPath) : root;
  const globs = { include: fileConfig?.include, exclude: fileConfig?.exclude ?? [], base: configDir };
  const targets = discoverFiles(inputs, root, globs);
  const workspacePaths = [...new Set([...discoverFiles([root], root, globs), ...targets])];
  const notices = new Map<string, string>();
  const files = readSources(workspacePaths, notices);
  const targetSet = new Set(targets);
  for (const key of [...notices.keys()]) if (!targetSet.has(key)) notices.delete(key);

  const config = resolveConfig(allRules, fileConfig);
  for (const spec of values.rule ?? []) {
    const m = /^([a-z-]+\/[a-z-]+)=(off|info|warning|error)$/.exec(spec);
    if (!m || !config.rules[m[1]]) throw new UsageError(`--rule expects <id>=off|info|warning|error with a known rule id, got "${spec}".`);
    config.rules[m[1]].severity = m[2] as Severity | 'off';
  }
  const typed = !values['no-type-info'] && hasClientTypings(root);
  const output = lint({ files, targets: targets.filter((t) => !notices.has(t)), moduleHost: typed ? createFsModuleHost() : undefined, config }, allRules);

  const sources = new Map(files.map((f) => [f.path, f.text]));
  let results = toEslintResults(output.files, sources, notices);
  if (values.quiet) results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 }));
  const text = format === 'json' ? JSON.stringify(results) : formatStylish(results, { color: io.color, cwd: process.cwd() });
  if (values['output-file']) fs.writeFileSync(values['output-file'], text);
  else if (text) io.out(text);

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (files.length === 0 && targets.length > 0) return 2;
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

export { toPosix };
