// The rule registry: every rule the CLI, server and docs know about.
import type { Rule } from '../core/rule';
import exactStreamTrim from './redis/exact-stream-trim';
import unboundedStream from './redis/unbounded-stream';

export const allRules: readonly Rule<unknown>[] = [unboundedStream, exactStreamTrim] as Rule<unknown>[];
