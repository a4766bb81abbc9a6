// The Redis-vs-Kafka comparison shown by `streamwise compare` and the editor's comparison view: plain data.

export interface ComparisonRow {
  aspect: string;
  redis: string;
  kafka: string;
}

export interface Comparison {
  title: string;
  summary: string;
  rows: readonly ComparisonRow[];
  /** Signs that a path belongs on one side. */
  chooseRedisWhen: readonly string[];
  chooseKafkaWhen: readonly string[];
  together: string;
}

export const COMPARISON: Comparison = {
  title: 'Redis vs Kafka',
  summary:
    'Redis is an in-memory data store that also carries messages (Pub/Sub, lists, Streams); Kafka is a replicated log on disk built for durable event streams. ' +
    'The shared vocabulary (publish/subscribe, consumer groups, acknowledgements) hides different architectures, and those decide how each behaves under failure, backlog and growth.',
  rows: [
    {
      aspect: 'Delivery model',
      redis:
        'Pub/Sub pushes each message to the subscribers connected at that instant and forgets it. A list hands each job to the one worker that pops it, with no acknowledgement. ' +
        'A Stream gives each entry to one consumer of a group and keeps it pending until XACK, so a crashed consumer’s entries can be claimed by another (at-least-once).',
      kafka:
        'Consumers pull from partitioned topics at their own pace and record progress as offsets. Every consumer group sees every record; inside a group each partition has one reader. ' +
        'At-most-once, at-least-once and exactly-once are all available, chosen by how offsets are committed and whether transactions are used.',
    },
    {
      aspect: 'Durability',
      redis:
        'Memory first. Pub/Sub stores nothing. Lists and Streams survive a restart only through RDB snapshots (writes since the last snapshot are lost) or the AOF (closer to durable, at a write cost), ' +
        'and on one node unless replicas or a cluster are set up.',
      kafka:
        'Every record is appended to disk and copied to follower brokers. With acks=all a write is confirmed only once the in-sync replicas have it, so losing a broker loses no acknowledged data.',
    },
    {
      aspect: 'Replay',
      redis:
        'Pub/Sub has none: a subscriber that was away missed the message for good. Stream entries can be read again by ID (XRANGE, a group reset) only while they are still held in RAM, ' +
        'which in practice means a short, capped history (MAXLEN / MINID).',
      kafka:
        'Records stay for the retention period (hours to months, longer with tiered storage) whether or not anyone read them. A group can rewind its offsets, and a consumer group added later can start from the oldest record.',
    },
    {
      aspect: 'Ordering',
      redis:
        'A list or stream is one ordered sequence on one shard. Several workers popping one list, or sharing one group, process entries in no guaranteed order relative to each other.',
      kafka:
        'Strict order inside a partition, and records with the same key land in the same partition. No order across partitions; adding partitions later moves keys and breaks per-key order for the change-over.',
    },
    {
      aspect: 'Scaling',
      redis:
        'Mostly upward: more memory and CPU for the instance. Redis Cluster spreads keys over shards, but one stream always lives on one shard; parallelism on one logical stream means several keys the application partitions itself.',
      kafka:
        'Outward: more partitions and consumers for throughput, more brokers for storage, with group rebalancing built in. The partition count is a long-lived decision because keys map onto it.',
    },
    {
      aspect: 'Latency',
      redis: 'Sub-millisecond per message: an in-memory operation on a single event loop, no batching in the way.',
      kafka:
        'Usually a few to a few tens of milliseconds: producers wait (linger.ms) to fill batches and brokers wait for replicas. Tuning that wait down buys latency with throughput.',
    },
    {
      aspect: 'Throughput',
      redis:
        'Fast per operation but bounded by one shard’s memory and single command thread: roughly tens of thousands of stream operations per second per shard, with a backlog that grows in RAM.',
      kafka:
        'Batching, compression and sequential disk writes sustain hundreds of thousands to millions of records per second across a cluster, and a backlog on disk puts no pressure on memory.',
    },
    {
      aspect: 'Operational cost',
      redis:
        'Light: one process, often already running for caching or sessions, so adding Pub/Sub or Streams is close to free. Cost grows with RAM, which makes long retention expensive.',
      kafka:
        'Heavy: a distributed system of brokers and KRaft controllers with partitions, replication and monitoring to look after (managed services take much of this on). Disk storage keeps long retention affordable.',
    },
  ],
  chooseRedisWhen: [
    'single-message latency under a millisecond matters more than history',
    'messages are disposable signals: cache invalidation, live dashboards, presence, notifications to connected clients',
    'volumes are modest (thousands to low tens of thousands per second) and retention is short',
    'Redis is already in the stack and a new distributed system is not justified',
  ],
  chooseKafkaWhen: [
    'an event must not be lost once it is acknowledged: payments, orders, audit trails',
    'several independent services read the same events at their own pace',
    'events must be replayed: reprocessing after a bug fix, backfilling a new service, rebuilding a projection',
    'throughput is high or will grow, and partition-level parallelism is needed',
  ],
  together:
    'Both in one system is common: Kafka as the durable record of domain events, Redis as the fast serving layer that Kafka consumers fill (caches, counters, Pub/Sub pushes to connected clients). ' +
    'Keep the data flowing one way, from Kafka into Redis, and add the second system only when a concrete need calls for it.',
};
