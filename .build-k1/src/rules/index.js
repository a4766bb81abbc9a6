"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.allRules = void 0;
const connection_per_request_1 = __importDefault(require("./arch/connection-per-request"));
const orphan_destination_1 = __importDefault(require("./arch/orphan-destination"));
const missing_message_key_1 = __importDefault(require("./kafka/missing-message-key"));
const tiny_linger_1 = __importDefault(require("./kafka/tiny-linger"));
const unawaited_processing_1 = __importDefault(require("./kafka/unawaited-processing"));
const unbatched_send_1 = __importDefault(require("./kafka/unbatched-send"));
const weak_acks_1 = __importDefault(require("./kafka/weak-acks"));
const exact_stream_trim_1 = __importDefault(require("./redis/exact-stream-trim"));
const list_queue_without_ack_1 = __importDefault(require("./redis/list-queue-without-ack"));
const pubsub_critical_data_1 = __importDefault(require("./redis/pubsub-critical-data"));
const stream_group_without_ack_1 = __importDefault(require("./redis/stream-group-without-ack"));
const stream_without_pending_recovery_1 = __importDefault(require("./redis/stream-without-pending-recovery"));
const subscriber_connection_reuse_1 = __importDefault(require("./redis/subscriber-connection-reuse"));
const unbounded_stream_1 = __importDefault(require("./redis/unbounded-stream"));
exports.allRules = [
    pubsub_critical_data_1.default,
    list_queue_without_ack_1.default,
    unbounded_stream_1.default,
    exact_stream_trim_1.default,
    stream_group_without_ack_1.default,
    stream_without_pending_recovery_1.default,
    subscriber_connection_reuse_1.default,
    tiny_linger_1.default,
    unbatched_send_1.default,
    weak_acks_1.default,
    unawaited_processing_1.default,
    missing_message_key_1.default,
    connection_per_request_1.default,
    orphan_destination_1.default,
];
//# sourceMappingURL=index.js.map