// No network access is needed or tried: the CLI and the language server do their whole job inside a network namespace with no interfaces but a downed loopback.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from '../helpers/cli';
import { startClient, uriOf } from '../server/lsp-client';

/** `unshare -n` needs root; `unshare -rn` maps the user to root in a new user namespace where that is allowed. */
function offlineWrapper(): { wrapper: string[] } | { skip: string } {
  const reasons: string[] = [];
  for (const wrapper of [['unshare', '--net', '--'], ['unshare', '--map-root-user', '--net', '--']]) {
    const r = spawnSync(wrapper[0], [...wrapper.slice(1), 'true'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return { wrapper };
    reasons.push(`${wrapper.join(' ')}: ${r.error?.message ?? r.stderr.trim()}`);
  }
  return { skip: `no network namespace available here (${reasons.join('; ')}); test/security/no-workspace-code.test.ts still proves no connection is attempted` };
}

const offline = offlineWrapper();
const skip = 'skip' in offline ? offline.skip : false;
const wrapper = 'wrapper' in offline ? offline.wrapper : [];
const EXAMPLES = path.join(ROOT, 'examples');

function documentedFindings(): string[] {
  const readme = fs.readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| (src\/[^|]+?:\d+) \| ([a-z]+\/[a-z-]+) \|$/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

describe('with networking blocked (network namespace)', { skip }, () => {
  it('the namespace really is offline: a connection and a DNS lookup both fail', () => {
    const probe = `const net = require('node:net'); const dns = require('node:dns');
      const s = net.connect(80, '1.1.1.1'); s.on('connect', () => { console.log('connected'); process.exit(0); }); s.on('error', (e) => console.log('connect', e.code));
      dns.lookup('example.com', (e) => console.log('lookup', e ? e.code : 'resolved'));`;
    const r = spawnSync(wrapper[0], [...wrapper.slice(1), process.execPath, '-e', probe], { encoding: 'utf8', timeout: 30_000 });
    assert.doesNotMatch(r.stdout, /connected|resolved/);
    assert.match(r.stdout, /connect E[A-Z]+/);
    assert.match(r.stdout, /lookup E[A-Z_]+/);
  });

  it('lint (typed) and compare work as usual', () => {
    const r = runCli(['lint', 'examples', '--format', 'json'], { wrapper });
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    const got = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[]).flatMap((res) => res.messages.map((m) => `${path.relative(EXAMPLES, res.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId}`)).sort();
    assert.deepEqual(got, documentedFindings());
    const compare = runCli(['compare', 'examples', '--format', 'json'], { wrapper });
    assert.equal(compare.code, 0, compare.stderr);
    assert.ok((JSON.parse(compare.stdout) as { destinations: unknown[] }).destinations.length > 0);
  });

  it('the language server scans, publishes and answers', async () => {
    const client = await startClient(EXAMPLES, undefined, { wrapper });
    try {
      await client.waitFor(() => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 'the end of the workspace scan');
      const flagged = documentedFindings().map((f) => path.join(EXAMPLES, f.split(':')[0]));
      const diagnostics = client.diagnostics.get(uriOf(flagged[0])) ?? [];
      assert.ok(diagnostics.length > 0, `no diagnostics for ${flagged[0]}`);
      const map = (await client.connection.sendRequest('streamwise/messagingMap', {})) as { destinations: unknown[] };
      assert.ok(map.destinations.length > 0);
    } finally {
      await client.close();
    }
  });
});
