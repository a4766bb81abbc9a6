// Runs the engine for lint, compare and the language server: per-file time caps, and a file that makes a whole run throw costs only that file.
import { ANALYSIS_ERROR_ID, lint, TIME_LIMIT_ID, type LintOptions } from '../core/linter';
import { parseWorkspaceFile } from '../core/program';
import type { Rule } from '../core/rule';
import type { LintInput, LintOutput, SourceFile } from '../core/types';
import type { WorkspaceIndex } from '../core/workspace';
import type { LimitsFor } from './limits';

export interface EngineRunOptions {
  /** Each file's caps; the time cap is passed to the engine. */
  limits?: LimitsFor;
  onIndex?: (index: WorkspaceIndex) => void;
  lint?: Omit<LintOptions, 'fileTimeLimitMs'>;
}

/** A run that throws is retried without the files found to cause it, this many times at most. */
const MAX_RETRIES = 3;

/**
 * `lint` that never loses the whole run to one file. A file the parser cannot handle (nesting
 * deep enough to exhaust the stack throws out of program building, not out of one rule) is
 * found by parsing, else by linting each file alone, then skipped with a notice, and the run
 * repeats without it. Files over their time cap get a notice instead of a result.
 */
export function runEngine(input: LintInput, rules: readonly Rule<unknown>[], notices: Map<string, string>, options: EngineRunOptions = {}): LintOutput {
  const limits = options.limits;
  const lintOptions: LintOptions = { ...options.lint, ...(limits ? { fileTimeLimitMs: (p: string) => limits(p).maxFileTime } : {}) };
  let files = input.files;
  let targets = input.targets;
  for (let attempt = 0; ; attempt++) {
    try {
      return withNotices(lint({ ...input, files, targets }, rules, options.onIndex, lintOptions), notices);
    } catch (error) {
      if (attempt >= MAX_RETRIES) throw error;
      const culprits = findCulprits(files, input, rules);
      // Every file failing alone means the failure is not any one file's: nothing to skip.
      if (culprits.size === 0 || (culprits.size === files.length && files.length > 1)) throw error;
      for (const [p, reason] of culprits) notices.set(p, `File skipped: ${reason}.`);
      files = files.filter((f) => !culprits.has(f.path));
      targets = (targets ?? input.files.map((f) => f.path)).filter((t) => !culprits.has(t));
    }
  }
}

const reasonOf = (error: unknown) =>
  error instanceof Error && isStackOverflow(error.message) ? 'it is nested too deeply to analyse' : `it could not be analysed (${error instanceof Error ? error.message : String(error)})`;

/** The files that throw on their own: first by parsing each (cheap), else by linting each alone. */
function findCulprits(files: readonly SourceFile[], input: LintInput, rules: readonly Rule<unknown>[]): Map<string, string> {
  const culprits = new Map<string, string>();
  for (const f of files) {
    try {
      parseWorkspaceFile(f.path, f.text);
    } catch (error) {
      culprits.set(f.path, reasonOf(error));
    }
  }
  if (culprits.size > 0) return culprits;
  for (const f of files) {
    try {
      lint({ files: [f], targets: [f.path], moduleHost: input.moduleHost, config: input.fileConfigs?.[f.path] ?? input.config }, rules);
    } catch (error) {
      culprits.set(f.path, reasonOf(error));
    }
  }
  return culprits;
}

const isStackOverflow = (message: string) => /maximum call stack/i.test(message);

/**
 * A file over its time cap, or one too deeply nested for the engine to walk, is reported like a
 * skipped file: by a notice, without partial findings.
 */
function withNotices(output: LintOutput, notices: Map<string, string>): LintOutput {
  const files = output.files.filter((r) => {
    const timeout = r.internalErrors.find((e) => e.ruleId === TIME_LIMIT_ID);
    if (timeout) notices.set(r.path, `File skipped: its ${timeout.message.replace(/; .*$/, '')} (maxFileTime).`);
    const tooDeep = r.internalErrors.some((e) => e.ruleId === ANALYSIS_ERROR_ID && isStackOverflow(e.message));
    if (tooDeep) notices.set(r.path, 'File skipped: it is nested too deeply to analyse.');
    return !timeout && !tooDeep;
  });
  return files.length === output.files.length ? output : { ...output, files };
}
