// The decision helper's recommendation logic: every combination of answers maps to the lightest fitting option, with reasons.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DECISION_QUESTIONS, decide, sanitizeAnswers, type DecisionAnswers, type Recommendation } from '../../src/core/decision';

const ORDER: Recommendation[] = ['redis-pubsub', 'redis-streams', 'kafka'];

describe('decide', () => {
  it('asks for answers before recommending anything', () => {
    const d = decide({});
    assert.equal(d.recommendation, null);
    assert.deepEqual(d.reasons, []);
    assert.equal(d.unanswered.length, 4);
  });

  it('recommends Redis Pub/Sub for disposable signals, also with several consumers', () => {
    const base = { replay: false, longRetention: false, lossAcceptable: true };
    assert.equal(decide({ ...base, independentConsumers: false }).recommendation, 'redis-pubsub');
    const fanOut = decide({ ...base, independentConsumers: true });
    assert.equal(fanOut.recommendation, 'redis-pubsub');
    assert.equal(fanOut.label, 'Redis Pub/Sub');
    assert.ok(fanOut.reasons.some((r) => /every subscriber/.test(r)));
    assert.deepEqual(fanOut.unanswered, []);
  });

  it('recommends Redis Streams for short replay or no loss with one consumer group', () => {
    const replay = decide({ replay: true, independentConsumers: false, longRetention: false, lossAcceptable: true });
    assert.equal(replay.recommendation, 'redis-streams');
    assert.ok(replay.reasons.some((r) => /XRANGE/.test(r)));
    const noLoss = decide({ replay: false, independentConsumers: false, longRetention: false, lossAcceptable: false });
    assert.equal(noLoss.recommendation, 'redis-streams');
    assert.ok(noLoss.reasons.some((r) => /XACK/.test(r)));
    assert.ok(noLoss.reasons.some((r) => /AOF/.test(r)), 'warns that Streams need AOF to survive a restart');
  });

  it('recommends Kafka for long retention, replay across consumers, or no loss across consumers', () => {
    assert.equal(decide({ longRetention: true }).recommendation, 'kafka');
    assert.equal(decide({ replay: true, independentConsumers: true, lossAcceptable: true, longRetention: false }).recommendation, 'kafka');
    const audit = decide({ replay: false, independentConsumers: true, lossAcceptable: false, longRetention: false });
    assert.equal(audit.recommendation, 'kafka');
    assert.ok(audit.reasons.some((r) => /acks=all/.test(r)));
    const all = decide({ replay: true, independentConsumers: true, lossAcceptable: false, longRetention: true });
    assert.equal(all.reasons.length, 3, 'one reason per demanding answer');
  });

  it('gives a label and at least one reason for every complete set of answers', () => {
    for (let bits = 0; bits < 16; bits++) {
      const answers: DecisionAnswers = {};
      DECISION_QUESTIONS.forEach((q, i) => (answers[q.id] = Boolean(bits & (1 << i))));
      const d = decide(answers);
      assert.ok(d.recommendation, JSON.stringify(answers));
      assert.ok(d.reasons.length > 0 && d.label.length > 0);
    }
  });

  it('never moves away from Kafka when an answer becomes more demanding', () => {
    // "More demanding": replay/consumers/retention yes, loss not acceptable.
    const demanding: DecisionAnswers = { replay: true, independentConsumers: true, longRetention: true, lossAcceptable: false };
    for (let bits = 0; bits < 16; bits++) {
      const answers: DecisionAnswers = {};
      DECISION_QUESTIONS.forEach((q, i) => (answers[q.id] = bits & (1 << i) ? demanding[q.id] : !demanding[q.id]));
      for (const q of DECISION_QUESTIONS) {
        const harder = decide({ ...answers, [q.id]: demanding[q.id] }).recommendation!;
        assert.ok(ORDER.indexOf(harder) >= ORDER.indexOf(decide(answers).recommendation!), `${JSON.stringify(answers)} + ${q.id}`);
      }
    }
  });

  it('treats unanswered questions as the least demanding answer and reports them', () => {
    const d = decide({ replay: true });
    assert.equal(d.recommendation, 'redis-streams');
    assert.deepEqual(d.unanswered, ['independentConsumers', 'longRetention', 'lossAcceptable']);
  });

  it('keeps only known boolean answers from untrusted state', () => {
    assert.deepEqual(sanitizeAnswers({ replay: true, lossAcceptable: 'no', __proto__: { x: 1 }, other: true }), { replay: true });
    assert.deepEqual(sanitizeAnswers(null), {});
    assert.deepEqual(sanitizeAnswers('x'), {});
  });
});
