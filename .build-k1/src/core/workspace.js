"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WorkspaceIndex = void 0;
// The workspace-wide index cross-file rules query: all call facts, creations and destinations.
const destinations_1 = require("./destinations");
class WorkspaceIndex {
    files;
    calls = [];
    creations = [];
    endpoints = [];
    byCommand = new Map();
    constructor(files) {
        this.files = files;
        for (const facts of files.values()) {
            this.creations.push(...facts.creations);
            for (const call of facts.calls) {
                this.calls.push(call);
                const list = this.byCommand.get(call.command) ?? [];
                list.push(call);
                this.byCommand.set(call.command, list);
                this.endpoints.push(...(0, destinations_1.endpointsOf)(call));
            }
        }
    }
    /** Redis calls of these commands (uppercase) or Kafka calls of these methods, anywhere. */
    callsOf(...commands) {
        return commands.flatMap((c) => this.byCommand.get(c) ?? []);
    }
    endpointsWhere(kind, role) {
        return this.endpoints.filter((e) => e.kind === kind && e.role === role);
    }
}
exports.WorkspaceIndex = WorkspaceIndex;
//# sourceMappingURL=workspace.js.map