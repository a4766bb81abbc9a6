// Per-file size and time caps: their defaults, the config file's values, and command-line overrides.
import type { ConfigFiles } from './config';
import { UsageError } from './io';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
export const DEFAULT_MAX_FILE_TIME = 10_000;
/** A V8 string cannot hold much more; a larger cap would only move the failure. */
export const MAX_FILE_SIZE_LIMIT = 512 * 1024 * 1024;
export const MAX_FILE_TIME_LIMIT = 3_600_000;

export interface Limits {
  /** Bytes; larger files are skipped with a notice before they are read. */
  maxFileSize: number;
  /** Milliseconds of analysis (fact extraction plus rules) per file. */
  maxFileTime: number;
}

export type LimitsFor = (file: string) => Limits;

export const defaultLimits = (): Limits => ({ maxFileSize: DEFAULT_MAX_FILE_SIZE, maxFileTime: DEFAULT_MAX_FILE_TIME });

/** Each file's caps: the nearest config file's values over the defaults, command-line values over both. */
export function limitsFor(configFiles: ConfigFiles | undefined, overrides: Partial<Limits> = {}): LimitsFor {
  return (file) => {
    const config = configFiles?.load(configFiles.pathFor(file));
    return {
      maxFileSize: overrides.maxFileSize ?? config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      maxFileTime: overrides.maxFileTime ?? config?.maxFileTime ?? DEFAULT_MAX_FILE_TIME,
    };
  };
}

/** `--max-file-size` / `--max-file-time`: a positive integer within the same bounds the config schema sets. */
export function parseLimitFlag(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} expects a whole number from 1 to ${max}, got "${value}".`);
  return n;
}

/** The notice of a file over its size cap. */
export const tooLargeNotice = (size: number, limit: number) => `File skipped: ${size} bytes is larger than maxFileSize (${formatBytes(limit)}).`;

/** For text that was not read from disk (standard input, an editor's document): its notice when over the cap. */
export function oversized(text: string, limit: number): string | undefined {
  const size = Buffer.byteLength(text, 'utf8');
  return size > limit ? tooLargeNotice(size, limit) : undefined;
}

/** "2 MiB" rather than 2097152 bytes in notices. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
