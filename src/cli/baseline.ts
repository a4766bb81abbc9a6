// The baseline file (streamwise-baseline.json): writing it, reading it, hiding the findings it lists and spotting stale entries.
import fs from 'node:fs';
import path from 'node:path';
import { fingerprints } from '../core/fingerprint';
import type { FileResult, Finding } from '../core/types';
import { toPosix } from './files';
import { UsageError } from './io';

export const BASELINE_FILE = 'streamwise-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  /** Relative to the project root, with forward slashes. */
  file: string;
  /** Rule + normalised flagged code + occurrence number: no line numbers, so edits elsewhere keep it. */
  fingerprint: string;
  /** The message when the entry was written; for readers only, never matched. */
  message: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/** An unusable baseline file: exit code 2, naming the file and the JSON path. */
export class BaselineError extends UsageError {}

const keyOf = (e: { ruleId: string; file: string; fingerprint: string }) => `${e.ruleId}\u0000${e.file}\u0000${e.fingerprint}`;
const byKey = (a: BaselineEntry, b: BaselineEntry) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);
export const relativeFile = (root: string, file: string) => toPosix(path.relative(root, file));

export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(`${file}: cannot read the baseline (${(error as Error).message})`);
  }
  const fail = (at: string, expected: string): never => {
    throw new BaselineError(`${file}: invalid baseline: ${at}: expected ${expected}. Rewrite it with --write-baseline.`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('$', 'an object { "version": 1, "entries": [...] }');
  const { version, entries } = data as { version?: unknown; entries?: unknown };
  if (version !== 1) fail('$.version', '1');
  if (!Array.isArray(entries)) fail('$.entries', 'an array');
  (entries as unknown[]).forEach((e, i) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) fail(`$.entries[${i}]`, 'an object');
    for (const field of ['ruleId', 'file', 'fingerprint'] as const) {
      if (typeof (e as Record<string, unknown>)[field] !== 'string') fail(`$.entries[${i}].${field}`, 'a string');
    }
  });
  return { version: 1, entries: (entries as BaselineEntry[]).map((e) => ({ ruleId: e.ruleId, file: e.file, fingerprint: e.fingerprint, message: typeof e.message === 'string' ? e.message : '' })) };
}

/**
 * Fingerprints of a file's reported findings. Occurrence numbers count directive-suppressed findings
 * too, so adding a `streamwise-disable` comment to one of two identical calls keeps the other's entry.
 */
function fingerprinted(file: FileResult, text: string): Map<Finding, string> {
  const all: Finding[] = [...file.findings, ...(file.suppressed ?? []).filter((f) => f.suppressions.every((s) => s.kind === 'directive'))];
  all.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const prints = fingerprints(all, text);
  return new Map(all.map((f, i) => [f, prints[i]]));
}

/** Baseline entries for every finding currently reported in `files`. */
export function entriesFor(files: readonly FileResult[], sources: ReadonlyMap<string, string>, root: string): BaselineEntry[] {
  const entries: BaselineEntry[] = [];
  for (const file of files) {
    const prints = fingerprinted(file, sources.get(file.path) ?? '');
    const rel = relativeFile(root, file.path);
    for (const f of file.findings) entries.push({ ruleId: f.ruleId, file: rel, fingerprint: prints.get(f)!, message: f.message });
  }
  return entries.sort(byKey);
}

/**
 * Writes the baseline for this run: entries of the linted files are replaced by their current findings;
 * entries of files this run did not lint are kept while those files exist (a partial run keeps the rest).
 */
export function writeBaseline(target: string, current: BaselineEntry[], previous: Baseline | undefined, lintedFiles: ReadonlySet<string>, root: string): Baseline {
  const kept = (previous?.entries ?? []).filter((e) => !lintedFiles.has(e.file) && fs.existsSync(path.join(root, e.file)));
  const seen = new Set<string>();
  const entries = [...kept, ...current].sort(byKey).filter((e) => !seen.has(keyOf(e)) && seen.add(keyOf(e)));
  const baseline: Baseline = { version: 1, entries };
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

export interface BaselineOutcome {
  files: FileResult[];
  /** Findings hidden by the baseline. */
  matched: number;
  /** Entries whose finding is gone: fixed, or the flagged code changed. */
  stale: BaselineEntry[];
}

/**
 * Moves findings listed in the baseline to `suppressed`. An entry is stale when it hides nothing although
 * its file was linted and its rule ran (the code was fixed or changed, or a comment now suppresses it), or
 * when its file no longer exists; entries for files or rules this run did not cover are left alone.
 */
export function applyBaseline(files: readonly FileResult[], sources: ReadonlyMap<string, string>, root: string, baseline: Baseline, activeRules: ReadonlySet<string>): BaselineOutcome {
  const remaining = new Map(baseline.entries.map((e) => [keyOf(e), e]));
  let matched = 0;
  const out = files.map((file) => {
    const rel = relativeFile(root, file.path);
    const prints = fingerprinted(file, sources.get(file.path) ?? '');
    const findings: Finding[] = [];
    const suppressed = [...(file.suppressed ?? [])];
    for (const f of file.findings) {
      const key = keyOf({ ruleId: f.ruleId, file: rel, fingerprint: prints.get(f)! });
      if (!remaining.delete(key)) {
        findings.push(f);
        continue;
      }
      matched++;
      suppressed.push({ ...f, suppressions: [{ kind: 'baseline', justification: '' }] });
    }
    suppressed.sort((a, b) => a.range.start - b.range.start);
    return { ...file, findings, suppressed };
  });
  const linted = new Set(files.map((f) => relativeFile(root, f.path)));
  const stale = [...remaining.values()].filter((e) => (linted.has(e.file) && activeRules.has(e.ruleId)) || !fs.existsSync(path.join(root, e.file)));
  return { files: out, matched, stale: stale.sort(byKey) };
}

/** The stderr notice for stale entries: a count, then one line per entry (at most `limit`). */
export function staleNotice(stale: readonly BaselineEntry[], baselinePath: string, limit = 20): string {
  const n = stale.length;
  const lines = [`streamwise: ${n} baseline entr${n === 1 ? 'y' : 'ies'} in ${baselinePath} no longer match${n === 1 ? 'es' : ''} a reported finding (fixed or changed code); run with --write-baseline to drop ${n === 1 ? 'it' : 'them'}.`];
  const short = (m: string) => (m.length > 80 ? `${m.slice(0, 79)}…` : m);
  for (const e of stale.slice(0, limit)) lines.push(`  ${e.file}  ${e.ruleId}  ${short(e.message)}`);
  if (n > limit) lines.push(`  … and ${n - limit} more`);
  return lines.join('\n');
}

export interface BaselineOptions {
  /** `--baseline FILE`; without it, streamwise-baseline.json at the project root is used when it exists. */
  file?: string;
  /** `--write-baseline`. */
  write: boolean;
  root: string;
  /** Rules that ran (not off): only their entries can be stale. */
  activeRules: ReadonlySet<string>;
}

/** The baseline step of `streamwise lint`: returns the results to report and the stderr notices. */
export function baselineStep(files: readonly FileResult[], sources: ReadonlyMap<string, string>, options: BaselineOptions, cwd: string): { files: FileResult[]; notices: string[] } {
  const target = options.file ? path.resolve(options.file) : path.join(options.root, BASELINE_FILE);
  const exists = fs.existsSync(target);
  if (options.file && !options.write && !exists) throw new BaselineError(`${options.file}: baseline file not found (create it with --write-baseline).`);
  const shown = toPosix(path.relative(cwd, target)) || target;
  if (options.write) {
    const previous = exists ? readBaseline(target) : undefined;
    const linted = new Set(files.map((f) => relativeFile(options.root, f.path)));
    const written = writeBaseline(target, entriesFor(files, sources, options.root), previous, linted, options.root);
    const n = written.entries.length;
    const outcome = applyBaseline(files, sources, options.root, written, options.activeRules);
    return { files: outcome.files, notices: [`streamwise: wrote ${n} baseline entr${n === 1 ? 'y' : 'ies'} to ${shown}.`] };
  }
  if (!exists) return { files: [...files], notices: [] };
  const outcome = applyBaseline(files, sources, options.root, readBaseline(target), options.activeRules);
  return { files: outcome.files, notices: outcome.stale.length > 0 ? [staleNotice(outcome.stale, shown)] : [] };
}
