// SARIF 2.1.0 output for GitHub code scanning: rule metadata with help, results with fingerprints and fixes.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fingerprints } from '../../core/fingerprint';
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { EslintMessage, EslintResult } from './json';

const PACKAGE_ROOT = path.join(__dirname, '..', '..', '..', '..');
const INFORMATION_URI = 'https://github.com/streamwise/streamwise';
const DOCS_BASE = `${INFORMATION_URI}/blob/main/`;
const SRCROOT = '%SRCROOT%';
const FINGERPRINT_KEY = 'streamwise/v1';
const DIRECTIVES_HELP = `${INFORMATION_URI}/blob/main/README.md#suppression-comments`;

export interface SarifOptions {
  /** Project root: artifact URIs are relative to it. */
  root: string;
  /** File texts, for fingerprints. */
  sources: ReadonlyMap<string, string>;
  rules: readonly Rule<unknown>[];
}

type Level = 'error' | 'warning' | 'note';
const levelOf = (severity: 'info' | 'warning' | 'error'): Level => (severity === 'info' ? 'note' : severity);

/** Problems with the run itself, reported as tool notifications rather than results (GitHub requires a ruleId on results). */
const NOTIFICATIONS = [
  {
    id: 'streamwise/parse-error',
    name: 'ParseError',
    text: 'A file has syntax errors.',
    full: 'A file has syntax errors. It was still analysed as far as the parser recovered, so findings in it may be missing.',
  },
  {
    id: 'streamwise/file-skipped',
    name: 'FileSkipped',
    text: 'A file was not analysed.',
    full: 'A file could not be read, or was skipped because it is too large or looks binary.',
  },
  {
    id: 'streamwise/internal-error',
    name: 'InternalError',
    text: 'A rule failed on a file.',
    full: 'A rule threw while checking a file, so its findings for that file are missing; the other rules still ran.',
  },
] as const;

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `redis/exact-stream-trim` → `RedisExactStreamTrim`: SARIF asks for a Pascal-case friendly name. */
const pascal = (id: string) => id.split(/[^a-zA-Z0-9]+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

/** The rule doc without front matter, with relative links made absolute so they work where the help is shown. */
function ruleHelp(rule: Rule<unknown>): { markdown: string; firstParagraph: string } {
  const docUrl = DOCS_BASE + rule.meta.docs;
  let markdown = '';
  try {
    markdown = fs.readFileSync(path.join(PACKAGE_ROOT, rule.meta.docs), 'utf8');
  } catch {
    markdown = `${rule.meta.description}\n\nSee ${docUrl}.`;
  }
  markdown = markdown.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').trim();
  markdown = markdown.replace(/\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)/gi, (_, rel: string) => `](${new URL(rel, docUrl).href})`);
  const body = markdown.split(/\r?\n\r?\n/).map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
  return { markdown, firstParagraph: body[0] ?? rule.meta.description };
}

function reportingDescriptor(rule: Rule<unknown>) {
  const help = ruleHelp(rule);
  return {
    id: rule.meta.id,
    name: pascal(rule.meta.id),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: help.firstParagraph },
    helpUri: DOCS_BASE + rule.meta.docs,
    help: { text: help.markdown, markdown: help.markdown },
    defaultConfiguration: { level: levelOf(rule.meta.defaultSeverity) },
    properties: { tags: [rule.meta.id.split('/')[0], ...(rule.meta.fixKind === 'none' ? [] : [rule.meta.fixKind === 'fix' ? 'fixable' : 'has-suggestions'])] },
  };
}

/** An artifact location: relative to %SRCROOT% inside the root, an absolute file URI outside it. */
function artifactLocation(filePath: string, root: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(root, filePath);
  if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return { uri: pathToFileURL(filePath).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** Start offsets of each line, breaking lines where TypeScript does (CR, LF, CRLF, U+2028, U+2029). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029) starts.push(i + 1);
  }
  return starts;
}

/** Messages back to findings with offsets, which fingerprints need and ESLint's format lacks. */
function asFindings(messages: EslintMessage[], text: string): Finding[] {
  const starts = lineStarts(text);
  const offset = (line: number, column: number) => Math.min((starts[line - 1] ?? text.length) + column - 1, text.length);
  return messages.map((m) => ({
    ruleId: m.ruleId!,
    severity: m.severityName,
    message: m.message,
    range: { start: offset(m.line, m.column), end: offset(m.endLine, m.endColumn), line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn },
  }));
}

const region = (m: EslintMessage) => ({ startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn });

type MessageKind = 'finding' | 'directive' | 'parse-error' | 'file-notice' | 'internal-error';

/** What an ESLint-format message stands for; the format tells them apart only by shape. */
function classify(m: EslintMessage, ruleIndex: ReadonlyMap<string, number>): MessageKind {
  if (m.fatal) return m.message.startsWith('Parsing error:') ? 'parse-error' : 'file-notice';
  if (m.ruleId !== null && m.message.startsWith(`Internal error in ${m.ruleId}:`)) return 'internal-error';
  return m.ruleId !== null && ruleIndex.has(m.ruleId) ? 'finding' : 'directive';
}

/** Results need a rule: unused disables (warnings without ruleId) and malformed directives get these. */
const DIRECTIVE_RULES = [
  {
    id: 'streamwise/unused-disable',
    name: 'StreamwiseUnusedDisable',
    level: 'warning' as const,
    text: 'A streamwise-disable comment lists a rule that reported nothing there.',
  },
  {
    id: 'streamwise/invalid-directive',
    name: 'StreamwiseInvalidDirective',
    level: 'error' as const,
    text: 'A streamwise-disable comment is malformed or names a rule that does not exist.',
  },
];

function directiveDescriptor(rule: (typeof DIRECTIVE_RULES)[number]) {
  const help = `${rule.text} Suppression comments are described in the README: ${DIRECTIVES_HELP}.`;
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.text },
    fullDescription: { text: help },
    helpUri: DIRECTIVES_HELP,
    help: { text: help, markdown: `${rule.text} See [suppression comments](${DIRECTIVES_HELP}).` },
    defaultConfiguration: { level: rule.level },
    properties: { tags: ['streamwise'] },
  };
}

function fixOf(m: EslintMessage, location: object): object[] | undefined {
  if (!m.fix) return undefined;
  const replacement = { deletedRegion: { charOffset: m.fix.range[0], charLength: m.fix.range[1] - m.fix.range[0] }, insertedContent: { text: m.fix.text } };
  return [{ description: { text: `Apply the safe fix of ${m.ruleId}.` }, artifactChanges: [{ artifactLocation: location, replacements: [replacement] }] }];
}

export function formatSarif(results: EslintResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.meta.id, i]));
  const [unusedIndex, invalidIndex] = [options.rules.length, options.rules.length + 1];
  const sarifResults: object[] = [];
  const notifications: object[] = [];
  let executionSuccessful = true;

  for (const file of results) {
    const location = artifactLocation(file.filePath, options.root);
    const reported = file.messages
      .map((m) => ({ m, kind: classify(m, ruleIndex) }))
      .filter((x) => x.kind === 'finding' || x.kind === 'directive')
      .map(({ m, kind }) => {
        if (kind === 'finding') return { m, ruleId: m.ruleId!, index: ruleIndex.get(m.ruleId!)! };
        return m.severity === 1 ? { m, ruleId: DIRECTIVE_RULES[0].id, index: unusedIndex } : { m, ruleId: DIRECTIVE_RULES[1].id, index: invalidIndex };
      });
    const text = options.sources.get(file.filePath) ?? '';
    const prints = fingerprints(asFindings(reported.map((r) => ({ ...r.m, ruleId: r.ruleId })), text), text);
    reported.forEach(({ m, ruleId, index }, i) => {
      const fixes = fixOf(m, location);
      sarifResults.push({
        ruleId,
        ruleIndex: index,
        level: levelOf(m.severityName),
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(m) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
        ...(fixes ? { fixes } : {}),
      });
    });

    for (const m of file.messages) {
      const kind = classify(m, ruleIndex);
      if (kind === 'finding' || kind === 'directive') continue;
      const descriptorIndex = kind === 'parse-error' ? 0 : kind === 'file-notice' ? 1 : 2;
      // Syntax errors are the code's, and skipping a large or binary file is by design: the run still did its job.
      const failed = kind === 'internal-error' || (kind === 'file-notice' && !m.message.startsWith('File skipped:'));
      if (failed) executionSuccessful = false;
      const index = m.ruleId === null ? undefined : ruleIndex.get(m.ruleId);
      notifications.push({
        descriptor: { id: NOTIFICATIONS[descriptorIndex].id, index: descriptorIndex },
        ...(index === undefined ? {} : { associatedRule: { id: m.ruleId, index } }),
        level: kind === 'file-notice' && !failed ? 'warning' : 'error',
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: location, ...(kind === 'parse-error' ? { region: region(m) } : {}) } }],
      });
    }
  }

  const rootUri = pathToFileURL(options.root).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Streamwise',
            informationUri: INFORMATION_URI,
            semanticVersion: packageVersion(),
            rules: [...options.rules.map(reportingDescriptor), ...DIRECTIVE_RULES.map(directiveDescriptor)],
            notifications: NOTIFICATIONS.map((n) => ({ id: n.id, name: n.name, shortDescription: { text: n.text }, fullDescription: { text: n.full }, help: { text: n.full } })),
          },
        },
        invocations: [{ executionSuccessful, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
