// Public surface of the engine: plain data in, plain data out.
export { lint } from './linter';
export { defaultConfig, defaultRuleSetting } from './config';
export { defineRule } from './rule';
export type { Rule, RuleMeta, RuleContext, Signal, RuleOptionSpec } from './rule';
export * from './types';
