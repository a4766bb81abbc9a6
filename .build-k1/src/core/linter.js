"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ANALYSIS_ERROR_ID = void 0;
exports.lint = lint;
// Runs rules over a workspace: builds the program, extracts facts once, queries rules, isolates rule failures.
const typescript_1 = __importDefault(require("typescript"));
const facts_1 = require("./facts");
const program_1 = require("./program");
const text_1 = require("./text");
const workspace_1 = require("./workspace");
/** The id internal errors of fact extraction (not of one rule) are reported under. */
exports.ANALYSIS_ERROR_ID = 'streamwise/analysis';
function lint(input, rules) {
    const { program, checker, typed } = (0, program_1.buildProgram)(input.files, input.moduleHost);
    const extractor = new facts_1.FactExtractor(checker, typed);
    const facts = new Map();
    const analysisErrors = new Map();
    for (const f of input.files) {
        const sf = program.getSourceFile(f.path);
        if (!sf)
            continue;
        try {
            facts.set(f.path, extractor.extract(sf));
        }
        catch (error) {
            // One file the extractor cannot handle must not cost the others their results.
            analysisErrors.set(f.path, error instanceof Error ? error.message : String(error));
            facts.set(f.path, { file: f.path, sourceFile: sf, calls: [], creations: [] });
        }
    }
    const index = new workspace_1.WorkspaceIndex(facts);
    const targets = input.targets ?? input.files.map((f) => f.path);
    const results = [];
    for (const path of targets) {
        const fileFacts = facts.get(path);
        if (!fileFacts)
            continue;
        const result = lintFile(fileFacts, index, extractor, checker, typed, input, rules, program);
        const analysisError = analysisErrors.get(path);
        if (analysisError)
            result.internalErrors.unshift({ ruleId: exports.ANALYSIS_ERROR_ID, message: analysisError });
        results.push(result);
    }
    return { files: results, typed };
}
function lintFile(file, index, extractor, checker, typed, input, rules, program) {
    const sf = file.sourceFile;
    const result = { path: file.file, findings: [], syntaxErrors: [], internalErrors: [] };
    for (const d of program.getSyntacticDiagnostics(sf)) {
        const start = d.start ?? 0;
        result.syntaxErrors.push({ message: typescript_1.default.flattenDiagnosticMessageText(d.messageText, '\n'), range: (0, text_1.rangeOf)(sf, start, start + (d.length ?? 0)) });
    }
    for (const rule of rules) {
        const setting = input.config.rules[rule.meta.id];
        const severity = setting?.severity ?? rule.meta.defaultSeverity;
        if (severity === 'off')
            continue;
        const ctx = { file, sourceFile: sf, index, values: extractor.values, clients: extractor.clients, checker, typed, options: setting?.options ?? {}, config: input.config };
        try {
            for (const signal of rule.check(ctx))
                result.findings.push(toFinding(rule, signal, ctx, severity));
        }
        catch (error) {
            result.internalErrors.push({ ruleId: rule.meta.id, message: error instanceof Error ? error.message : String(error) });
        }
    }
    result.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
    return result;
}
function toFinding(rule, signal, ctx, severity) {
    const sf = ctx.sourceFile;
    const [start, end] = signal.range ?? [signal.node.getStart(sf), signal.node.getEnd()];
    const finding = { ruleId: rule.meta.id, severity, message: rule.message(signal.data, ctx), range: (0, text_1.rangeOf)(sf, start, end) };
    if (rule.meta.fixKind === 'fix' && rule.fix) {
        const fix = rule.fix(signal, ctx);
        if (fix && fix.length > 0)
            finding.fix = fix;
    }
    if (rule.meta.fixKind === 'suggestion' && rule.suggest) {
        const suggestions = rule.suggest(signal, ctx);
        if (suggestions.length > 0)
            finding.suggestions = suggestions;
    }
    return finding;
}
//# sourceMappingURL=linter.js.map