// The JSON schema of streamwise.config.json, derived from rule metadata (shipped as streamwise.schema.json).
import type { Rule } from '../core/rule';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_FILE_TIME, MAX_FILE_SIZE_LIMIT, MAX_FILE_TIME_LIMIT } from './limits';

const SEVERITY = { enum: ['off', 'info', 'warning', 'error'] };
const WORDS = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

export function configSchema(rules: readonly Rule<unknown>[]): Record<string, unknown> {
  const ruleProps: Record<string, unknown> = {};
  for (const rule of rules) {
    const options: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(rule.meta.options)) {
      // A number beyond 2^53 cannot be written back exactly into a fix.
      const bounds = spec.type === 'number' ? { maximum: Number.MAX_SAFE_INTEGER, ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}) } : {};
      options[name] = { type: spec.type, description: spec.description, default: spec.default, ...bounds };
    }
    ruleProps[rule.meta.id] = {
      description: rule.meta.description,
      oneOf: [
        SEVERITY,
        {
          type: 'array',
          prefixItems: [SEVERITY, { type: 'object', properties: options, additionalProperties: false }],
          minItems: 1,
          maxItems: 2,
          items: false,
        },
      ],
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://streamwise.dev/streamwise.schema.json',
    title: 'Streamwise configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: { type: 'object', description: 'Severity ("off" | "info" | "warning" | "error") or [severity, options] per rule id.', properties: ruleProps, additionalProperties: false },
      include: { type: 'array', items: { type: 'string' }, description: 'Globs of files to lint (relative to the config file); default: every source file.' },
      exclude: { type: 'array', items: { type: 'string' }, description: 'Globs of files to skip, in addition to node_modules, build output and .gitignore.' },
      criticalVocabulary: { ...WORDS, description: 'Words that mark business-critical data in channel names and payloads (replaces the default list).' },
      ephemeralVocabulary: { ...WORDS, description: 'Words that mark ephemeral signals; they win over critical words (replaces the default list).' },
      externalDestinations: { ...WORDS, description: 'Channels, streams and topics produced or consumed outside this workspace (exact names or `*` globs).' },
      maxFileSize: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_FILE_SIZE_LIMIT,
        default: DEFAULT_MAX_FILE_SIZE,
        description: `Bytes; a larger file is skipped with a notice instead of being read (default ${DEFAULT_MAX_FILE_SIZE}, 2 MiB; \`--max-file-size\`).`,
      },
      maxFileTime: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_FILE_TIME_LIMIT,
        default: DEFAULT_MAX_FILE_TIME,
        description: `Milliseconds of analysis per file; a file that takes longer is reported with a notice instead of findings (default ${DEFAULT_MAX_FILE_TIME}; \`--max-file-time\`).`,
      },
    },
  };
}
