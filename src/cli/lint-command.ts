// `streamwise lint`: reads files, runs the engine, prints a format, and sets the exit code.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYSIS_ERROR_ID } from '../core/linter';
import type { Severity, SourceFile } from '../core/types';
import { allRules } from '../rules';
import { ConfigFiles, resolveConfig, type FileConfig } from './config';
import { findProjectRoot, findRepositoryRoot, toPosix } from './files';
import { formatStylish } from './formats/stylish';
import { toEslintResults } from './formats/json';
import { baselineStep } from './baseline';
import { formatSarif } from './formats/sarif';
import { formatGithub } from './formats/github';
import { createFsModuleHost } from './module-host';
import { UsageError, type CliIO } from './io';
import { fixWorkspace, reportFixes } from './fix';
import { createProgress } from './progress';
import { readStdinSource } from './stdin';
import { discoverWorkspace, hasClientTypings, readSources, withStdin } from './workspace';
import { limitsFor, MAX_FILE_SIZE_LIMIT, MAX_FILE_TIME_LIMIT, oversized, parseLimitFlag } from './limits';
import { runEngine } from './run-engine';

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
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'boolean', default: false },
      'report-unused-disables': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      'max-file-time': { type: 'string' },
    },
  });
  const format = values.format!;
  if (!['stylish', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`Unknown format "${format}". Use stylish, json, sarif or github.`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings)) throw new UsageError('--max-warnings expects an integer.');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename is only used with --stdin.');
  if (values['write-baseline'] && values['fix-dry-run']) throw new UsageError('--write-baseline cannot be used with --fix-dry-run (the baseline would describe code that was not written).');
  const maxFileSize = parseLimitFlag('--max-file-size', values['max-file-size'], MAX_FILE_SIZE_LIMIT);
  const maxFileTime = parseLimitFlag('--max-file-time', values['max-file-time'], MAX_FILE_TIME_LIMIT);
  const progress = createProgress();
  const stdin = values.stdin ? readStdinSource(values['stdin-filename'], positionals) : undefined;

  const inputs = stdin ? [] : positionals.length > 0 ? positionals : ['.'];
  for (const p of inputs) if (!fs.existsSync(p)) throw new UsageError(`No such file or directory: ${p}`);
  const root = stdin ? stdin.root : findProjectRoot(path.resolve(inputs[0]));
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together.');
  const configFiles = new ConfigFiles(allRules, values.config ? path.resolve(values.config) : undefined, values['no-config'] === true);
  const rootConfigPath = configFiles.pathFor(root, true);
  const fileConfig: FileConfig | undefined = configFiles.load(rootConfigPath);
  progress.phase('Finding files…');
  const unreadable = new Map<string, string>();
  const { targets, workspacePaths } = stdin ? withStdin(stdin.path, root, configFiles) : discoverWorkspace(inputs, root, configFiles, unreadable);
  const notices = new Map<string, string>();
  const limits = limitsFor(configFiles, { maxFileSize, maxFileTime });
  const lossy = new Set<string>();
  progress.phase(`Reading ${workspacePaths.length} files…`);
  const files = readSources(workspacePaths.filter((p) => p !== stdin?.path), notices, { limits, lossy });
  // Standard input gets the size cap of the file it stands for.
  const stdinTooLarge = stdin && oversized(stdin.text, limits(stdin.path).maxFileSize);
  if (stdin && stdinTooLarge) notices.set(stdin.path, stdinTooLarge);
  else if (stdin) files.push({ path: stdin.path, text: stdin.text });
  const targetSet = new Set(targets);

  const overrides = (values.rule ?? []).map((spec) => {
    const m = /^([a-z-]+\/[a-z-]+)=(off|info|warning|error)$/.exec(spec);
    if (!m || !allRules.some((r) => r.meta.id === m[1])) throw new UsageError(`--rule expects <id>=off|info|warning|error with a known rule id, got "${spec}".`);
    return [m[1], m[2] as Severity | 'off'] as const;
  });
  const engineConfig = (file: FileConfig | undefined) => {
    const resolved = resolveConfig(allRules, file);
    for (const [id, severity] of overrides) resolved.rules[id].severity = severity;
    return resolved;
  };
  const config = engineConfig(fileConfig);
  // Nested config files: files below another streamwise.config.json use that one.
  const fileConfigs: Record<string, ReturnType<typeof engineConfig>> = {};
  for (const t of targets) {
    const own = configFiles.pathFor(t);
    if (own !== rootConfigPath) fileConfigs[t] = engineConfig(configFiles.load(own));
  }
  const typed = !values['no-type-info'] && hasClientTypings(root);
  const moduleHost = typed ? createFsModuleHost() : undefined;
  const engine = (input: SourceFile[]) => runEngine({ files: input, targets: targets.filter((t) => !notices.has(t)), moduleHost, config, fileConfigs }, allRules, notices, { limits });
  progress.phase(`Linting ${files.length} files…`, typed || files.length >= 200);
  let output = engine(files);
  const unfixable = new Map([...lossy].map((p) => [p, 'the file is not valid UTF-8, and writing it back would change bytes no fix touched'] as const));
  const fixing = values.fix || values['fix-dry-run'] ? fixWorkspace(files, output, engine, (pass) => progress.phase(`Fixing: pass ${pass}…`), unfixable) : undefined;
  if (fixing) output = fixing.output;
  progress.done();
  // Notices of files outside the targets (read for cross-file rules only) are not this run's to report.
  for (const key of [...notices.keys()]) if (!targetSet.has(key)) notices.delete(key);
  for (const [dir, message] of unreadable) notices.set(dir, message);

  const sources = new Map((fixing?.files ?? files).map((f) => [f.path, f.text]));
  const activeRules = new Set(Object.keys(config.rules).filter((id) => config.rules[id].severity !== 'off'));
  const baseline = baselineStep(output.files, sources, { file: values.baseline, write: values['write-baseline'] === true, root, activeRules }, process.cwd());
  let results = toEslintResults(baseline.files, sources, notices, { reportUnusedDisables: values['report-unused-disables'] });
  const fixToStdout = Boolean(stdin && values.fix);
  if (fixing) reportFixes(fixing, results, { write: values.fix === true && !stdin, stdout: fixToStdout ? 'stdin-source' : values['fix-dry-run'] && format !== 'json' ? 'diff' : 'none', stdinPath: stdin?.path, cwd: process.cwd() }, io);
  if (values.quiet) results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 }));
  const text =
    format === 'json' ? JSON.stringify(results)
    : format === 'sarif' ? formatSarif(results, { root: findRepositoryRoot(root), sources, rules: allRules })
    : format === 'github' ? formatGithub(results, { base: process.env.GITHUB_WORKSPACE || process.cwd() })
    : formatStylish(results, { color: io.color, cwd: process.cwd() });
  if (values['output-file']) fs.writeFileSync(values['output-file'], text);
  else if (text) (fixToStdout ? io.err : io.out)(text);
  for (const notice of baseline.notices) io.err(notice);

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  // Exit 2 only when there was something to lint and none of it could be: every target skipped or failed as a whole.
  const linted = output.files.filter((r) => targetSet.has(r.path) && !r.internalErrors.some((e) => e.ruleId === ANALYSIS_ERROR_ID));
  if (targets.length > 0 && linted.length === 0) return 2;
  if (values['write-baseline']) return 0;
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

export { toPosix };
