"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
// Real public code never crashes the engine: the client packages' own sources, typed and untyped.
const strict_1 = __importDefault(require("node:assert/strict"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const ROOT = node_path_1.default.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { soak } = require(node_path_1.default.join(ROOT, 'scripts', 'soak.js'));
(0, node_test_1.it)('lints the client packages under node_modules without a crash or internal error', () => {
    const result = soak(node_path_1.default.join(ROOT, 'node_modules'), ['kafkajs', 'ioredis', '@redis', '@confluentinc', 'node-rdkafka', 'redis']);
    strict_1.default.ok(result.files > 500, `only ${result.files} files found`);
    strict_1.default.equal(result.crashes, 0);
    strict_1.default.equal(result.internal, 0);
});
//# sourceMappingURL=soak.test.js.map