// Name patterns from a workspace: which regular expressions are compiled, and globs matched without backtracking blow-ups.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globMatches, globParts, MAX_TESTED_NAME, safeRegExp, templateParts } from '../../src/core/patterns';

describe('safeRegExp', () => {
  it('compiles the patterns topic subscriptions are written with', () => {
    for (const source of ['^orders\\.(created|paid)$', '^billing-.*', '^[a-z]+-events$', 'topic-\\d{1,3}', '^(?:eu|us)-orders-v\\d+$', '^a[*+?(|]b$', '^x(?:ab)?y$']) {
      assert.ok(safeRegExp(source, ''), source);
    }
    assert.equal(safeRegExp('^orders$', 'gi')!.flags, 'i', 'stateful flags are dropped');
  });

  it('leaves out what could backtrack without end, and what it does not understand', () => {
    for (const source of ['^(a+)+$', '^(a|aa)*$', '^(a*)*b', '(\\w+\\s?)*$', '^(.*a){2,}$', '(a)\\1', '(?<x>a)\\k<x>', '^(?=a+)a', '(?<!b)a', '^a*b*c*d*$', '^a+a+a+a+$', '(a', 'a)', '*a', 'a**']) {
      assert.equal(safeRegExp(source, ''), undefined, source);
    }
  });

  it('gives up on patterns the compiler rejects', () => {
    assert.equal(safeRegExp('^[a-$', ''), undefined);
    assert.equal(safeRegExp('a{2,1}', ''), undefined);
  });

  it('tests names up to a length that stays cheap', () => {
    assert.ok(MAX_TESTED_NAME >= 249, 'every Kafka topic name is tested');
  });
});

describe('globMatches', () => {
  const glob = (pattern: string, name: string) => globMatches(globParts(pattern), name);

  it('matches Redis-style `*` and `?`', () => {
    assert.ok(glob('orders.*', 'orders.created'));
    assert.ok(glob('orders.*', 'orders.'));
    assert.ok(!glob('orders.*', 'order'));
    assert.ok(glob('o?ders', 'orders'));
    assert.ok(!glob('o?ders', 'oders'));
    assert.ok(glob('*', ''));
    assert.ok(glob('a*b*c', 'aXXbYYc'));
    assert.ok(!glob('a*b*c', 'aXXbYY'));
    assert.ok(glob('*.events.*', 'eu.events.orders'));
  });

  it('reads `?` as text where only `*` is a wildcard', () => {
    assert.ok(globMatches(globParts('billing.?.*', false), 'billing.?.eu'));
    assert.ok(!globMatches(globParts('billing.?.*', false), 'billing.x.eu'));
  });

  it('keeps literal text literal, `*` and `?` inside known parts included', () => {
    const parts = templateParts(['jobs:*:', null, ':?']);
    assert.ok(globMatches(parts, 'jobs:*:42:?'));
    assert.ok(!globMatches(parts, 'jobs:x:42:?'));
    assert.ok(!globMatches(parts, 'jobs:*:42:y'));
  });

  it('answers a pattern that would make a regular expression backtrack for ages', () => {
    const pattern = `${'a*'.repeat(30)}b`;
    assert.ok(!glob(pattern, 'a'.repeat(5000)));
    assert.ok(glob(pattern, `${'a'.repeat(5000)}b`));
  });
});
