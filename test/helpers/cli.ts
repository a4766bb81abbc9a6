// Runs the built `streamwise` binary in a child process (optionally with preloaded test fixtures) and makes throwaway projects.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'streamwise.js');
export const PRELOAD = path.join(ROOT, 'test', 'fixtures', 'preload');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
  /** Scripts to load with `node -r` before the CLI: names under test/fixtures/preload, or absolute paths. */
  preload?: string[];
  /** A command and its arguments to run node under (e.g. a namespace or another user). */
  wrapper?: string[];
  /** Kills a run that hangs; only a guard, never an assertion about speed. */
  timeoutMs?: number;
}

function command(args: string[], options: CliOptions): [string, string[], NodeJS.ProcessEnv] {
  const { FORCE_COLOR: _force, ...env } = process.env;
  const node = [...(options.preload ?? []).flatMap((p) => ['-r', path.isAbsolute(p) ? p : path.join(PRELOAD, p)]), BIN, ...args];
  const [cmd, ...rest] = options.wrapper ? [...options.wrapper, process.execPath, ...node] : [process.execPath, ...node];
  return [cmd, rest, { ...env, NO_COLOR: '1', CI: 'true', ...options.env }];
}

export function runCli(args: string[], options: CliOptions = {}): CliRun {
  const [cmd, rest, env] = command(args, options);
  const r = spawnSync(cmd, rest, { cwd: options.cwd ?? ROOT, input: options.input ?? '', encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs });
  if (r.error) throw new Error(`streamwise ${args.join(' ')}: ${r.error.message}${r.signal ? ' (it did not finish)' : ''}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As runCli, without blocking the test process (for runs that take a while next to other work). */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const [cmd, rest, env] = command(args, options);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, rest, { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A project folder (with package.json) holding `files`; string contents are written as UTF-8, buffers as they are. */
export function project(files: Record<string, string | Buffer>, prefix = 'sw-project-'): string {
  const dir = tempDir(prefix);
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "fixture", "private": true }\n');
  for (const [p, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), content);
  }
  return dir;
}

export interface EslintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  fatal?: boolean;
  line: number;
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  output?: string;
}

/** Results of `--format json`, keyed by path relative to `dir` with forward slashes. */
export function resultsByFile(stdout: string, dir: string): Map<string, EslintResult> {
  const results = JSON.parse(stdout) as EslintResult[];
  return new Map(results.map((r) => [path.relative(dir, r.filePath).split(path.sep).join('/'), r]));
}

/** A Redis client file with one exact-trim finding (a fixable info) and one unbounded-stream warning. */
export const REDIS_SOURCE = [
  "import Redis from 'ioredis';",
  'const redis = new Redis();',
  "export const trimmed = () => redis.xadd('audit', 'MAXLEN', 100, '*', 'k', 'v');",
  "export const read = () => redis.xrange('audit', '-', '+');",
  '',
].join('\n');

/**
 * The CLI's own entry point (`main`, which bin/streamwise.js calls) in this process, with output
 * captured: for checks that need many runs and no process-level behaviour.
 */
export function runMain(args: string[]): CliRun {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(path.join(ROOT, 'dist', 'src', 'cli', 'main')) as { main: (argv: string[], io: unknown) => number };
  let stdout = '';
  let stderr = '';
  const code = main(args, { out: (t: string) => (stdout += `${t}\n`), err: (t: string) => (stderr += `${t}\n`), write: (t: string) => (stdout += t), color: false });
  return { code, stdout, stderr };
}

/**
 * How to run node without the right to read a mode-000 file: as the current user when that is not
 * root, else as `nobody` through setpriv. Undefined (with why) when neither is possible here.
 */
export function unprivileged(): { wrapper: string[] } | { skip: string } {
  if (typeof process.getuid !== 'function') return { skip: 'no POSIX users on this platform' };
  if (process.getuid() !== 0) return { wrapper: [] };
  const wrapper = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
  const probe = spawnSync(wrapper[0], [...wrapper.slice(1), process.execPath, '-e', `require('fs').readFileSync(${JSON.stringify(BIN)}); process.exit(process.getuid() === 65534 ? 0 : 1)`], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { skip: `running as root and cannot drop to nobody with setpriv: ${probe.error?.message ?? probe.stderr}` };
  return { wrapper };
}
