// The server's view of one workspace: files from disk overridden by open documents, configuration, and lint runs that reuse the previous program.
import fs from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import type { Family } from '../core/clients';
import { LintCache } from '../core/cache';
import { buildMessagingMap, type MessagingMap } from '../core/messaging-map';
import type { WorkspaceIndex } from '../core/workspace';
import type { EngineConfig, FileResult, ModuleHost, SourceFile } from '../core/types';
import { allRules } from '../rules';
import { CONFIG_FILE, ConfigFiles, resolveConfig } from '../cli/config';
import { discoverFiles, toPosix } from '../cli/files';
import { hasClientTypings, readSources } from '../cli/workspace';
import { createFsModuleHost, rememberingModuleHost } from '../cli/module-host';
import { defaultLimits, limitsFor, oversized, type LimitsFor } from '../cli/limits';
import { runEngine } from '../cli/run-engine';
import { applySettings, defaultSettings, type ServerSettings } from './settings';

/** A recognised Redis/Kafka call, kept for hovers (offsets into the linted text). */
export interface CallSite {
  start: number;
  end: number;
  family: Family;
  command: string;
}

/** What the last run found in one file, with the exact text it ran on (offsets refer to it). */
export interface FileAnalysis {
  path: string;
  text: string;
  result: FileResult;
  calls: CallSite[];
}

export class WorkspaceAnalysis {
  settings: ServerSettings = defaultSettings();
  /** Texts of open documents: they win over the disk. */
  readonly overlays = new Map<string, string>();
  readonly results = new Map<string, FileAnalysis>();
  /** Problems the user should hear about (unreadable config), reported once per run. */
  problems: string[] = [];
  /** Files of the last run that got a notice instead of a result: too large, binary, too deep, over time. */
  notices = new Map<string, string>();
  /** The messaging map of the last whole-workspace run. */
  messagingMap: MessagingMap | undefined;
  private diskPaths: string[] | undefined;
  private readonly diskTexts = new Map<string, string>();
  private readonly diskNotices = new Map<string, string>();
  private oldProgram: ts.Program | undefined;
  /** What each run leaves for the next: unchanged files are not parsed or read again. */
  private cache = new LintCache();
  private typedHost: ModuleHost | undefined | null = null;

  constructor(readonly root: string | undefined) {}

  /** Forget cached disk state (files added, removed or edited outside the editor). */
  invalidateDisk(): void {
    this.diskPaths = undefined;
    this.diskTexts.clear();
    this.diskNotices.clear();
    this.cache = new LintCache();
  }

  /**
   * Files changed on disk outside the editor. An edited source file is re-read alone; a created or deleted one
   * changes the file set; a config, ignore or package manifest, or anything under node_modules (a package
   * manager's lock file there changes on every install), may change which files and settings apply, or which
   * typings are installed, so everything is re-read.
   */
  diskChanged(changes: readonly { path: string; kind: 'created' | 'changed' | 'deleted' }[]): void {
    for (const change of changes) {
      const name = change.path.slice(change.path.lastIndexOf('/') + 1);
      if (name === CONFIG_FILE || name === '.gitignore' || name === 'package.json' || change.path.includes('/node_modules/')) {
        // Installed packages may have changed too: their answers, and the program built on them, go.
        this.reset();
        return;
      }
      this.diskTexts.delete(change.path);
      this.diskNotices.delete(change.path);
      if (change.kind !== 'changed') this.diskPaths = undefined;
    }
  }

  /** A document was saved: its file on disk changed, or came into being. */
  saved(path: string): void {
    this.diskChanged([{ path, kind: this.diskPaths?.includes(path) ? 'changed' : 'created' }]);
  }

  /** After a run that threw: start the next one from scratch rather than from state it may have left half-built. */
  reset(): void {
    this.invalidateDisk();
    this.oldProgram = undefined;
    this.typedHost = null;
  }

  setSettings(settings: ServerSettings): void {
    if (settings.trusted !== this.settings.trusted) this.invalidateDisk();
    this.settings = settings;
  }

  private configFiles(): ConfigFiles {
    return new ConfigFiles(allRules, undefined, !this.settings.trusted);
  }

  private workspacePaths(configFiles: ConfigFiles): string[] {
    if (!this.diskPaths) {
      this.diskPaths = [];
      if (this.root && fs.existsSync(this.root)) {
        try {
          const unreadable = new Map<string, string>();
          // A broken config file was reported; it must not hide the whole workspace.
          this.diskPaths = discoverFiles([this.root], this.root, unreadable).filter((f) => this.safe(() => configFiles.includes(f)) ?? true);
          for (const [dir, message] of unreadable) this.problems.push(`Streamwise: ${dir}: ${message}`);
        } catch (error) {
          this.problems.push(`Streamwise: ${(error as Error).message}`);
        }
      }
    }
    return this.diskPaths;
  }

  private moduleHost(): ModuleHost | undefined {
    if (this.typedHost === null) this.typedHost = this.root && hasClientTypings(this.root) ? rememberingModuleHost(createFsModuleHost()) : undefined;
    return this.typedHost;
  }

  /** Every workspace file with open documents' texts, plus open documents outside the discovered set. */
  private sources(configFiles: ConfigFiles, limits: LimitsFor, notices: Map<string, string>): SourceFile[] {
    const paths = this.workspacePaths(configFiles);
    const unread = paths.filter((p) => !this.overlays.has(p) && !this.diskTexts.has(p) && !this.diskNotices.has(p));
    for (const f of readSources(unread, this.diskNotices, { limits })) this.diskTexts.set(f.path, f.text);
    const files: SourceFile[] = [];
    const add = (p: string, text: string | undefined) => {
      if (text === undefined) return;
      // Open documents get the same size cap as files on disk: the editor may open anything.
      const tooLarge = oversized(text, limits(p).maxFileSize);
      if (tooLarge) notices.set(p, tooLarge);
      else files.push({ path: p, text });
    };
    for (const p of paths) {
      if (this.overlays.has(p)) add(p, this.overlays.get(p));
      else if (this.diskNotices.has(p)) notices.set(p, this.diskNotices.get(p)!);
      else {
        // Read under these caps (a change of config starts again from the disk): no need to measure again.
        const text = this.diskTexts.get(p);
        if (text !== undefined) files.push({ path: p, text });
      }
    }
    const known = new Set(paths);
    for (const [p, text] of this.overlays) if (!known.has(p)) add(p, text);
    return files;
  }

  /** The caps of each file; a broken config file was reported already and leaves the defaults. */
  private limits(configFiles: ConfigFiles): LimitsFor {
    const fromConfig = limitsFor(configFiles);
    return (p) => {
      try {
        return fromConfig(p);
      } catch {
        return defaultLimits();
      }
    };
  }

  /** Lints `targets` (all workspace files when omitted) against the whole current workspace. */
  run(targets?: string[]): FileAnalysis[] {
    this.problems = [];
    this.notices = new Map();
    if (!this.settings.enable) {
      this.results.clear();
      return [];
    }
    const configFiles = this.configFiles();
    const limits = this.limits(configFiles);
    const notices = new Map<string, string>();
    const files = this.sources(configFiles, limits, notices);
    const texts = new Map(files.map((f) => [f.path, f.text]));
    const wanted = (targets ?? files.map((f) => f.path)).filter((t) => texts.has(t));
    const config = this.configFor(configFiles, this.root, true);
    const fileConfigs: Record<string, EngineConfig> = {};
    const rootConfig = this.root ? configFiles.pathFor(this.root, true) : undefined;
    for (const t of wanted) {
      const own = this.safe(() => configFiles.pathFor(t));
      if (own !== rootConfig) fileConfigs[t] = this.configFor(configFiles, t, false);
    }
    const calls = new Map<string, CallSite[]>();
    const wantedSet = new Set(wanted);
    let workspaceIndex: WorkspaceIndex | undefined;
    const output = runEngine({ files, targets: wanted, moduleHost: this.moduleHost(), config, fileConfigs }, allRules, notices, {
      limits,
      onIndex: (index) => {
        workspaceIndex = index;
        for (const call of index.calls) {
          if (!wantedSet.has(call.file)) continue;
          const sf = index.files.get(call.file)!.sourceFile;
          const list = calls.get(call.file) ?? [];
          list.push({ start: call.node.getStart(sf), end: call.node.getEnd(), family: call.family, command: call.command });
          calls.set(call.file, list);
        }
      },
      lint: { oldProgram: this.oldProgram, onProgram: (p) => (this.oldProgram = p), cache: this.cache },
    });
    const reported = new Set(targets ?? [...texts.keys(), ...notices.keys()]);
    for (const [p, notice] of notices) {
      if (!reported.has(p)) continue;
      this.notices.set(p, notice);
      this.results.delete(p);
    }
    if (!targets && workspaceIndex) this.messagingMap = buildMessagingMap(workspaceIndex, output.files);
    const analyses: FileAnalysis[] = [];
    for (const result of output.files) {
      const analysis = { path: result.path, text: texts.get(result.path)!, result, calls: calls.get(result.path) ?? [] };
      this.results.set(result.path, analysis);
      analyses.push(analysis);
    }
    return analyses;
  }

  /** Paths the last runs reported on (to clear diagnostics of files that went away). */
  knownPaths(): string[] {
    return [...this.results.keys()];
  }

  private safe<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (error) {
      const message = (error as Error).message;
      if (!this.problems.includes(message)) this.problems.push(message);
      return undefined;
    }
  }

  /** Defaults, the applicable config file (when trusted), then the editor settings; a broken config file falls back to defaults. */
  private configFor(configFiles: ConfigFiles, at: string | undefined, isDirectory: boolean): EngineConfig {
    const file = at ? this.safe(() => configFiles.load(configFiles.pathFor(at, isDirectory))) : undefined;
    return applySettings(resolveConfig(allRules, file), this.settings);
  }
}

export const pathOfRoot = (dir: string) => toPosix(path.resolve(dir));
