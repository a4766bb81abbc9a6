// The CLI's SARIF passes Microsoft's SARIF validator with the GitHub code scanning rules: zero errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import multitoolPath from '@microsoft/sarif-multitool';
import { tempDir } from '../helpers/temp';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'streamwise.js');

/**
 * The platform binary itself: the package's bin.js wrapper runs it through a shell, which
 * splits the `Ghas;Sarif` argument at the semicolon. Its postinstall only sets the executable
 * bit, which `.npmrc`'s ignore-scripts skips, so the test sets it.
 */
function multitool(): string {
  if (process.platform !== 'win32') {
    try {
      fs.accessSync(multitoolPath, fs.constants.X_OK);
    } catch {
      fs.chmodSync(multitoolPath, fs.statSync(multitoolPath).mode | 0o111);
    }
  }
  return multitoolPath;
}

/**
 * SARIF2006 fetches every helpUri over HTTP; it is a reachability note, not validity, and a
 * test must not depend on the network.
 */
const VALIDATOR_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`;

function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
}

describe('SARIF validation (sarif-multitool validate --rule-kind "Ghas;Sarif")', () => {
  const dir = tempDir('sw-sarif-');
  const byFile = new Map<string, ValidatorResult[]>();
  const logs: Record<string, string> = {};
  let validatorRun: { code: number; stdout: string; stderr: string };
  let validatorLog: { runs: { results: ValidatorResult[]; invocations?: { toolExecutionNotifications?: { level?: string; message: { text: string } }[] }[] }[] };

  before(async () => {
    // A workspace with everything the CLI reports besides plain findings: a syntax error, a
    // binary file, a name that needs percent-encoding in a URI, an unused disable comment and
    // one naming an unknown rule.
    const broken = path.join(dir, 'broken-workspace');
    fs.mkdirSync(path.join(broken, 'src', 'with space'), { recursive: true });
    fs.writeFileSync(path.join(broken, 'package.json'), '{ "name": "broken", "private": true }\n');
    fs.writeFileSync(
      path.join(broken, 'src', 'with space', 'ünïcode#1.ts'),
      [
        "import Redis from 'ioredis';",
        'const redis = new Redis();',
        'export async function f(id: string) {',
        '  const at = ;',
        "  await redis.xadd('s', 'MAXLEN', 5, '*', 'id', id);",
        '  // streamwise-disable-next-line kafka/weak-acks -- nothing to suppress here',
        "  await redis.xadd('s', 'MAXLEN', 5, '*', 'id', id, 'at', String(at));",
        '  /* streamwise-disable-line redis/no-such-rule */',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(broken, 'src', 'blob.js'), Buffer.from([0x61, 0x00, 0x62]));

    const targets: Record<string, [string, string]> = {
      workspace: [path.join(ROOT, 'test', 'fixtures', 'cli-formats', 'workspace'), '.'],
      examples: [ROOT, 'examples'],
      'syntax-error': [broken, '.'],
    };
    await Promise.all(
      Object.entries(targets).map(async ([name, [cwd, target]]) => {
        logs[name] = path.join(dir, `${name}.sarif`);
        const r = await exec(process.execPath, [BIN, 'lint', target, '--format', 'sarif', '--report-unused-disables', '--output-file', logs[name]], cwd);
        assert.equal(r.code, 1, `${name}: ${r.stderr}`);
        assert.equal(r.stdout, '', `${name}: --output-file leaves stdout empty`);
      }),
    );

    // A log with a known defect, to prove the validator run detects errors at all.
    const invalid = JSON.parse(fs.readFileSync(logs.workspace, 'utf8'));
    invalid.runs[0].results[0].message = {};
    logs.invalid = path.join(dir, 'invalid.sarif');
    fs.writeFileSync(logs.invalid, JSON.stringify(invalid, null, 2));

    const config = path.join(dir, 'validator.xml');
    fs.writeFileSync(config, VALIDATOR_CONFIG);
    const out = path.join(dir, 'validation.sarif');
    validatorRun = await exec(
      multitool(),
      ['validate', ...Object.values(logs), '--rule-kind', 'Ghas;Sarif', '--level', 'Error;Warning;Note', '--config', config, '--output', out],
      dir,
      { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    );
    assert.ok(fs.existsSync(out), `the validator wrote no log: ${validatorRun.stdout}${validatorRun.stderr}`);
    validatorLog = JSON.parse(fs.readFileSync(out, 'utf8'));
    for (const result of validatorLog.runs[0].results) {
      const uri = result.locations?.[0]?.physicalLocation.artifactLocation.uri ?? '';
      byFile.set(uri, [...(byFile.get(uri) ?? []), result]);
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const describeResult = (r: ValidatorResult) => `${r.ruleId} line ${r.locations?.[0]?.physicalLocation.region?.startLine}: ${r.message.text ?? `${r.message.id} ${JSON.stringify(r.message.arguments)}`}`;

  it('the validator ran cleanly', () => {
    assert.equal(validatorRun.code, 0, validatorRun.stdout + validatorRun.stderr);
    const failures = (validatorLog.runs[0].invocations ?? []).flatMap((i) => i.toolExecutionNotifications ?? []).filter((n) => n.level === 'error');
    assert.deepEqual(failures.map((n) => n.message.text), []);
  });

  for (const name of ['workspace', 'examples', 'syntax-error']) {
    it(`${name}: zero errors`, () => {
      // A log the validator cannot read yields no results at all, so some (notes) must be present.
      const results = byFile.get(pathToFileURL(logs[name]).href) ?? [];
      assert.ok(results.length > 0, `${name}: the validator reported nothing for this log, so it did not analyse it`);
      assert.deepEqual(results.filter((r) => r.level === 'error').map(describeResult), []);
    });
  }

  it('a defective log does fail validation (the check is live)', () => {
    const errors = (byFile.get(pathToFileURL(logs.invalid).href) ?? []).filter((r) => r.level === 'error');
    assert.ok(errors.length > 0, 'expected errors for a result without message text');
  });

  it('syntax errors and skipped files are tool notifications, directive problems are results, URIs are encoded', () => {
    const log = JSON.parse(fs.readFileSync(logs['syntax-error'], 'utf8'));
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications as { descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.deepEqual(
      notifications.map((n) => [n.descriptor.id, n.locations[0].physicalLocation.artifactLocation.uri]).sort(),
      [
        ['streamwise/file-skipped', 'src/blob.js'],
        ['streamwise/parse-error', 'src/with%20space/%C3%BCn%C3%AFcode%231.ts'],
      ],
    );
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true, 'syntax errors and skipped binaries are not tool failures');
    const ruleIds = (log.runs[0].results as { ruleId: string }[]).map((r) => r.ruleId);
    assert.ok(ruleIds.includes('redis/exact-stream-trim'), 'the recovered file is still analysed');
    assert.ok(ruleIds.includes('streamwise/unused-disable') && ruleIds.includes('streamwise/invalid-directive'), ruleIds.join());
  });
});
