// The workspace-wide index cross-file rules query: all call facts, creations and destinations.
import { endpointsOf, type DestinationKind, type Endpoint } from './destinations';
import type { CallFact, CreationFact, FileFacts } from './facts';

export class WorkspaceIndex {
  readonly calls: CallFact[] = [];
  readonly creations: CreationFact[] = [];
  readonly endpoints: Endpoint[] = [];
  private readonly byCommand = new Map<string, CallFact[]>();

  constructor(readonly files: ReadonlyMap<string, FileFacts>) {
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
}
