// Engine configuration defaults: rule severities and options from metadata, default vocabularies.
import type { Rule } from './rule';
import type { EngineConfig, RuleSetting } from './types';
import { DEFAULT_CRITICAL_VOCABULARY, DEFAULT_EPHEMERAL_VOCABULARY } from './vocabulary';

export function defaultRuleSetting(rule: Rule<unknown>): RuleSetting {
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(rule.meta.options)) options[name] = spec.default;
  return { severity: rule.meta.defaultSeverity, options };
}

export function defaultConfig(rules: readonly Rule<unknown>[]): EngineConfig {
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) settings[rule.meta.id] = defaultRuleSetting(rule);
  return {
    rules: settings,
    criticalVocabulary: [...DEFAULT_CRITICAL_VOCABULARY],
    ephemeralVocabulary: [...DEFAULT_EPHEMERAL_VOCABULARY],
    externalDestinations: [],
  };
}
