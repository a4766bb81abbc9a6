"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageError = void 0;
exports.processIO = processIO;
/** Bad flags or arguments: exit code 2 with a clear message. */
class UsageError extends Error {
}
exports.UsageError = UsageError;
function processIO() {
    const tty = Boolean(process.stdout.isTTY);
    return {
        out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
        err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
        color: tty && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0',
    };
}
//# sourceMappingURL=io.js.map