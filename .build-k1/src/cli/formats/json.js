"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mergeEdits = mergeEdits;
exports.toEslintResults = toEslintResults;
/** ESLint has one edit per fix: merge several into one span, keeping the text between them. */
function mergeEdits(edits, source) {
    const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
    const start = sorted[0].range[0];
    const end = sorted[sorted.length - 1].range[1];
    let text = '';
    let at = start;
    for (const e of sorted) {
        text += source.slice(at, e.range[0]) + e.text;
        at = e.range[1];
    }
    return { range: [start, end], text: text + source.slice(at, end) };
}
function toMessage(f, source) {
    const m = {
        ruleId: f.ruleId,
        severity: f.severity === 'error' ? 2 : 1,
        severityName: f.severity,
        message: f.message,
        line: f.range.line,
        column: f.range.column,
        endLine: f.range.endLine,
        endColumn: f.range.endColumn,
    };
    if (f.fix)
        m.fix = mergeEdits(f.fix, source);
    if (f.suggestions)
        m.suggestions = f.suggestions.map((s) => ({ desc: s.desc, fix: mergeEdits(s.edits, source) }));
    return m;
}
function toEslintResults(files, sources, notices) {
    const results = [];
    for (const file of files) {
        const source = sources.get(file.path) ?? '';
        const messages = [];
        for (const e of file.syntaxErrors.slice(0, 1)) {
            messages.push({ ruleId: null, fatal: true, severity: 2, severityName: 'error', message: `Parsing error: ${e.message}`, line: e.range.line, column: e.range.column, endLine: e.range.endLine, endColumn: e.range.endColumn });
        }
        for (const e of file.internalErrors) {
            messages.push({ ruleId: e.ruleId, severity: 2, severityName: 'error', message: `Internal error in ${e.ruleId}: ${e.message}`, line: 1, column: 1, endLine: 1, endColumn: 1 });
        }
        messages.push(...file.findings.map((f) => toMessage(f, source)));
        results.push(summarise(file.path, messages));
    }
    for (const [filePath, notice] of notices) {
        results.push(summarise(filePath, [{ ruleId: null, fatal: true, severity: 2, severityName: 'error', message: notice, line: 1, column: 1, endLine: 1, endColumn: 1 }]));
    }
    return results.sort((a, b) => a.filePath.localeCompare(b.filePath));
}
function summarise(filePath, messages) {
    const errors = messages.filter((m) => m.severity === 2);
    const warnings = messages.filter((m) => m.severity === 1);
    return {
        filePath,
        messages,
        suppressedMessages: [],
        errorCount: errors.length,
        fatalErrorCount: messages.filter((m) => m.fatal).length,
        warningCount: warnings.length,
        fixableErrorCount: errors.filter((m) => m.fix).length,
        fixableWarningCount: warnings.filter((m) => m.fix).length,
        usedDeprecatedRules: [],
    };
}
//# sourceMappingURL=json.js.map