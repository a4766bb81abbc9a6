// The rule registry: every rule the CLI, server and docs know about, in catalog order.
import type { Rule } from '../core/rule';
import connectionPerRequest from './arch/connection-per-request';
import orphanDestination from './arch/orphan-destination';
import missingMessageKey from './kafka/missing-message-key';
import tinyLinger from './kafka/tiny-linger';
import unawaitedProcessing from './kafka/unawaited-processing';
import unbatchedSend from './kafka/unbatched-send';
import weakAcks from './kafka/weak-acks';
import exactStreamTrim from './redis/exact-stream-trim';
import listQueueWithoutAck from './redis/list-queue-without-ack';
import pubsubCriticalData from './redis/pubsub-critical-data';
import streamGroupWithoutAck from './redis/stream-group-without-ack';
import streamWithoutPendingRecovery from './redis/stream-without-pending-recovery';
import subscriberConnectionReuse from './redis/subscriber-connection-reuse';
import unboundedStream from './redis/unbounded-stream';

export const allRules: readonly Rule<unknown>[] = [
  pubsubCriticalData,
  listQueueWithoutAck,
  unboundedStream,
  exactStreamTrim,
  streamGroupWithoutAck,
  streamWithoutPendingRecovery,
  subscriberConnectionReuse,
  tinyLinger,
  unbatchedSend,
  weakAcks,
  unawaitedProcessing,
  missingMessageKey,
  connectionPerRequest,
  orphanDestination,
] as Rule<unknown>[];
