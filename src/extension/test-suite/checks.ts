// The checks of the in-host suite: diagnostics, a quick fix, a hover, the comparison command, Explain Rule.
import * as vscode from 'vscode';
import { serverSettings } from '../client';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SuiteResult {
  done: true;
  vscodeVersion: string;
  checks: Check[];
  /** Rule ids per workspace-relative file, as VS Code holds them. */
  diagnostics: Record<string, string[]>;
}

/** Files of examples/ and a rule each must show (see examples/README.md). */
export const EXPECTED: ReadonlyArray<[string, string]> = [
  ['src/audit.ts', 'redis/unbounded-stream'],
  ['src/consumers.ts', 'kafka/unawaited-processing'],
  ['src/order-service.ts', 'redis/pubsub-critical-data'],
  ['src/workers/fulfillment-worker.ts', 'redis/exact-stream-trim'],
  ['src/workers/email-worker.ts', 'redis/list-queue-without-ack'],
];
/** Files that must stay quiet. */
export const QUIET = ['src/cache.ts', 'src/presence.ts'];

// Generous: the first lint builds a TypeScript program; slow CI machines must not fail on time alone.
const WAIT_MS = Number(process.env.STREAMWISE_IN_HOST_WAIT_MS ?? 180_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, ms = WAIT_MS): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) return undefined;
    await sleep(250);
  }
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? ''));
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'streamwise');
const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');

export async function checkAll(log: (line: string) => void): Promise<SuiteResult> {
  const result: SuiteResult = { done: true, vscodeVersion: vscode.version, checks: [], diagnostics: {} };
  const check = (name: string, ok: boolean, detail: string) => {
    result.checks.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    check('workspace', false, 'no folder is open');
    return result;
  }
  const uriOf = (rel: string) => vscode.Uri.joinPath(folder.uri, rel);
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'streamwise');
  // The suite may start from inside activate(); isActive turns true once activate returned.
  await until(() => (ext?.isActive ? true : undefined), 30_000);
  check('extension active', Boolean(ext?.isActive), `${ext?.id ?? 'not installed'} on VS Code ${vscode.version}`);

  // Open the files so diagnostics do not depend on the workspace scan having finished.
  for (const [rel] of EXPECTED) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(rel)), { preview: false });
  for (const rel of QUIET) await vscode.workspace.openTextDocument(uriOf(rel));

  let patience = WAIT_MS;
  for (const [rel, rule] of EXPECTED) {
    const found = await until(() => (ours(uriOf(rel)).some((d) => codeOf(d) === rule) ? true : undefined), patience);
    // Once one file timed out the server is not answering; once one file has findings the others follow quickly.
    patience = found ? 60_000 : 5_000;
    const codes = ours(uriOf(rel)).map(codeOf);
    result.diagnostics[rel] = codes;
    check(`diagnostics ${rel}`, Boolean(found), `expected ${rule}, got [${codes.join(', ')}]`);
  }
  for (const rel of QUIET) {
    const codes = ours(uriOf(rel)).map(codeOf);
    result.diagnostics[rel] = codes;
    check(`quiet ${rel}`, codes.length === 0, `got [${codes.join(', ')}]`);
  }
  const audit = ours(uriOf('src/audit.ts')).find((d) => codeOf(d) === 'redis/unbounded-stream');
  const target = audit && typeof audit.code === 'object' ? String(audit.code.target) : '';
  check('diagnostic code links to the rule doc', /unbounded-stream/.test(target), target || 'no code target');

  await checkQuickFix(check);
  await checkHover(uriOf('src/audit.ts'), check);
  await checkHover(uriOf('src/workers/fulfillment-worker.ts'), check);

  try {
    const summary = await vscode.commands.executeCommand<{ destinations: string[] }>('streamwise.openComparison');
    const want = ['stream:orders:stream', 'topic:shop.orders', 'channel:orders:created', 'list:queue:emails'];
    const missing = want.filter((w) => !summary?.destinations.includes(w));
    check('comparison view lists the destinations', missing.length === 0, missing.length ? `missing ${missing.join(', ')} in [${summary?.destinations.join(', ')}]` : `${summary!.destinations.length} destinations`);
  } catch (error) {
    check('comparison view lists the destinations', false, String(error));
  }

  try {
    await vscode.commands.executeCommand('streamwise.lintWorkspace');
    check('Lint Workspace runs', true, 'command resolved');
  } catch (error) {
    check('Lint Workspace runs', false, String(error));
  }

  try {
    const doc = await vscode.commands.executeCommand<string>('streamwise.explainRule', 'kafka/weak-acks');
    check('Explain Rule opens the rule doc', typeof doc === 'string' && doc.endsWith('weak-acks.md'), String(doc));
  } catch (error) {
    check('Explain Rule opens the rule doc', false, String(error));
  }
  // Last: it changes a workspace setting, which makes the server lint again.
  await checkRestrictedSettings(check);
  return result;
}

/** Restricted Mode: a value set by the workspace (as a cloned repository's .vscode/settings.json would) never reaches an untrusted server. */
async function checkRestrictedSettings(check: (name: string, ok: boolean, detail: string) => void): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('streamwise');
  const planted = ['planted-by-workspace'];
  try {
    await config().update('criticalVocabulary', planted, vscode.ConfigurationTarget.Workspace);
    const trusted = serverSettings(true);
    const restricted = serverSettings(false);
    const ok = JSON.stringify(trusted.criticalVocabulary) === JSON.stringify(planted) && restricted.criticalVocabulary === undefined && restricted.trusted === false;
    check('restricted mode drops workspace settings', ok, `trusted: ${JSON.stringify(trusted)}; restricted: ${JSON.stringify(restricted)}`);
  } catch (error) {
    check('restricted mode drops workspace settings', false, String(error));
  } finally {
    await config().update('criticalVocabulary', undefined, vscode.ConfigurationTarget.Workspace);
  }
}

async function checkQuickFix(check: (name: string, ok: boolean, detail: string) => void): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0];
  const uri = vscode.Uri.joinPath(folder.uri, 'src/workers/fulfillment-worker.ts');
  const diagnostic = ours(uri).find((d) => codeOf(d) === 'redis/exact-stream-trim');
  if (!diagnostic) return check('quick fix changes the file', false, 'no redis/exact-stream-trim diagnostic');
  const document = await vscode.workspace.openTextDocument(uri);
  const before = document.lineAt(diagnostic.range.start.line).text;
  // VS Code cancels a code-action request when the set of code-action providers changes while it runs (another
  // extension, such as the built-in TypeScript one, activating), answering [] or throwing Canceled. Such an answer is
  // asked again and recorded in the check's detail.
  const empties: string[] = [];
  let actions: vscode.CodeAction[] = [];
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 10)) ?? [];
    } catch (error) {
      if (!/Canceled/.test(String(error))) throw error;
      actions = [];
    }
    if (actions.length > 0) break;
    empties.push(`attempt ${attempt}: no actions (version ${document.version}, dirty ${document.isDirty}, diagnostics [${ours(uri).map(codeOf).join(', ')}])`);
    await sleep(2_000);
  }
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => a.title === 'Fix: redis/exact-stream-trim') ?? actions.find((a) => a.edit && a.isPreferred);
  if (!fix?.edit) return check('quick fix changes the file', false, `no fix with an edit among [${titles.join(' | ')}]; found ${JSON.stringify(fix)}; ${empties.join('; ')}`);
  const applied = await vscode.workspace.applyEdit(fix.edit);
  const after = document.lineAt(diagnostic.range.start.line).text;
  // Saved so the workbench has no dirty editor (a later "close all" would otherwise ask to save).
  await document.save();
  check('quick fix changes the file', applied && after !== before && after.includes("'~'"), `"${fix.title}": ${before.trim()} → ${after.trim()}${empties.length ? `; ${empties.join('; ')}` : ''}`);
  const gone = await until(() => (ours(uri).some((d) => codeOf(d) === 'redis/exact-stream-trim') ? undefined : true), 60_000);
  check('fixed finding disappears while typing', Boolean(gone), `now [${ours(uri).map(codeOf).join(', ')}]`);
  const disable = titles.some((t) => /disable redis\/exact-stream-trim/i.test(t));
  check('code actions offer Disable for this line', disable, titles.join(' | '));
}

async function checkHover(uri: vscode.Uri, check: (name: string, ok: boolean, detail: string) => void): Promise<void> {
  const diagnostic = ours(uri)[0];
  const name = `hover on ${vscode.workspace.asRelativePath(uri)}`;
  if (!diagnostic) return check(name, false, 'no diagnostic to hover');
  const rule = codeOf(diagnostic);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, diagnostic.range.start)) ?? [];
  const text = hoverText(hovers);
  check(name, text.includes(rule) && text.length > 80, `${rule}: ${text.slice(0, 160).replace(/\s+/g, ' ')}`);
}
