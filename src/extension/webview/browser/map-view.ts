// Section 3: this workspace's messaging map — each destination with producers, consumers and findings; every site opens the code.
import type { MapDestination, MapFinding, MapSite, MessagingMap } from '../../../core/messaging-map';
import { destinationKey } from '../../messages';
import { el, type Child } from './dom';
import { collapsible } from './section';

export interface MapHandlers {
  open: (file: string, line: number, column: number) => void;
  isCollapsed: (key: string) => boolean;
  onToggle: (key: string, collapsed: boolean) => void;
}

const KIND_LABELS: Record<string, string> = { channel: 'Channel', list: 'List', stream: 'Stream', topic: 'Topic' };
const MATCH_LABELS: Record<string, string> = { glob: 'glob pattern', regexp: 'regular expression' };

function location(file: string, line: number, column: number, what: string, handlers: MapHandlers): HTMLButtonElement {
  const button = el(
    'button',
    { type: 'button', class: 'site', 'aria-label': `Open ${file} at line ${line}, column ${column} (${what})`, 'data-file': file, 'data-line': String(line), 'data-column': String(column) },
    el('span', { class: 'where' }, `${file}:${line}:${column}`),
  );
  button.addEventListener('click', () => handlers.open(file, line, column));
  return button;
}

function siteItem(site: MapSite, handlers: MapHandlers): HTMLElement {
  const what = `${site.client} ${site.command}${site.via ? ` via ${site.via}` : ''}`;
  return el('li', {}, location(site.file, site.line, site.column, what, handlers), ' ', el('span', { class: 'call' }, `${site.client} `, el('code', {}, site.command)), site.via ? el('span', { class: 'via' }, ` via ${site.via}`) : null);
}

function findingItem(f: MapFinding, handlers: MapHandlers): HTMLElement {
  return el(
    'li',
    { class: `finding severity-${f.severity}` },
    location(f.file, f.line, f.column, `${f.severity} ${f.ruleId}`, handlers),
    ' ',
    el('span', { class: 'badge' }, f.severity),
    ' ',
    el('code', {}, f.ruleId),
    ' ',
    el('span', { class: 'message' }, f.message),
  );
}

function group(title: string, items: HTMLElement[], empty: string): HTMLElement {
  return el('div', { class: 'group' }, el('h4', {}, `${title} (${items.length})`), items.length > 0 ? el('ul', {}, ...items) : el('p', { class: 'none' }, empty));
}

function destination(d: MapDestination, handlers: MapHandlers): HTMLElement {
  const key = destinationKey(d);
  const name = d.name ?? '(name not known statically)';
  const detail: Child = el(
    'span',
    { class: 'counts' },
    ` ${d.producers.length} producer${d.producers.length === 1 ? '' : 's'}, ${d.consumers.length} consumer${d.consumers.length === 1 ? '' : 's'}`,
    d.findings.length > 0 ? `, ${d.findings.length} finding${d.findings.length === 1 ? '' : 's'}` : '',
  );
  const item = collapsible(
    { key, title: `${KIND_LABELS[d.kind] ?? d.kind}: ${name}`, level: 'h3', collapsed: handlers.isCollapsed(key), onToggle: handlers.onToggle, detail, className: `destination kind-${d.kind}` },
    MATCH_LABELS[d.match] ? el('p', { class: 'match' }, `Matched as a ${MATCH_LABELS[d.match]}.`) : null,
    group('Producers', d.producers.map((s) => siteItem(s, handlers)), 'No producer found in this workspace.'),
    group('Consumers', d.consumers.map((s) => siteItem(s, handlers)), 'No consumer found in this workspace.'),
    group('Findings', d.findings.map((f) => findingItem(f, handlers)), 'No findings.'),
  );
  return el('li', {}, item);
}

export function renderMap(map: MessagingMap, handlers: MapHandlers): HTMLElement[] {
  if (map.destinations.length === 0) return [el('p', { class: 'none' }, 'No channels, lists, streams or topics found in this workspace yet.')];
  const counts = new Map<string, number>();
  for (const d of map.destinations) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const summary = [...counts].map(([kind, n]) => `${n} ${(KIND_LABELS[kind] ?? kind).toLowerCase()}${n === 1 ? '' : 's'}`).join(', ');
  return [el('p', { class: 'summary' }, `This workspace: ${summary}.`), el('ul', { class: 'destinations', 'aria-label': 'Destinations' }, ...map.destinations.map((d) => destination(d, handlers)))];
}
