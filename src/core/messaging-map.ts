// The workspace's messaging map as plain data: every channel, list, stream and topic with its producers, consumers and findings.
import type { ClientKind } from './clients';
import { displayName, mayBeSame, type DestinationKind, type Endpoint } from './destinations';
import type { FileResult, Severity } from './types';
import { stringOf } from './values';
import type { WorkspaceIndex } from './workspace';
import { compareText } from './text';

export const DESTINATION_KINDS: readonly DestinationKind[] = ['channel', 'list', 'stream', 'topic'];

/** A call that produces to or consumes from a destination; 1-based line and column. */
export interface MapSite {
  file: string;
  line: number;
  column: number;
  client: ClientKind;
  /** `PUBLISH`, `XREADGROUP`, `send`, … */
  command: string;
  /** The pattern (PSUBSCRIBE glob, topic RegExp) through which this consumer reaches the destination. */
  via?: string;
}

export interface MapFinding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface MapDestination {
  kind: DestinationKind;
  /** The name as far as it is known, `*` for unknown parts; null when nothing is known. */
  name: string | null;
  /** How consumers name it: literally, by Redis glob or by RegExp. */
  match: Endpoint['match'];
  producers: MapSite[];
  consumers: MapSite[];
  /** Findings reported on any of the calls above. */
  findings: MapFinding[];
}

export interface MessagingMap {
  destinations: MapDestination[];
}

interface Site extends MapSite {
  start: number;
  end: number;
}

function siteOf(e: Endpoint, index: WorkspaceIndex): Site {
  const sf = index.files.get(e.fact.file)?.sourceFile ?? e.fact.node.getSourceFile();
  const start = e.fact.node.getStart(sf);
  const pos = sf.getLineAndCharacterOfPosition(start);
  return { file: e.fact.file, line: pos.line + 1, column: pos.character + 1, client: e.fact.client.kind, command: e.fact.command, start, end: e.fact.node.getEnd() };
}

const bySite = (a: MapSite, b: MapSite) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.command, b.command);

/**
 * Groups the index's endpoints by destination. Consumers that subscribe by pattern are listed
 * under their pattern and also under each literally named destination the pattern may match.
 */
export function buildMessagingMap(index: WorkspaceIndex, results: readonly FileResult[] = []): MessagingMap {
  const groups = new Map<string, { kind: DestinationKind; name: string | null; match: Endpoint['match']; endpoints: Endpoint[] }>();
  for (const e of index.endpoints) {
    const name = (e.name.kind === 'unknown' ? undefined : displayName(e.name)) ?? null;
    const key = `${e.kind}\0${e.match}\0${name ?? ''}\0${name === null}`;
    const group = groups.get(key) ?? { kind: e.kind, name, match: e.match, endpoints: [] };
    group.endpoints.push(e);
    groups.set(key, group);
  }
  const patternConsumers = index.endpoints.filter((e) => e.role === 'consume' && e.match !== 'exact');
  const findingsByFile = new Map(results.map((r) => [r.path, r.findings]));

  const destinations: MapDestination[] = [];
  for (const group of groups.values()) {
    const producers = new Map<string, Site>();
    const consumers = new Map<string, Site>();
    const add = (into: Map<string, Site>, site: Site) => into.set(`${site.file}:${site.start}:${site.command}:${site.via ?? ''}`, site);
    for (const e of group.endpoints) add(e.role === 'produce' ? producers : consumers, siteOf(e, index));
    const literal = group.match === 'exact' && group.endpoints.some((e) => stringOf(e.name) !== undefined);
    if (literal) {
      const probe = group.endpoints.find((e) => stringOf(e.name) !== undefined)!;
      for (const p of patternConsumers) {
        if (p.kind !== group.kind || !mayBeSame(probe, p)) continue;
        add(consumers, { ...siteOf(p, index), via: displayName(p.name) });
      }
    }
    const sites = [...producers.values(), ...consumers.values()];
    const findings: MapFinding[] = [];
    const seen = new Set<unknown>();
    for (const site of sites) {
      for (const f of findingsByFile.get(site.file) ?? []) {
        const touches = f.range.start < site.end && site.start < Math.max(f.range.end, f.range.start + 1);
        if (!touches || seen.has(f)) continue;
        seen.add(f);
        findings.push({ ruleId: f.ruleId, severity: f.severity, file: site.file, line: f.range.line, column: f.range.column, message: f.message });
      }
    }
    const strip = ({ start: _s, end: _e, ...site }: Site): MapSite => site;
    destinations.push({
      kind: group.kind,
      name: group.name,
      match: group.match,
      producers: [...producers.values()].map(strip).sort(bySite),
      consumers: [...consumers.values()].map(strip).sort(bySite),
      findings: findings.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId)),
    });
  }
  destinations.sort(
    (a, b) =>
      DESTINATION_KINDS.indexOf(a.kind) - DESTINATION_KINDS.indexOf(b.kind) ||
      Number(a.name === null) - Number(b.name === null) ||
      compareText(a.name ?? '', b.name ?? '') ||
      compareText(a.match, b.match),
  );
  return { destinations };
}
