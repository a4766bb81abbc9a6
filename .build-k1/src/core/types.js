"use strict";
// Plain data that goes into and comes out of the engine: inputs, configuration, findings and edits.
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=types.js.map