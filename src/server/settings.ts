// Editor settings (initializationOptions / didChangeConfiguration) and how they override file configuration.
import type { EngineConfig, SeveritySetting } from '../core/types';

export interface ServerSettings {
  enable: boolean;
  /** Per-rule severity, over the config file. */
  rules: Record<string, SeveritySetting>;
  criticalVocabulary?: string[];
  ephemeralVocabulary?: string[];
  externalDestinations?: string[];
  /** Report `streamwise-disable` directives that suppressed nothing (the CLI's `--report-unused-disables`). */
  reportUnusedDisableDirectives: boolean;
  /** False in an untrusted workspace: workspace config files are not read. */
  trusted: boolean;
}

export const defaultSettings = (): ServerSettings => ({ enable: true, rules: {}, reportUnusedDisableDirectives: false, trusted: true });

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);
const strings = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined);

/**
 * Accepts `{ streamwise: {...} }` or the settings object itself; unknown or malformed values are
 * ignored. Trust is only ever changed by an explicit boolean: settings that leave `trusted` out
 * (a generic client pushing its configuration section) keep the previous value, so an untrusted
 * workspace does not become trusted by omission.
 */
export function parseSettings(raw: unknown, previous: ServerSettings = defaultSettings()): ServerSettings {
  const settings = { ...defaultSettings(), trusted: previous.trusted };
  if (!raw || typeof raw !== 'object') return settings;
  const obj = ((raw as Record<string, unknown>).streamwise ?? raw) as Record<string, unknown>;
  if (!obj || typeof obj !== 'object') return settings;
  if (typeof obj.enable === 'boolean') settings.enable = obj.enable;
  if (typeof obj.trusted === 'boolean') settings.trusted = obj.trusted;
  if (typeof obj.reportUnusedDisableDirectives === 'boolean') settings.reportUnusedDisableDirectives = obj.reportUnusedDisableDirectives;
  if (obj.rules && typeof obj.rules === 'object') {
    for (const [id, severity] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) settings.rules[id] = severity as SeveritySetting;
    }
  }
  settings.criticalVocabulary = strings(obj.criticalVocabulary);
  settings.ephemeralVocabulary = strings(obj.ephemeralVocabulary);
  settings.externalDestinations = strings(obj.externalDestinations);
  return settings;
}

/** Applies editor settings on top of a resolved config (in place). */
export function applySettings(config: EngineConfig, settings: ServerSettings): EngineConfig {
  for (const [id, severity] of Object.entries(settings.rules)) if (config.rules[id]) config.rules[id].severity = severity;
  if (settings.criticalVocabulary) config.criticalVocabulary = settings.criticalVocabulary;
  if (settings.ephemeralVocabulary) config.ephemeralVocabulary = settings.ephemeralVocabulary;
  if (settings.externalDestinations) config.externalDestinations = settings.externalDestinations;
  return config;
}
