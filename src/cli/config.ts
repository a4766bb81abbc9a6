// Finds, parses and validates streamwise.config.json, and turns it into the engine's configuration.
import Ajv2020 from 'ajv/dist/2020';
import ignore from 'ignore';
import fs from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../core/config';
import type { Rule } from '../core/rule';
import type { EngineConfig, SeveritySetting } from '../core/types';
import { configSchema } from './config-schema';
import { UsageError } from './io';

export const CONFIG_FILE = 'streamwise.config.json';

export interface FileConfig {
  rules?: Record<string, SeveritySetting | [SeveritySetting, Record<string, unknown>?]>;
  include?: string[];
  exclude?: string[];
  criticalVocabulary?: string[];
  ephemeralVocabulary?: string[];
  externalDestinations?: string[];
}

/** An unusable config: exit code 2, with the file, the JSON path and what was expected. */
export class ConfigError extends UsageError {}

/** `/rules/kafka~1weak-acks/1/minLingerMs` → `$.rules["kafka/weak-acks"][1].minLingerMs` */
function jsonPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return `$${parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')}`;
}

export function findConfigFile(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

export function loadConfigFile(file: string, rules: readonly Rule<unknown>[]): FileConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file (${(error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const m = /position (\d+)/.exec((error as Error).message);
    throw new ConfigError(`${file}${m ? `:${lineColumn(text, Number(m[1]))}` : ''}: invalid JSON: ${(error as Error).message}`);
  }
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(configSchema(rules));
  if (!validate(data)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
    // Of oneOf's branches keep the one that got furthest: deeper paths first, an enum over a type.
    const relevant = errors.filter(
      (e) =>
        (e.keyword === 'additionalProperties' || !errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`))) &&
        !(e.keyword === 'type' && errors.some((o) => o.instancePath === e.instancePath && o.keyword === 'enum')),
    );
    const problems = relevant
      .map((e) => {
        const at = jsonPath(e.instancePath);
        if (e.keyword === 'additionalProperties') {
          const name = (e.params as { additionalProperty: string }).additionalProperty;
          return e.instancePath === '/rules' ? `${at}: unknown rule "${name}" (see \`streamwise rules\`)` : `${at}: unknown property "${name}"`;
        }
        if (e.keyword === 'enum') return `${at}: must be one of ${(e.params as { allowedValues: string[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        return `${at}: ${e.message}`;
      });
    throw new ConfigError(`${file}: invalid configuration:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  return data as FileConfig;
}

/**
 * Config files by directory: each file uses the nearest streamwise.config.json above it
 * (or one given explicitly), loaded and validated once per file.
 */
export class ConfigFiles {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, FileConfig>();

  constructor(private readonly rules: readonly Rule<unknown>[], private readonly explicit: string | undefined, private readonly disabled: boolean) {}

  /** Path of the config file that applies to `file` (a source file or a directory). */
  pathFor(file: string, isDirectory = false): string | undefined {
    if (this.disabled) return undefined;
    if (this.explicit) return this.explicit;
    const abs = path.resolve(file);
    return this.nearest(isDirectory ? abs : path.dirname(abs));
  }

  /** The nearest config file at or above `dir`; folders share what their parents found. */
  private nearest(dir: string): string | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const candidate = path.join(dir, CONFIG_FILE);
    const parent = path.dirname(dir);
    const found = fs.existsSync(candidate) ? candidate : parent === dir ? undefined : this.nearest(parent);
    this.byDir.set(dir, found);
    return found;
  }

  load(configPath: string | undefined): FileConfig | undefined {
    if (!configPath) return undefined;
    let config = this.loaded.get(configPath);
    if (!config) {
      config = loadConfigFile(configPath, this.rules);
      this.loaded.set(configPath, config);
    }
    return config;
  }

  /** Does the file pass the include/exclude globs of the config that applies to it? */
  includes(file: string): boolean {
    const configPath = this.pathFor(file);
    const config = this.load(configPath);
    if (!configPath || !config || (!config.include && !config.exclude)) return true;
    const rel = path.relative(path.dirname(configPath), file).split(path.sep).join('/');
    if (rel.startsWith('..')) return true;
    if (config.exclude && ignore().add(config.exclude).ignores(rel)) return false;
    return !config.include || config.include.length === 0 || ignore().add(config.include).ignores(rel);
  }
}

/** Defaults, then the config file, then command-line rule overrides. */
export function resolveConfig(rules: readonly Rule<unknown>[], file: FileConfig | undefined): EngineConfig {
  const config = defaultConfig(rules);
  if (!file) return config;
  for (const [id, setting] of Object.entries(file.rules ?? {})) {
    const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    config.rules[id] = { severity, options: { ...config.rules[id].options, ...(options ?? {}) } };
  }
  if (file.criticalVocabulary) config.criticalVocabulary = file.criticalVocabulary;
  if (file.ephemeralVocabulary) config.ephemeralVocabulary = file.ephemeralVocabulary;
  if (file.externalDestinations) config.externalDestinations = file.externalDestinations;
  return config;
}
