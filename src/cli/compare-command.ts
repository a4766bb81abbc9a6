// `streamwise compare [paths]`: the Redis-vs-Kafka comparison and the project's messaging map (text or JSON).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMPARISON } from '../core/comparison';
import { buildMessagingMap, DESTINATION_KINDS, type MapDestination, type MapSite, type MessagingMap } from '../core/messaging-map';
import type { WorkspaceIndex } from '../core/workspace';
import { allRules } from '../rules';
import { ConfigFiles, resolveConfig } from './config';
import { findProjectRoot } from './files';
import { UsageError, type CliIO } from './io';
import { discoverWorkspace, hasClientTypings, readSources } from './workspace';
import { compareText } from '../core/text';
import { createFsModuleHost } from './module-host';
import { createProgress } from './progress';
import { limitsFor } from './limits';
import { runEngine } from './run-engine';

const KIND_TITLES = { channel: 'Redis Pub/Sub channels', list: 'Redis lists', stream: 'Redis streams', topic: 'Kafka topics' } as const;

function wrap(text: string, width: number, indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

export function renderComparison(options: { color: boolean; width: number }): string {
  const width = Math.max(60, Math.min(options.width, 110));
  const bold = (s: string) => (options.color ? `\x1b[1m${s}\x1b[0m` : s);
  const out = [bold(COMPARISON.title), ...(options.color ? [] : ['='.repeat(COMPARISON.title.length)]), '', ...wrap(COMPARISON.summary, width, ''), ''];
  for (const row of COMPARISON.rows) {
    out.push(bold(row.aspect));
    out.push(...wrap(row.redis, width, '         ', '  Redis  '));
    out.push(...wrap(row.kafka, width, '         ', '  Kafka  '));
    out.push('');
  }
  for (const [title, items] of [['Choose Redis when', COMPARISON.chooseRedisWhen], ['Choose Kafka when', COMPARISON.chooseKafkaWhen]] as const) {
    out.push(bold(title));
    for (const item of items) out.push(...wrap(item, width, '    ', '  • '));
    out.push('');
  }
  out.push(bold('Both together'), ...wrap(COMPARISON.together, width, '  '));
  return out.join('\n');
}

export function renderMessagingMap(map: MessagingMap, options: { color: boolean; cwd: string; title: string }): string {
  const bold = (s: string) => (options.color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = (s: string) => (options.color ? `\x1b[2m${s}\x1b[0m` : s);
  const rel = (file: string) => path.relative(options.cwd, file).split(path.sep).join('/') || file;
  const site = (s: MapSite) => `${rel(s.file)}:${s.line}  ${dim(`${s.client} ${s.command}${s.via ? ` via ${s.via}` : ''}`)}`;
  const out = [bold(options.title), ...(options.color ? [] : ['='.repeat(options.title.length)])];
  for (const kind of DESTINATION_KINDS) {
    const destinations = map.destinations.filter((d) => d.kind === kind);
    out.push('', bold(KIND_TITLES[kind]));
    if (destinations.length === 0) out.push(`  ${dim('none found')}`);
    for (const d of destinations) out.push(...renderDestination(d, site, dim));
  }
  return out.join('\n');
}

function renderDestination(d: MapDestination, site: (s: MapSite) => string, dim: (s: string) => string): string[] {
  const name = d.name === null ? '(name not resolved)' : d.match === 'exact' ? d.name : `${d.name} (${d.match === 'glob' ? 'pattern' : 'regular expression'})`;
  const rules = [...new Set(d.findings.map((f) => f.ruleId))].sort();
  const count = d.findings.length === 0 ? dim('no findings') : `${d.findings.length} finding${d.findings.length === 1 ? '' : 's'} (${rules.join(', ')})`;
  const lines = [`  ${name}  ${count}`];
  const block = (label: string, sites: MapSite[]) => {
    if (sites.length === 0) lines.push(`    ${label}  ${dim('none found')}`);
    sites.forEach((s, i) => lines.push(`    ${i === 0 ? label : ' '.repeat(label.length)}  ${site(s)}`));
  };
  if (d.match === 'exact') block('producers', d.producers);
  block('consumers', d.consumers);
  return lines;
}

export function runCompare(argv: string[], io: CliIO, width = process.stdout.columns ?? 100): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean', default: false },
      'no-type-info': { type: 'boolean', default: false },
    },
  });
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`Unknown format "${values.format}". Use text or json.`);
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together.');
  const inputs = positionals.length > 0 ? positionals : ['.'];
  for (const p of inputs) if (!fs.existsSync(p)) throw new UsageError(`No such file or directory: ${p}`);

  const progress = createProgress();
  const root = findProjectRoot(path.resolve(inputs[0]));
  const configFiles = new ConfigFiles(allRules, values.config ? path.resolve(values.config) : undefined, values['no-config'] === true);
  const fileConfig = configFiles.load(configFiles.pathFor(root, true));
  progress.phase('Finding files…');
  const { targets, workspacePaths } = discoverWorkspace(inputs, root, configFiles);
  const limits = limitsFor(configFiles);
  const notices = new Map<string, string>();
  const files = readSources(workspacePaths, notices, { limits });
  const typed = !values['no-type-info'] && hasClientTypings(root);
  let index: WorkspaceIndex | undefined;
  progress.phase(`Analysing ${files.length} files…`, typed || files.length >= 200);
  const output = runEngine({ files, targets, moduleHost: typed ? createFsModuleHost() : undefined, config: resolveConfig(allRules, fileConfig) }, allRules, notices, { limits, onIndex: (i) => (index = i) });
  progress.done();
  // The map leaves out files that could not be analysed: say which, on stderr so JSON output stays clean.
  const inScopeNotices = [...notices].filter(([p]) => targets.includes(p)).sort(([a], [b]) => compareText(a, b));
  for (const [p, notice] of inScopeNotices) io.err(`streamwise: ${path.relative(process.cwd(), p) || p}: ${notice}`);

  const inScope = new Set(targets);
  const full = buildMessagingMap(index!, output.files);
  // Paths narrower than the project show the destinations those files take part in.
  const map: MessagingMap = { destinations: full.destinations.filter((d) => [...d.producers, ...d.consumers].some((s) => inScope.has(s.file))) };
  if (values.format === 'json') {
    io.out(JSON.stringify(map, null, 2));
    return 0;
  }
  const title = `Messaging map of ${path.relative(process.cwd(), root) || '.'} (${files.length} file${files.length === 1 ? '' : 's'})`;
  io.out(`${renderComparison({ color: io.color, width: width || 100 })}\n\n${renderMessagingMap(map, { color: io.color, cwd: process.cwd(), title })}`);
  return 0;
}
