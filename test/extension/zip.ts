// Reads a zip's entry names and one entry's text from its central directory (enough to inspect a VSIX without unzip).
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  offset: number;
}

export function readZipEntries(file: string): { buffer: Buffer; entries: ZipEntry[] } {
  const buffer = fs.readFileSync(file);
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    entries.push({ name: buffer.toString('utf8', at + 46, at + 46 + nameLength), method: buffer.readUInt16LE(at + 10), compressedSize: buffer.readUInt32LE(at + 20), offset: buffer.readUInt32LE(at + 42) });
    at += 46 + nameLength + extra + comment;
  }
  return { buffer, entries };
}

export function readZipText(zip: { buffer: Buffer; entries: ZipEntry[] }, name: string): string {
  const entry = zip.entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in the zip`);
  const { buffer } = zip;
  const start = entry.offset + 30 + buffer.readUInt16LE(entry.offset + 26) + buffer.readUInt16LE(entry.offset + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
}
