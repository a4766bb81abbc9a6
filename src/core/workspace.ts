// The workspace-wide index cross-file rules query: all call facts, creations, destinations and foreign endpoints, and the files that may mention a name.
import type ts from 'typescript';
import { endpointsOf, type DestinationKind, type Endpoint } from './destinations';
import type { CallFact, CreationFact, FileFacts } from './facts';
import type { ForeignEndpoint } from './foreign';

/**
 * How rules and recognition reach files beyond the facts: every file's text, and the files that may
 * mention a name. The pre-filter keeps the program small; asking here is what brings in a file a
 * scan by name needs (the run is then repeated with it).
 */
export interface WorkspaceScope {
  /** Every workspace file's text, in the program or not. */
  texts: ReadonlyMap<string, string>;
  /** Program files, in workspace order, whose text may mention one of `words` (and matches `filter`). */
  filesMentioning(words: Iterable<string>, filter?: RegExp): ts.SourceFile[];
  /** Program files that may refer to this declaration under any name (imported, re-exported, renamed) and match `filter`. */
  filesReferencing(declaration: ts.Node, filter?: RegExp): ts.SourceFile[];
}

/** A scope over a program that holds the whole workspace (tests, callers without a pre-filter). */
export function wholeProgramScope(files: readonly ts.SourceFile[]): WorkspaceScope {
  return {
    texts: new Map(files.map((sf) => [sf.fileName, sf.text])),
    filesMentioning: () => [...files],
    filesReferencing: () => [...files],
  };
}

export class WorkspaceIndex {
  readonly calls: CallFact[] = [];
  readonly creations: CreationFact[] = [];
  readonly endpoints: Endpoint[] = [];
  private readonly byCommand = new Map<string, CallFact[]>();
  private readonly memos = new Map<string, unknown>();

  /**
   * `files`: facts of the files in the program (files the pre-filter left out have none).
   * `foreign`: endpoints of messaging libraries the engine does not model, in every workspace file.
   */
  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    readonly foreign: readonly ForeignEndpoint[] = [],
    readonly scope: WorkspaceScope = wholeProgramScope([...files.values()].map((f) => f.sourceFile)),
  ) {
    for (const facts of files.values()) {
      this.creations.push(...facts.creations);
      for (const call of facts.calls) {
        this.calls.push(call);
        const list = this.byCommand.get(call.command) ?? [];
        list.push(call);
        this.byCommand.set(call.command, list);
        this.endpoints.push(...endpointsOf(call));
      }
    }
  }

  /** Redis calls of these commands (uppercase) or Kafka calls of these methods, anywhere. */
  callsOf(...commands: string[]): CallFact[] {
    return commands.flatMap((c) => this.byCommand.get(c) ?? []);
  }

  endpointsWhere(kind: DestinationKind, role: Endpoint['role']): Endpoint[] {
    return this.endpoints.filter((e) => e.kind === kind && e.role === role);
  }

  /**
   * What a cross-file rule derives from the whole index, computed once per index: every analysed
   * file asks, and asking each time makes a run quadratic in the messaging files.
   */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** Every workspace file's text, also of files outside the program. */
  get texts(): ReadonlyMap<string, string> {
    return this.scope.texts;
  }
}
