// Assembles one generated module: header, imports, the shared record exports, messaging blocks, then ordinary blocks up to a line budget.
const path = require('node:path');
const { SECTION_WORDS, lowerFirst } = require('./names');
const { sections, sectionNames, recordBlock, linkBlock } = require('./sections');
const { templates, CLIENT_OF } = require('./messaging');

const upperSnake = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** Relative import specifier from one workspace path to another, without extension (CommonJS resolution). */
function specifier(fromPath, toPath) {
  const rel = path.posix.relative(path.posix.dirname(fromPath), toPath.replace(/\.ts$/, ''));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Distinct block names within one module: `<stem><Word>`, then `<stem><Word>2`, … once the words run out. */
function blockNamer(random, stem) {
  let pool = [];
  let round = 1;
  return () => {
    if (pool.length === 0) {
      pool = random.sample(SECTION_WORDS, SECTION_WORDS.length);
      round += 1;
    }
    return `${stem}${pool.pop()}${round > 2 ? round - 1 : ''}`;
  };
}

/**
 * spec: { path, header, base, stem, imports: [{ base, path }], messaging: [template name], domainDestinations,
 *         targetLines, interleave (spread messaging blocks among ordinary ones) }
 */
function buildModule(random, spec) {
  const nextName = blockNamer(random, spec.stem);
  const ctxFor = () => {
    const S = nextName();
    return { random, S, s: lowerFirst(S), X: S, x: lowerFirst(S), upper: upperSnake(S), base: spec.base, d: spec.destinations };
  };

  const clientNames = new Map();
  const packageNames = new Map();
  const messagingBlocks = spec.messaging.map((name) => {
    const block = templates[name](ctxFor());
    for (const use of block.uses) {
      const from = CLIENT_OF[use];
      if (!clientNames.has(from)) clientNames.set(from, new Set());
      clientNames.get(from).add(use);
    }
    for (const [pkg, names] of Object.entries(block.packages ?? {})) {
      if (!packageNames.has(pkg)) packageNames.set(pkg, new Set());
      for (const n of names) packageNames.get(pkg).add(n);
    }
    return block.lines;
  });

  const imports = [];
  for (const [pkg, names] of packageNames) {
    const list = [...names];
    const def = list.find((n) => n.startsWith('default:'));
    const named = list.filter((n) => !n.startsWith('default:'));
    const parts = [def ? def.slice('default:'.length) : '', named.length ? `{ ${named.join(', ')} }` : ''].filter(Boolean);
    imports.push(`import ${parts.join(', ')} from '${pkg}';`);
  }
  for (const [from, names] of clientNames) imports.push(`import { ${[...names].sort().join(', ')} } from '${specifier(spec.path, from)}';`);
  for (const imp of spec.imports) imports.push(`import { create${imp.base}Record, describe${imp.base} } from '${specifier(spec.path, imp.path)}';`);

  const out = [`// ${spec.header}`, ...imports, '', ...recordBlock(random, spec.base)];
  const push = (lines) => out.push('', ...lines);
  const links = linkBlock(spec.base, spec.imports.map((i) => i.base));
  if (links.length) push(links);
  const ordinary = () => push(sections[random.pick(sectionNames)](ctxFor()));
  if (spec.interleave) {
    // Spread the messaging blocks over the whole budget, as in a large module grown over time.
    const every = Math.max(1, Math.floor(spec.targetLines / Math.max(1, messagingBlocks.length) / 15));
    let i = 0;
    while (out.length < spec.targetLines) {
      if (i % every === 0 && messagingBlocks.length) push(messagingBlocks.shift());
      else ordinary();
      i += 1;
    }
    for (const rest of messagingBlocks) push(rest);
  } else {
    for (const block of messagingBlocks) push(block);
    while (out.length < spec.targetLines) ordinary();
  }
  if (spec.extra) push(spec.extra);
  return `${out.join('\n')}\n`;
}

module.exports = { buildModule, specifier };
