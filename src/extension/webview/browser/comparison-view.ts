// Section 1: the Redis-vs-Kafka comparison table with when-to-choose lists.
import type { Comparison } from '../../../core/comparison';
import { el } from './dom';

export function renderComparison(comparison: Comparison): HTMLElement[] {
  const table = el(
    'table',
    { class: 'comparison' },
    el('caption', {}, 'How they compare'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Aspect'), el('th', { scope: 'col' }, 'Redis'), el('th', { scope: 'col' }, 'Kafka'))),
    el('tbody', {}, ...comparison.rows.map((row) => el('tr', {}, el('th', { scope: 'row' }, row.aspect), el('td', {}, row.redis), el('td', {}, row.kafka)))),
  );
  const list = (title: string, items: readonly string[]) => el('div', { class: 'choose' }, el('h3', {}, title), el('ul', {}, ...items.map((item) => el('li', {}, item))));
  return [
    el('p', { class: 'summary' }, comparison.summary),
    el('div', { class: 'table-wrap' }, table),
    el('div', { class: 'choose-row' }, list('Choose Redis when', comparison.chooseRedisWhen), list('Choose Kafka when', comparison.chooseKafkaWhen)),
    el('p', { class: 'together' }, comparison.together),
  ];
}
