// The comparison view's decision helper: four yes/no answers in, a recommended messaging option with its reasons out (plain data).

export type QuestionId = 'replay' | 'independentConsumers' | 'longRetention' | 'lossAcceptable';

/** `undefined` means the question is not answered yet. */
export type DecisionAnswers = Partial<Record<QuestionId, boolean>>;

export interface DecisionQuestion {
  id: QuestionId;
  question: string;
  help: string;
}

export const DECISION_QUESTIONS: readonly DecisionQuestion[] = [
  {
    id: 'replay',
    question: 'Do you need to replay messages?',
    help: 'Read past messages again: reprocessing after a bug fix, backfilling a new service, rebuilding a projection.',
  },
  {
    id: 'independentConsumers',
    question: 'Do several independent consumers read the same messages?',
    help: 'Different services that each need every message and read at their own pace.',
  },
  {
    id: 'longRetention',
    question: 'Must messages be kept for a long time?',
    help: 'Days to months of history, whether or not anyone has read it yet.',
  },
  {
    id: 'lossAcceptable',
    question: 'Is losing a message acceptable?',
    help: 'Yes for disposable signals (cache invalidation, presence, live dashboards); no for orders, payments, audit trails.',
  },
];

export type Recommendation = 'redis-pubsub' | 'redis-streams' | 'kafka';

export const RECOMMENDATION_LABELS: Readonly<Record<Recommendation, string>> = {
  'redis-pubsub': 'Redis Pub/Sub',
  'redis-streams': 'Redis Streams',
  kafka: 'Kafka',
};

export interface Decision {
  /** null until at least one question is answered. */
  recommendation: Recommendation | null;
  label: string;
  reasons: string[];
  /** Questions still open; the recommendation assumes the least demanding answer for them. */
  unanswered: QuestionId[];
}

/**
 * Recommends the lightest option that satisfies every answer. Unanswered questions count as
 * the least demanding answer (no replay, one consumer, short retention, loss acceptable), so
 * the recommendation only ever moves towards Kafka as answers are given.
 */
export function decide(answers: DecisionAnswers): Decision {
  const unanswered = DECISION_QUESTIONS.map((q) => q.id).filter((id) => typeof answers[id] !== 'boolean');
  if (unanswered.length === DECISION_QUESTIONS.length) {
    return { recommendation: null, label: 'Answer the questions to get a recommendation.', reasons: [], unanswered };
  }
  const replay = answers.replay === true;
  const fanOut = answers.independentConsumers === true;
  const retention = answers.longRetention === true;
  const mustNotLose = answers.lossAcceptable === false;

  const kafka: string[] = [];
  if (retention) kafka.push('Long retention: Kafka keeps records on disk for the retention period (hours to months), while Redis holds all history in RAM, which makes long retention expensive.');
  if (replay && fanOut) kafka.push('Replay for several independent consumers: every Kafka consumer group keeps its own offsets and can rewind, and a group added later can start from the oldest record.');
  if (mustNotLose && fanOut) kafka.push('No loss with several consumers: with acks=all a Kafka write is confirmed only once the in-sync replicas have it, and each group reads every record at its own pace.');
  if (kafka.length > 0) return result('kafka', kafka, unanswered);

  const streams: string[] = [];
  if (replay) streams.push('Short replay: stream entries can be read again by ID (XRANGE, a group reset) while the capped history (MAXLEN / MINID) still holds them.');
  if (mustNotLose) {
    streams.push('No loss: a consumer group keeps each entry pending until XACK, and XAUTOCLAIM hands a crashed consumer’s entries to another (at-least-once).');
    streams.push('Durability across a Redis restart needs AOF persistence (and replicas); RDB snapshots alone lose the writes since the last snapshot.');
  }
  if (streams.length > 0) return result('redis-streams', streams, unanswered);

  const pubsub = ['No replay, short retention and losing a message is acceptable: fire-and-forget delivery with sub-millisecond latency and nothing stored.'];
  if (fanOut) pubsub.push('Several consumers: Pub/Sub pushes every message to every subscriber connected at that instant.');
  pubsub.push('A subscriber that is disconnected or slow misses messages for good; use Redis Streams if that stops being acceptable.');
  return result('redis-pubsub', pubsub, unanswered);
}

function result(recommendation: Recommendation, reasons: string[], unanswered: QuestionId[]): Decision {
  return { recommendation, label: RECOMMENDATION_LABELS[recommendation], reasons, unanswered };
}

/** Keeps only known question ids with boolean answers: state read back from storage is untrusted. */
export function sanitizeAnswers(value: unknown): DecisionAnswers {
  const answers: DecisionAnswers = {};
  if (typeof value !== 'object' || value === null) return answers;
  for (const q of DECISION_QUESTIONS) {
    const v = (value as Record<string, unknown>)[q.id];
    if (typeof v === 'boolean') answers[q.id] = v;
  }
  return answers;
}
