// Finds, parses and validates streamwise.config.json, and turns it into the engine's configuration.
import type { ValidateFunction } from 'ajv/dist/2020';
import ignore, { type Ignore } from 'ignore';
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
  maxFileSize?: number;
  maxFileTime?: number;
}

/** Far more than any real config; a larger file is refused rather than read into memory. */
const MAX_CONFIG_BYTES = 1024 * 1024;

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

/** The offset in `text` of the first character decoded from bytes that are not UTF-8 (U+FFFD stands there), if any. */
function invalidUtf8At(bytes: Buffer, text: string): number | undefined {
  const replacement = Buffer.from('\uFFFD', 'utf8');
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    // Everything before the first bad sequence decoded one to one, so its byte length is exact.
    const at = Buffer.byteLength(text.slice(0, i), 'utf8');
    if (!bytes.subarray(at, at + replacement.length).equals(replacement)) return i;
  }
  return undefined;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/**
 * Where JSON.parse gave up. V8 names the position for some errors only ("Unexpected token …" has
 * none): the shortest prefix that fails for a reason other than ending early ends just past it.
 */
function jsonErrorOffset(text: string): number {
  const failsOnlyAtEnd = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const message = (error as Error).message;
      const m = /position (\d+)/.exec(message);
      return m ? Number(m[1]) >= length : /end of JSON input/.test(message);
    }
  };
  if (failsOnlyAtEnd(text.length)) return text.length;
  let [good, bad] = [0, text.length];
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (failsOnlyAtEnd(mid)) good = mid;
    else bad = mid;
  }
  return bad - 1;
}

/** Compiling the schema costs far more than validating: once per rule set, not once per config file. */
const validators = new WeakMap<readonly Rule<unknown>[], ValidateFunction>();
function validatorFor(rules: readonly Rule<unknown>[]): ValidateFunction {
  let validate = validators.get(rules);
  if (!validate) {
    // Loaded only when a config file is read: most runs have none, and ajv is a tenth of start-up.
    const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
    validate = new Ajv2020({ allErrors: true, strict: false }).compile(configSchema(rules));
    validators.set(rules, validate);
  }
  return validate;
}

export function loadConfigFile(file: string, rules: readonly Rule<unknown>[]): FileConfig {
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > MAX_CONFIG_BYTES) throw new Error(`it is larger than ${MAX_CONFIG_BYTES} bytes, far more than any configuration needs`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file (${(error as Error).message})`);
  }
  const text = bytes.toString('utf8');
  const badByte = invalidUtf8At(bytes, text);
  if (badByte !== undefined) throw new ConfigError(`${file}:${lineColumn(text, badByte)}: invalid encoding: the file is not UTF-8 text (JSON has to be)`);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new ConfigError(`${file}:1:1: invalid JSON: the file is empty; expected an object at $`);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new ConfigError(`${file}:${lineColumn(body, jsonErrorOffset(body))}: invalid JSON: ${(error as Error).message}`);
  }
  const validate = validatorFor(rules);
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
  private readonly matchers = new Map<string, { include?: Ignore; exclude?: Ignore }>();

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
    const { include, exclude } = this.matchersOf(configPath, config);
    if (exclude?.ignores(rel)) return false;
    return !include || include.ignores(rel);
  }

  /** A config's include/exclude globs, compiled once: every file of a run asks. */
  private matchersOf(configPath: string, config: FileConfig): { include?: Ignore; exclude?: Ignore } {
    let matchers = this.matchers.get(configPath);
    if (!matchers) {
      matchers = {
        include: config.include && config.include.length > 0 ? ignore().add(config.include) : undefined,
        exclude: config.exclude ? ignore().add(config.exclude) : undefined,
      };
      this.matchers.set(configPath, matchers);
    }
    return matchers;
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
