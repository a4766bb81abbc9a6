// The stdin frame filter alone: valid messages pass whole however the bytes are chunked; broken frames are dropped up to the next header and never take the following message with them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameFilter } from '../../src/server/framing';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const msg = (id: number, text = 'x') => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { text } });

/** Feeds `input` in chunks of the given sizes (cycled) and returns the bodies that came out, and the drops. */
function filter(input: string | Buffer, sizes: number[] = [input.length]): { bodies: string[]; drops: string[] } {
  const drops: string[] = [];
  const f = new FrameFilter((bytes, why) => drops.push(`${bytes} ${why}`));
  const out: Buffer[] = [];
  f.on('data', (c: Buffer) => out.push(c));
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]);
    f.write(bytes.subarray(at, at + n));
    at += n;
  }
  f.end();
  const text = Buffer.concat(out).toString('utf8');
  const bodies: string[] = [];
  for (let rest = text; rest.length > 0; ) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(rest);
    assert.ok(m, `the output is not clean frames: ${JSON.stringify(rest.slice(0, 80))}`);
    const start = m[0].length;
    const body = Buffer.from(rest.slice(start)).subarray(0, Number(m[1])).toString('utf8');
    bodies.push(body);
    rest = rest.slice(start + body.length);
  }
  return { bodies, drops };
}

describe('FrameFilter', () => {
  const good = [msg(1), msg(2, 'ünïcødé ✓ and "Content-Length: 5" in a string'), msg(3, 'x'.repeat(70_000))];
  const stream = good.map(frame).join('');

  for (const [name, sizes] of [['one chunk', [stream.length * 4]], ['byte by byte', [1]], ['odd chunks', [7, 1, 13, 64, 3, 4096]]] as const) {
    it(`passes valid messages whole and unchanged: ${name}`, () => {
      const { bodies, drops } = filter(stream, [...sizes]);
      assert.deepEqual(bodies, good);
      assert.deepEqual(drops, []);
    });
  }

  const broken: [string, string][] = [
    ['garbage before a header', `hello world\r\n${frame(msg(9))}`],
    ['a header without Content-Length', `Content-Type: application/json\r\n\r\n{}${frame(msg(9))}`],
    ['a Content-Length that is not a number', `Content-Length: twelve\r\n\r\n{}${frame(msg(9))}`],
    ['a header line without a colon', `nonsense\r\n\r\n${frame(msg(9))}`],
    ['a Content-Length too large by one byte', `Content-Length: 3\r\n\r\n{}${frame(msg(9))}`],
    ['a Content-Length too large by a few bytes', `Content-Length: 20\r\n\r\n{}${frame(msg(9))}`],
    ['a Content-Length far too large', `Content-Length: 99999\r\n\r\n{}${frame(msg(9))}`],
    ['a Content-Length too small', `${frame(msg(8)).replace(/Content-Length: \d+/, 'Content-Length: 10')}${frame(msg(9))}`],
    ['an empty message', `Content-Length: 0\r\n\r\n${frame(msg(9))}`],
  ];
  for (const [name, input] of broken) {
    for (const sizes of [[input.length], [1], [5, 17]]) {
      it(`drops ${name} and keeps the next message (chunks of ${sizes.join(', ')})`, () => {
        const { bodies, drops } = filter(input, sizes);
        assert.equal(bodies[bodies.length - 1], msg(9));
        assert.ok(drops.length > 0 || name.includes('too small'), 'the drop is reported');
      });
    }
  }

  it('drops a megabyte of random bytes without a header, keeping memory to a small window, and recovers', () => {
    const noise = Buffer.alloc(1024 * 1024);
    for (let i = 0, x = 1; i < noise.length; i++) noise[i] = x = (x * 1103515245 + 12345) & 0x7f;
    const { bodies } = filter(Buffer.concat([noise, Buffer.from(`\r\n\r\n${frame(msg(9))}`)]), [65_536]);
    assert.deepEqual(bodies.slice(-1), [msg(9)]);
  });
});
