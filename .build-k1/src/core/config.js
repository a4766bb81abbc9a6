"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.defaultRuleSetting = defaultRuleSetting;
exports.defaultConfig = defaultConfig;
const vocabulary_1 = require("./vocabulary");
function defaultRuleSetting(rule) {
    const options = {};
    for (const [name, spec] of Object.entries(rule.meta.options))
        options[name] = spec.default;
    return { severity: rule.meta.defaultSeverity, options };
}
function defaultConfig(rules) {
    const settings = {};
    for (const rule of rules)
        settings[rule.meta.id] = defaultRuleSetting(rule);
    return {
        rules: settings,
        criticalVocabulary: [...vocabulary_1.DEFAULT_CRITICAL_VOCABULARY],
        ephemeralVocabulary: [...vocabulary_1.DEFAULT_EPHEMERAL_VOCABULARY],
        externalDestinations: [],
    };
}
//# sourceMappingURL=config.js.map