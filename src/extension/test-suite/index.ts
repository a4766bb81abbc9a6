// In-host test suite: runs inside a real VS Code (code-server here, @vscode/test-electron elsewhere) against a copy of examples/.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { checkAll, type SuiteResult } from './checks';

/** @vscode/test-electron's entry: fails the run when any check fails. */
export async function run(): Promise<void> {
  const result = await checkAll((line) => console.log(line));
  const file = process.env.STREAMWISE_IN_HOST_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(result, null, 2));
  const failed = result.checks.filter((c) => !c.ok);
  if (failed.length > 0) throw new Error(`in-host checks failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`);
}

/** The code-server entry: results go to a file the outer test reads. */
export async function runToFile(file: string, output: vscode.OutputChannel): Promise<SuiteResult> {
  let result: SuiteResult;
  try {
    result = await checkAll((line) => output.appendLine(`[in-host tests] ${line}`));
  } catch (error) {
    result = { done: true, vscodeVersion: vscode.version, checks: [{ name: 'suite', ok: false, detail: String(error instanceof Error ? error.stack : error) }], diagnostics: {} };
  }
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 2));
  fs.renameSync(`${file}.tmp`, file);
  return result;
}
