"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.defineRule = exports.defaultRuleSetting = exports.defaultConfig = exports.lint = void 0;
// Public surface of the engine: plain data in, plain data out.
var linter_1 = require("./linter");
Object.defineProperty(exports, "lint", { enumerable: true, get: function () { return linter_1.lint; } });
var config_1 = require("./config");
Object.defineProperty(exports, "defaultConfig", { enumerable: true, get: function () { return config_1.defaultConfig; } });
Object.defineProperty(exports, "defaultRuleSetting", { enumerable: true, get: function () { return config_1.defaultRuleSetting; } });
var rule_1 = require("./rule");
Object.defineProperty(exports, "defineRule", { enumerable: true, get: function () { return rule_1.defineRule; } });
__exportStar(require("./types"), exports);
//# sourceMappingURL=index.js.map