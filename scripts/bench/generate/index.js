// Writes a deterministic synthetic shop backend (ordinary modules plus Redis/Kafka code) of a given size to disk.
const fs = require('node:fs');
const path = require('node:path');
const { createRandom } = require('../random');
const { DOMAINS, KINDS, kebab, createNamer } = require('./names');
const { buildModule } = require('./modules');
const { WEIGHTED, CLIENT_MODULES, destinations } = require('./messaging');

const REPO = path.resolve(__dirname, '..', '..', '..');
const FOLDER_OF_KIND = {
  Service: 'services', Mapper: 'mappers', Validator: 'validators', Repository: 'repositories', Controller: 'controllers',
  Dto: 'dto', Utils: 'utils', Policy: 'policies', Calculator: 'calculators', Formatter: 'formatters',
};
/**
 * Packages the typed copy links from this repository's node_modules. The links resolve to real paths, so what these
 * typings import in turn (undici-types, denque, …) is found beside them, as tsc and Streamwise both follow real paths.
 */
const TYPINGS = ['ioredis', 'kafkajs', '@confluentinc/kafka-javascript', '@types/node'];
/** The marker line the editor benchmark rewrites in the large file. */
const EDIT_MARKER = 'pipeline-audit';

const versionOf = (pkg) => JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;

function projectFiles() {
  return {
    'package.json': JSON.stringify(
      {
        name: 'bench-shop',
        private: true,
        type: 'commonjs',
        dependencies: { ioredis: versionOf('ioredis'), kafkajs: versionOf('kafkajs'), '@confluentinc/kafka-javascript': versionOf('@confluentinc/kafka-javascript') },
        devDependencies: { '@types/node': versionOf('@types/node') },
      },
      null,
      2,
    ),
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'node16',
          moduleResolution: 'node16',
          lib: ['ES2022'],
          types: ['node'],
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          noEmit: true,
          rootDir: 'src',
        },
        include: ['src'],
      },
      null,
      2,
    ),
  };
}

/** The module specs of a workspace with `files` source files (deterministic for a seed). */
function plan({ files, seed, linesPerFile, messagingShare, bigFileLines }) {
  const random = createRandom(seed);
  const name = createNamer(random);
  const specs = [];
  const clientPaths = Object.keys(CLIENT_MODULES);
  const messagingCount = Math.max(2, Math.round(files * messagingShare) - clientPaths.length);
  const ordinaryCount = Math.max(1, files - clientPaths.length - messagingCount);
  const byDomain = new Map(DOMAINS.map((d) => [d, []]));
  const all = [];
  // Blocks overshoot a budget by about ten lines, so budgets average a little under `linesPerFile`.
  const budget = () => random.int(Math.round(linesPerFile * 0.5), Math.round(linesPerFile * 1.35));
  const pickImports = (domain, max) => {
    const chosen = new Map();
    for (let n = random.int(0, max); n > 0; n--) {
      const local = byDomain.get(domain);
      const source = local.length > 0 && random.chance(0.7) ? local : all;
      if (source.length > 0) {
        const target = random.pick(source);
        chosen.set(target.path, target);
      }
    }
    return [...chosen.values()];
  };

  for (let i = 0; i < ordinaryCount; i++) {
    const domain = DOMAINS[i % DOMAINS.length];
    const kind = random.pick(KINDS);
    const base = name(kind);
    const stem = base.slice(0, -kind.length);
    const file = `src/${domain}/${FOLDER_OF_KIND[kind]}/${kebab(stem)}-${kebab(kind)}.ts`;
    specs.push({ path: file, header: `${kind} of the ${domain} domain: ${kebab(stem).replace(/-/g, ' ')}.`, base, stem, imports: pickImports(domain, 4), messaging: [], destinations: destinations(domain), targetLines: budget() });
    const entry = { base, path: file };
    byDomain.get(domain).push(entry);
    all.push(entry);
  }

  for (let i = 0; i < messagingCount; i++) {
    const domain = DOMAINS[(i * 7) % DOMAINS.length];
    const base = name('Messaging');
    const stem = base.slice(0, -'Messaging'.length);
    const blocks = Array.from({ length: random.int(1, 3) }, () => random.pick(WEIGHTED));
    const isBig = i === 0;
    specs.push({
      path: isBig ? 'src/orders/messaging/order-pipeline.ts' : `src/${domain}/messaging/${kebab(stem)}-messaging.ts`,
      header: isBig ? 'The order pipeline: every step from checkout to shipment, with its Redis and Kafka traffic.' : `Redis and Kafka traffic of the ${domain} domain.`,
      base,
      stem,
      imports: pickImports(isBig ? 'orders' : domain, isBig ? 12 : 3),
      // The big file opens with a capped XADD, so it always imports the shared `redis` its audit block uses.
      messaging: isBig ? ['streamCapped', ...Array.from({ length: Math.round(bigFileLines / 40) }, () => random.pick(WEIGHTED))] : blocks,
      destinations: destinations(isBig ? 'orders' : domain),
      targetLines: isBig ? bigFileLines : budget(),
      interleave: isBig,
      extra: isBig ? auditBlock() : undefined,
      big: isBig,
    });
  }
  return { random, specs, clientPaths };
}

/** The function whose XADD line the editor benchmark rewrites (capped now; the edits toggle MAXLEN). */
function auditBlock() {
  return [
    'export async function recordPipelineAudit(step: string, revision: string): Promise<string | null> {',
    `  return redis.xadd('stream:orders:${EDIT_MARKER}', 'MAXLEN', '~', 5000, '*', 'step', step, 'rev', revision);`,
    '}',
  ];
}

/**
 * Generates the workspace into `dir` (created; must not exist or be empty). With `typings`, links the client packages'
 * typings from this repository's node_modules, the way an installed project has them.
 */
function generateWorkspace(dir, options) {
  const opts = { files: 2000, seed: 1, linesPerFile: 125, messagingShare: 0.07, bigFileLines: 2000, typings: true, ...options };
  const { random, specs, clientPaths } = plan(opts);
  fs.mkdirSync(dir, { recursive: true });
  let lines = 0;
  const write = (rel, text) => {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  };
  for (const [rel, text] of Object.entries(projectFiles())) write(rel, `${text}\n`);
  for (const rel of clientPaths) {
    write(rel, CLIENT_MODULES[rel].join('\n'));
    lines += CLIENT_MODULES[rel].length;
  }
  let bigFile;
  for (const spec of specs) {
    const text = buildModule(random, spec);
    write(spec.path, text);
    const count = text.split('\n').length - 1;
    lines += count;
    if (spec.big) bigFile = { path: path.join(dir, spec.path), lines: count, marker: EDIT_MARKER };
  }
  if (opts.typings) linkTypings(dir);
  const messagingFiles = specs.filter((s) => s.messaging.length > 0).length + clientPaths.length;
  return { dir, files: specs.length + clientPaths.length, lines, messagingFiles, bigFile, typings: opts.typings };
}

function linkTypings(dir) {
  for (const pkg of TYPINGS) {
    const target = path.join(REPO, 'node_modules', pkg);
    const link = path.join(dir, 'node_modules', pkg);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(fs.realpathSync(target), link, 'dir');
  }
}

module.exports = { generateWorkspace, EDIT_MARKER, TYPINGS };
