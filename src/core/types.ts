// Plain data that goes into and comes out of the engine: inputs, configuration, findings and edits.

export type Severity = 'info' | 'warning' | 'error';
export type SeveritySetting = Severity | 'off';
export type FixKind = 'fix' | 'suggestion' | 'none';

/** A text edit on the original source, by 0-based UTF-16 offsets (ESLint's `fix` shape). */
export interface TextEdit {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  desc: string;
  edits: TextEdit[];
}

/** 1-based line/column positions, end exclusive, as in ESLint's JSON output. */
export interface SourceRange {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: SourceRange;
  /** Safe edits, applied by `--fix` and fix-all. */
  fix?: TextEdit[];
  /** Editor-only edits, never applied by `--fix`. */
  suggestions?: Suggestion[];
}

export interface SourceFile {
  /** Absolute path with forward slashes. */
  path: string;
  text: string;
}

/**
 * Read-only view of the file system the engine may use to resolve module typings
 * (node_modules, TypeScript's lib files). Supplied by the caller; the engine never
 * touches the disk itself.
 */
export interface ModuleHost {
  fileExists(path: string): boolean;
  readFile(path: string): string | undefined;
  directoryExists(path: string): boolean;
  getDirectories(path: string): string[];
  realpath?(path: string): string;
  /** Directory holding TypeScript's `lib.*.d.ts` files. */
  libDirectory: string;
}

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface EngineConfig {
  rules: Record<string, RuleSetting>;
  criticalVocabulary: string[];
  ephemeralVocabulary: string[];
  externalDestinations: string[];
}

export interface LintInput {
  /** Every workspace source file: cross-file rules see all of them. */
  files: SourceFile[];
  /** Paths (subset of `files`) to report findings for; all files when omitted. */
  targets?: string[];
  /** Resolve imports through real typings; without it the engine runs untyped. */
  moduleHost?: ModuleHost;
  config: EngineConfig;
  /** Per-file configuration (nested config files), overriding `config` for those paths. */
  fileConfigs?: Record<string, EngineConfig>;
}

/** Why a finding is not reported: a `streamwise-disable…` comment or a baseline entry. */
export interface Suppression {
  kind: 'directive' | 'baseline';
  /** The directive's `-- reason`; '' when none was given (and for baseline entries). */
  justification: string;
}

export interface SuppressedFinding extends Finding {
  suppressions: Suppression[];
}

/** A directive (or one id it lists) that suppressed nothing, or an enable that closed nothing. */
export interface UnusedDirective {
  /** The rule id the directive lists that went unused; null for a directive listing no ids. */
  listedRuleId: string | null;
  message: string;
  /** The whole comment. */
  range: SourceRange;
}

/** A malformed directive or one naming an unknown rule (then `ruleId` is that name, as ESLint does). */
export interface DirectiveProblem {
  ruleId: string | null;
  message: string;
  range: SourceRange;
}

export interface FileResult {
  path: string;
  findings: Finding[];
  /** Findings silenced by suppression comments (or by a baseline, applied outside the engine). */
  suppressed?: SuppressedFinding[];
  /** Always computed; callers decide whether to report them (`--report-unused-disables`). */
  unusedDisables?: UnusedDirective[];
  /** Reported as errors. */
  directiveProblems?: DirectiveProblem[];
  /** Parse errors reported by TypeScript; analysis still ran on the recovered tree. */
  syntaxErrors: { message: string; range: SourceRange }[];
  /** Rules that threw on this file: reported, never fatal. */
  internalErrors: { ruleId: string; message: string }[];
  /**
   * Its syntax errors were not looked for: its text shows it holds no messaging code, directive or
   * globals, and no client reaches it (see ARCHITECTURE.md, "The pre-filter"). Left out of the
   * program, it was not even parsed; the compiler reports its syntax errors.
   */
  syntaxUnchecked?: true;
}

export interface LintOutput {
  files: FileResult[];
  typed: boolean;
}

