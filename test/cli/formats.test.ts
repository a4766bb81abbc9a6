// Every output format of `streamwise lint` on a small workspace, compared with snapshots (UPDATE_SNAPSHOTS=1 rewrites them).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { fingerprints } from '../../src/core/fingerprint';
import { lint } from '../../src/core/linter';
import { resolveConfig } from '../../src/cli/config';
import { formatGithub } from '../../src/cli/formats/github';
import { toEslintResults, type EslintResult } from '../../src/cli/formats/json';
import { formatSarif } from '../../src/cli/formats/sarif';
import { allRules } from '../../src/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli-formats');
const WORKSPACE = path.join(FIXTURES, 'workspace');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with colour and CI variables cleared, then `env` applied. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'GITHUB_WORKSPACE']) delete base[key];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: WORKSPACE, env: { ...base, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Machine-specific parts of an output replaced by placeholders. */
function normalise(text: string): string {
  const url = pathToFileURL(WORKSPACE).href;
  const repoUrl = pathToFileURL(ROOT).href;
  return text
    .split(url).join('file://<ROOT>')
    .split(JSON.stringify(WORKSPACE).slice(1, -1)).join('<ROOT>')
    .split(WORKSPACE).join('<ROOT>')
    .split(repoUrl).join('file://<REPO>');
}

/** Rule docs and the package version change independently of this format: the snapshot keeps their place, not their text. */
function sarifSnapshot(text: string): string {
  const log = JSON.parse(normalise(text));
  const driver = log.runs[0].tool.driver;
  driver.semanticVersion = '<version>';
  for (const rule of driver.rules) {
    rule.fullDescription.text = `<${rule.id} doc, first paragraph>`;
    rule.help = { text: `<${rule.id} doc>`, markdown: `<${rule.id} doc>` };
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

function matchSnapshot(name: string, actual: string): void {
  const file = path.join(FIXTURES, name);
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `missing snapshot ${name}: run with UPDATE_SNAPSHOTS=1 to create it`);
  const expected = fs.readFileSync(file, 'utf8');
  if (actual === expected) return;
  // The first differing line, not two whole reports.
  const [a, e] = [actual.split('\n'), expected.split('\n')];
  const at = a.findIndex((line, i) => line !== e[i]);
  const line = at < 0 ? e.length : at;
  assert.fail(`${name} differs from its snapshot at line ${line + 1} (UPDATE_SNAPSHOTS=1 rewrites it after review)\n  expected: ${JSON.stringify(e[line])}\n  actual:   ${JSON.stringify(a[line])}`);
}

describe('output formats on a fixture workspace', () => {
  const runs: Record<string, Run> = {};
  // Untyped runs keep the suite fast; the sarif run uses the default (typed) mode and must give the same findings.
  const cases: Record<string, [string[], Record<string, string>]> = {
    stylish: [['lint', '.', '--no-type-info'], { NO_COLOR: '1' }],
    stylishPiped: [['lint', '.', '--no-type-info'], {}],
    stylishColor: [['lint', '.', '--no-type-info'], { FORCE_COLOR: '1' }],
    json: [['lint', '.', '--no-type-info', '--format', 'json'], { FORCE_COLOR: '1' }],
    sarif: [['lint', '.', '--format', 'sarif'], { FORCE_COLOR: '1' }],
    github: [['lint', '.', '--no-type-info', '--format', 'github'], { FORCE_COLOR: '1', GITHUB_WORKSPACE: FIXTURES }],
    githubNoWorkspace: [['lint', '.', '--no-type-info', '--format', 'github'], {}],
  };

  before(async () => {
    const done = await Promise.all(Object.entries(cases).map(async ([name, [args, env]]) => [name, await runCli(args, env)] as const));
    for (const [name, r] of done) runs[name] = r;
  });

  it('exits 1 with nothing on stderr in every format (the workspace has errors)', () => {
    for (const [name, r] of Object.entries(runs)) {
      assert.equal(r.stderr, '', `${name}: ${r.stderr}`);
      assert.equal(r.code, 1, name);
    }
  });

  it('stylish: plain without a TTY or with NO_COLOR, coloured only with FORCE_COLOR', () => {
    matchSnapshot('stylish.txt', normalise(runs.stylish.stdout));
    assert.equal(runs.stylishPiped.stdout, runs.stylish.stdout);
    assert.doesNotMatch(runs.stylish.stdout, /\u001b\[/);
    matchSnapshot('stylish-color.txt', normalise(runs.stylishColor.stdout));
    assert.match(runs.stylishColor.stdout, /\u001b\[31merror/);
    assert.equal(runs.stylishColor.stdout.replace(/\u001b\[\d+m/g, ''), runs.stylish.stdout);
  });

  it('json', () => {
    assert.doesNotMatch(runs.json.stdout, /\u001b\[/);
    matchSnapshot('json.json', `${JSON.stringify(JSON.parse(normalise(runs.json.stdout)), null, 2)}\n`);
  });

  it('sarif', () => {
    assert.doesNotMatch(runs.sarif.stdout, /\u001b\[/);
    matchSnapshot('sarif.json', sarifSnapshot(runs.sarif.stdout));
  });

  it('github: paths relative to GITHUB_WORKSPACE, else to the working directory', () => {
    assert.doesNotMatch(runs.github.stdout, /\u001b\[/);
    matchSnapshot('github.txt', runs.github.stdout);
    assert.equal(runs.githubNoWorkspace.stdout, runs.github.stdout.replaceAll('file=workspace/', 'file='));
  });

  it('sarif carries every rule with its doc as help, in registry order, then the directive pseudo-rules', () => {
    const log = JSON.parse(runs.sarif.stdout);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[];
    assert.deepEqual(rules.map((r) => r.id), [...allRules.map((r) => r.meta.id), 'streamwise/unused-disable', 'streamwise/invalid-directive']);
    for (const [i, rule] of rules.slice(0, allRules.length).entries()) {
      const meta = allRules[i].meta;
      assert.equal(rule.helpUri, `https://github.com/streamwise/streamwise/blob/main/rules/${meta.id}.md`);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[meta.defaultSeverity]);
      const body = fs.readFileSync(path.join(ROOT, meta.docs), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '').trim();
      const withoutLinks = (md: string) => md.replace(/\]\([^)]*\)/g, ']()');
      assert.ok(rule.help.markdown.startsWith(`# ${meta.id}\n`), `${meta.id}: front matter stripped`);
      assert.equal(withoutLinks(rule.help.markdown), withoutLinks(body), `${meta.id}: help is the doc`);
      assert.doesNotMatch(rule.help.markdown, /\]\((?!https:\/\/)/, `${meta.id}: links are absolute`);
      assert.equal(rule.help.text, rule.help.markdown);
    }
    assert.equal(log.runs[0].tool.driver.semanticVersion, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('format units', () => {
  it('json orders results by code point, the same under every locale', () => {
    const paths = ['/w/src/b.ts', '/w/src/B.ts', '/w/src/a-b.ts', '/w/src/a/b.ts', '/w/src/é.ts', '/w/src/z.ts'];
    const files = paths.map((p) => ({ path: p, findings: [], syntaxErrors: [], internalErrors: [] }));
    assert.deepEqual(
      toEslintResults(files, new Map(), new Map()).map((r) => r.filePath),
      ['/w/src/B.ts', '/w/src/a-b.ts', '/w/src/a/b.ts', '/w/src/b.ts', '/w/src/z.ts', '/w/src/é.ts'],
    );
  });

  it('github escapes % CR LF in messages, and also : and , in properties', () => {
    const result: EslintResult = {
      filePath: path.join(process.cwd(), 'dir,with:odd%chars', 'a.ts'),
      messages: [{ ruleId: 'redis/unbounded-stream', severity: 1, severityName: 'info', message: '100% lost:\r\nnext, line', line: 2, column: 3, endLine: 4, endColumn: 5 }],
      suppressedMessages: [],
      errorCount: 0,
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
    assert.equal(
      formatGithub([result], { base: process.cwd() }),
      '::notice file=dir%2Cwith%3Aodd%25chars/a.ts,line=2,endLine=4,col=3,endColumn=5,title=redis/unbounded-stream::100%25 lost:%0D%0Anext, line',
    );
  });

  it('sarif fingerprints equal the engine fingerprints of the same findings, whatever the line breaks', () => {
    const dir = path.join(path.parse(process.cwd()).root, 'virtual', 'project');
    const file = path.join(dir, 'src', 'a.ts').split(path.sep).join('/');
    const text = [
      "import Redis from 'ioredis';",
      '// a line separator\u2028inside a comment',
      'const redis = new Redis();',
      "redis.xadd('s', 'MAXLEN', 10, '*', 'k', 'v');",
      "redis.xadd('s', 'MAXLEN', 10, '*', 'k', 'v');\r",
      "redis.xadd('t', '*', 'k', 'v');",
    ].join('\r\n');
    const output = lint({ files: [{ path: file, text }], config: resolveConfig(allRules, undefined) }, allRules);
    const findings = output.files[0].findings;
    assert.ok(findings.length >= 3, 'the sample has findings');
    const sources = new Map([[file, text]]);
    const log = JSON.parse(formatSarif(toEslintResults(output.files, sources, new Map()), { root: dir, sources, rules: allRules }));
    const results = log.runs[0].results as { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[];
    assert.deepEqual(
      results.map((r) => r.partialFingerprints['streamwise/v1']),
      fingerprints(findings, text),
    );
    assert.deepEqual(results[0].locations[0].physicalLocation.artifactLocation, { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' });
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
  });
});
