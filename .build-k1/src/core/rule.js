"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.defineRule = defineRule;
exports.numberOption = numberOption;
/** Typed identity helper so each rule file infers its data type. */
function defineRule(rule) {
    return rule;
}
function numberOption(ctx, meta, name) {
    const v = ctx.options[name];
    return typeof v === 'number' ? v : meta.options[name].default;
}
//# sourceMappingURL=rule.js.map