"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatStylish = formatStylish;
// Human-readable output grouped by file, in the spirit of ESLint's stylish formatter; colour only when asked.
const node_path_1 = __importDefault(require("node:path"));
function formatStylish(results, options) {
    const c = (code, s) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
    const lines = [];
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const r of results) {
        if (r.messages.length === 0)
            continue;
        lines.push('', c(4, node_path_1.default.relative(options.cwd, r.filePath) || r.filePath));
        for (const m of r.messages) {
            const sev = m.severityName === 'error' ? c(31, 'error  ') : m.severityName === 'info' ? c(36, 'info   ') : c(33, 'warning');
            if (m.severityName === 'error')
                errors++;
            else if (m.severityName === 'info')
                infos++;
            else
                warnings++;
            lines.push(`  ${c(2, `${m.line}:${m.column}`.padEnd(8))} ${sev}  ${m.message}  ${c(2, m.ruleId ?? '')}`);
        }
    }
    const total = errors + warnings + infos;
    if (total > 0) {
        lines.push('', c(total && errors ? 31 : 33, `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`), '');
    }
    return lines.join('\n');
}
//# sourceMappingURL=stylish.js.map