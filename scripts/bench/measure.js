// Runs one command as a fresh child process and reports its wall time, CPU time, peak memory and exit code.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = fs.existsSync(GNU_TIME);
const STDERR_CAP = 64 * 1024;

/**
 * Wall time is taken around the whole child (start-up included: that is what a user waits for).
 * Peak memory is GNU time's maxRSS, which covers the largest process of the tree it waited for,
 * so wrappers that spawn a native binary (tsc 7) report the binary's peak. CPU time (user + system, all threads and
 * waited-for children) moves far less than wall time when the machine is shared, so it is kept beside it.
 */
function runOnce({ command, args, cwd, stdoutFile, scratch }) {
  return new Promise((resolve, reject) => {
    const rssFile = path.join(scratch, `rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
    const [cmd, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
    const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < STDERR_CAP) stderr += String(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (typeof out === 'number') fs.closeSync(out);
      let rssKb = null;
      let cpuMs = null;
      if (hasGnuTime) {
        try {
          // GNU time prefixes "Command exited with non-zero status N" on its own line.
          const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
          const [rss, user, system] = lines[lines.length - 1].split(' ').map(Number);
          rssKb = rss || null;
          cpuMs = Number.isFinite(user + system) ? (user + system) * 1000 : null;
          fs.rmSync(rssFile, { force: true });
        } catch {
          rssKb = null;
        }
      }
      resolve({ wallMs, rssKb, cpuMs, code, stderr });
    });
  });
}

module.exports = { runOnce, hasGnuTime };
