// LSP base-protocol framing on the way in: well-formed messages pass, anything else is dropped up to the next header, so one bad frame never deafens the server.
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 8 * 1024;
/** Far above any document the size cap lets through, with room for JSON escaping. */
export const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;
/** A raw `Content-Length: N` line can only start a frame: raw CR/LF never occur inside a JSON string, and letters never outside one. */
const FRAME_START = /content-length:[ \t]*\d+\r\n/i;
/** Long enough to hold a split `Content-Length: <digits>\r\n` line between two chunks. */
const OVERLAP = 64;

/**
 * Without it a bad header (a Content-Length that is not a number, a line without a colon) makes
 * vscode-jsonrpc stop reading until more data arrives, and a Content-Length larger than the body
 * swallows the messages after it. Here a frame whose header is invalid is skipped to the next
 * `Content-Length:`, and a body that turns out to contain the start of another frame is cut there.
 */
export class FrameFilter extends Transform {
  private header: Buffer = Buffer.alloc(0);
  /** While a body is read: its length, the chunks so far, and the last bytes for split headers. */
  private body: { length: number; chunks: Buffer[]; received: number; tail: Buffer } | undefined;

  constructor(private readonly onDrop: (bytes: number, why: string) => void = () => undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.consume(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    const left = this.header.length + (this.body?.received ?? 0);
    if (left > 0) this.onDrop(left, 'the input ended inside a message');
    done();
  }

  private consume(data: Buffer): void {
    while (data.length > 0) {
      if (this.body) data = this.readBody(data);
      else data = this.readHeader(data);
    }
  }

  /** Adds to the header; once complete and valid, starts the body. Returns the bytes not consumed. */
  private readHeader(data: Buffer): Buffer {
    this.header = this.header.length > 0 ? Buffer.concat([this.header, data]) : data;
    const end = this.header.indexOf(HEADER_END);
    if (end < 0) {
      if (this.header.length > MAX_HEADER_BYTES) this.resync('no header end');
      return Buffer.alloc(0);
    }
    const length = end <= MAX_HEADER_BYTES ? contentLength(this.header.toString('latin1', 0, end)) : undefined;
    if (length === undefined) {
      // Skip to a Content-Length inside the block (garbage before a real header), else past the block.
      const next = this.header.toString('latin1', 1, end).search(/content-length:/i);
      const skip = next >= 0 ? next + 1 : end + HEADER_END.length;
      this.onDrop(skip, 'an invalid header');
      const rest = this.header.subarray(skip);
      this.header = Buffer.alloc(0);
      return rest;
    }
    const rest = this.header.subarray(end + HEADER_END.length);
    this.header = Buffer.alloc(0);
    if (length === 0) this.onDrop(end + HEADER_END.length, 'an empty message');
    else this.body = { length, chunks: [], received: 0, tail: Buffer.alloc(0) };
    return rest;
  }

  /** Adds to the body; passes the frame on once complete, or cuts it at another frame's header. */
  private readBody(data: Buffer): Buffer {
    const body = this.body!;
    const part = data.subarray(0, body.length - body.received);
    const window = Buffer.concat([body.tail, part]);
    const hit = FRAME_START.exec(window.toString('latin1'));
    if (hit) {
      // The declared length ran past the end of this message: what follows is the next frame.
      this.onDrop(body.received + hit.index - body.tail.length, 'a body that holds the start of another frame');
      this.body = undefined;
      return Buffer.concat([window.subarray(hit.index), data.subarray(part.length)]);
    }
    body.chunks.push(part);
    body.received += part.length;
    body.tail = window.subarray(Math.max(0, window.length - OVERLAP));
    if (body.received < body.length) return data.subarray(part.length);
    this.body = undefined;
    // A message is a JSON object; a body that ends in the first bytes of a header ran a little past its message.
    const start = body.tail[lastNonSpace(body.tail)] === 0x7d ? -1 : headerStartIn(body.tail.toString('latin1'));
    if (start >= 0) {
      this.onDrop(body.length - (body.tail.length - start), 'a body that ends in the start of another frame');
      return Buffer.concat([body.tail.subarray(start), data.subarray(part.length)]);
    }
    this.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'));
    for (const c of body.chunks) this.push(c);
    return data.subarray(part.length);
  }

  /** Drops header bytes up to the next `Content-Length:` after the first byte (or all but a possible split one): for a header with no end in sight. */
  private resync(why: string): void {
    const text = this.header.toString('latin1');
    const next = text.slice(1).search(/content-length:/i);
    const keep = next >= 0 ? next + 1 : Math.max(1, this.header.length - OVERLAP);
    this.onDrop(keep, why);
    this.header = this.header.subarray(keep);
  }
}

function lastNonSpace(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a)) i--;
  return i;
}

/** Where in `text` a `Content-Length: N` header begins that runs on past its end (only a start of one fits), or -1. */
function headerStartIn(text: string): number {
  const lower = text.toLowerCase();
  for (let p = 0; p < lower.length; p++) {
    const rest = lower.slice(p);
    if ('content-length:'.startsWith(rest) || /^content-length:[ \t]*\d*\r?$/.test(rest)) return p;
  }
  return -1;
}

/** The Content-Length of a header block whose every line is `Name: value`, or undefined. */
function contentLength(block: string): number | undefined {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return undefined;
    if (m[1].toLowerCase() !== 'content-length') continue;
    if (length !== undefined || !/^\d{1,10}$/.test(m[2])) return undefined;
    length = Number(m[2]);
  }
  return length !== undefined && length <= MAX_MESSAGE_BYTES ? length : undefined;
}
