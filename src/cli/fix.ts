// `--fix` / `--fix-dry-run`: applies safe fixes in passes until stable, writes files atomically, renders diffs.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import fs from 'node:fs';
import path from 'node:path';
import { hasSyntaxErrors } from '../core/linter';
import type { Finding, LintOutput, SourceFile } from '../core/types';
import { toPosix } from './files';
import { mergeEdits, type EslintResult } from './formats/json';
import { UsageError, type CliIO } from './io';
import { compareText } from '../core/text';

/** ESLint's limit: fixes that keep producing new fixes stop here. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFixes {
  text: string;
  applied: Finding[];
}

/** One finding's fix as a single edit, as it is applied. */
export interface FixEdit {
  finding: Finding;
  range: [number, number];
  text: string;
}

/**
 * The safe fixes of `findings` that apply together to `text`, each finding's edits merged into one.
 * Like ESLint, fixes are sorted by range and a fix that overlaps or touches the previous one waits
 * for the next pass. Shared by --fix and the editor's fix-all, so both keep the same guarantees.
 */
export function fixEdits(text: string, findings: readonly Finding[]): FixEdit[] {
  const eol = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : undefined;
  const fixes = findings
    .filter((f) => f.fix && f.fix.length > 0 && validEdits(f.fix, text.length))
    .map((f) => ({ finding: f, merged: mergeEdits(f.fix!, text) }))
    .sort((a, b) => a.merged.range[0] - b.merged.range[0] || a.merged.range[1] - b.merged.range[1]);
  const edits: FixEdit[] = [];
  let last = -1;
  for (const { finding, merged } of fixes) {
    const [start, end] = merged.range;
    if (start <= last) continue;
    // A fix that adds lines must not mix line endings into a CRLF file.
    edits.push({ finding, range: merged.range, text: eol ? merged.text.replace(/\r?\n/g, eol) : merged.text });
    last = end;
  }
  return edits;
}

/** Applies the fixes `fixEdits` chooses; `applied` lists their findings. */
export function applyFixes(text: string, findings: readonly Finding[]): AppliedFixes {
  const edits = fixEdits(text, findings);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  return { text: edits.length > 0 ? out + text.slice(at) : text, applied: edits.map((e) => e.finding) };
}

function validEdits(edits: readonly { range: [number, number] }[], length: number): boolean {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  let at = 0;
  for (const { range: [s, e] } of sorted) {
    if (s < at || e < s || e > length) return false;
    at = e;
  }
  return true;
}

export interface FixRun {
  /** The lint output of the final sources: the findings that remain. */
  output: LintOutput;
  /** Every workspace file, with fixed texts where fixes applied. */
  files: SourceFile[];
  /** Original texts of the files that changed. */
  originals: Map<string, string>;
  /** Files with fixes that were left alone because they have syntax errors. */
  skippedForSyntax: string[];
  /** Files where a pass of fixes produced a syntax error; that pass was undone and fixing stopped. */
  reverted: string[];
  /** Files with fixes that were left alone for another reason (path → why), in path order. */
  notFixed: [string, string][];
  passes: number;
  /** True when MAX_FIX_PASSES ran out with fixes still pending. */
  exhausted: boolean;
}

/**
 * Fixes in passes: apply non-overlapping fixes, re-lint the whole workspace (fixes can change
 * cross-file findings), repeat until nothing applies or MAX_FIX_PASSES. A file with any parse
 * error is never fixed, and a pass that introduces one in a file is undone for that file.
 */
export function fixWorkspace(
  files: readonly SourceFile[],
  first: LintOutput,
  relint: (files: SourceFile[]) => LintOutput,
  onPass?: (pass: number) => void,
  /** Files never to fix, with the reason (e.g. bytes that would not survive a rewrite). */
  unfixable: ReadonlyMap<string, string> = new Map(),
): FixRun {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const originals = new Map<string, string>();
  const frozen = new Set<string>(unfixable.keys());
  const notFixed = new Map<string, string>();
  const skipped = new Set<string>();
  const reverted = new Set<string>();
  const current = () => files.map((f) => ({ path: f.path, text: texts.get(f.path)! }));
  let output = first;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const before = new Map<string, string>();
    for (const result of output.files) {
      if (!result.findings.some((f) => f.fix)) continue;
      if (unfixable.has(result.path)) notFixed.set(result.path, unfixable.get(result.path)!);
      if (frozen.has(result.path)) continue;
      if (result.syntaxErrors.length > 0) {
        if (!originals.has(result.path)) skipped.add(result.path);
        continue;
      }
      const text = texts.get(result.path);
      if (text === undefined) continue;
      const { text: fixed, applied } = applyFixes(text, result.findings);
      if (applied.length === 0 || fixed === text) continue;
      before.set(result.path, text);
      if (!originals.has(result.path)) originals.set(result.path, text);
      texts.set(result.path, fixed);
    }
    if (before.size === 0) break;
    passes++;
    onPass?.(passes);
    output = relint(current());
    // A fixed file left without findings may have its syntax unchecked by the run: check it here.
    const broken = output.files.filter((r) => before.has(r.path) && (r.syntaxErrors.length > 0 || (r.syntaxUnchecked === true && hasSyntaxErrors(r.path, texts.get(r.path)!)))).map((r) => r.path);
    if (broken.length > 0) {
      // Back to the text before this pass: fixes of earlier passes parsed fine and stay.
      for (const p of broken) {
        texts.set(p, before.get(p)!);
        if (originals.get(p) === before.get(p)) originals.delete(p);
        frozen.add(p);
        reverted.add(p);
      }
      output = relint(current());
    }
  }
  for (const [p, text] of [...originals]) if (texts.get(p) === text) originals.delete(p);
  const exhausted = passes >= MAX_FIX_PASSES && output.files.some((r) => !frozen.has(r.path) && r.syntaxErrors.length === 0 && r.findings.some((f) => f.fix));
  return { output, files: current(), originals, skippedForSyntax: [...skipped].sort(), reverted: [...reverted].sort(), notFixed: [...notFixed].sort(([a], [b]) => compareText(a, b)), passes, exhausted };
}

/** The file on disk is no longer the text the fixes were computed from. */
export class ChangedOnDiskError extends Error {}

/**
 * Writes a file through a temporary sibling and a rename, keeping the file's mode and BOM; follows
 * symlinks. With `expected`, refuses (ChangedOnDiskError) when the file no longer holds exactly
 * those bytes: someone saved it since it was read, and the fixes would overwrite that edit.
 */
export function writeFileAtomic(file: string, text: string, expected?: string): void {
  const target = fs.realpathSync(file);
  const mode = fs.statSync(target).mode & 0o7777;
  const current = fs.readFileSync(target);
  if (expected !== undefined && !current.equals(Buffer.from(expected, 'utf8'))) throw new ChangedOnDiskError(`${file} changed on disk`);
  // Readers that strip the BOM must not make the rewrite lose it.
  if (current.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) && !text.startsWith('\uFEFF')) text = `\uFEFF${text}`;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.streamwise-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(temp, text, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** A unified diff per changed file, paths relative to `cwd`, in `a/` `b/` form as git prints them. */
export function fixDiff(run: FixRun, cwd: string): string {
  const texts = new Map(run.files.map((f) => [f.path, f.text]));
  return [...run.originals.keys()]
    .sort()
    .map((p) => {
      const rel = displayPath(p, cwd);
      return createTwoFilesPatch(`a/${rel}`, `b/${rel}`, run.originals.get(p)!, texts.get(p)!, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
    })
    .join('');
}

/** Relative to `cwd` when inside it (so `git apply` takes the diff there), absolute otherwise. */
function displayPath(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
}

/** The notices a fix run leaves for the user: files left alone and why. */
export function fixNotes(run: FixRun, cwd: string): string[] {
  const rel = (p: string) => displayPath(p, cwd);
  return [
    ...run.skippedForSyntax.map((p) => `${rel(p)}: not fixed, the file has syntax errors.`),
    ...run.reverted.map((p) => `${rel(p)}: some fixes were not applied, they would have introduced a syntax error.`),
    ...run.notFixed.map(([p, why]) => `${rel(p)}: not fixed, ${why}.`),
    ...(run.exhausted ? [`Stopped after ${MAX_FIX_PASSES} fix passes; some fixes may remain.`] : []),
  ];
}

export interface FixReportOptions {
  /** `--fix` on files: write the changed files. */
  write: boolean;
  /** What goes to standard output before the report: a unified diff, or the fixed stdin source. */
  stdout: 'diff' | 'stdin-source' | 'none';
  stdinPath?: string;
  cwd: string;
}

/** Sets ESLint's `output` on results, writes or prints the fixes, and tells which files were left alone. */
export function reportFixes(run: FixRun, results: EslintResult[], options: FixReportOptions, io: CliIO): void {
  const texts = new Map(run.files.map((f) => [f.path, f.text]));
  for (const r of results) {
    const p = toPosix(r.filePath);
    if (run.originals.has(p)) r.output = texts.get(p);
  }
  if (options.write) {
    const failures: string[] = [];
    for (const p of [...run.originals.keys()].sort()) {
      try {
        writeFileAtomic(p, texts.get(p)!, run.originals.get(p));
      } catch (error) {
        // One file that cannot be written must not keep the others from being fixed.
        if (error instanceof ChangedOnDiskError) io.err(`streamwise: ${displayPath(p, options.cwd)}: not fixed, it changed on disk during the run.`);
        else failures.push(`${p}: ${(error as Error).message}`);
        const r = results.find((x) => toPosix(x.filePath) === p);
        if (r) delete r.output;
      }
    }
    if (failures.length > 0) throw new UsageError(`Could not write the fixes to ${failures.join('; ')}`);
  }
  if (options.stdout === 'diff') {
    const diff = fixDiff(run, options.cwd);
    if (diff) io.out(diff);
  } else if (options.stdout === 'stdin-source' && options.stdinPath) {
    (io.write ?? io.out)(texts.get(options.stdinPath) ?? '');
  }
  for (const note of fixNotes(run, options.cwd)) io.err(`streamwise: ${note}`);
}
