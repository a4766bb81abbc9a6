// Gets the workspace's messaging map: from the language server when it offers it, else from a one-off analysis in a child process.
import { fork } from 'node:child_process';
import * as vscode from 'vscode';
import type { MessagingMap } from '../core/messaging-map';
import type { StreamwiseClient } from './client';

export const MESSAGING_MAP_REQUEST = 'streamwise/messagingMap';
/** The server bundle also prints a one-off map (`--messaging-map`), so the engine ships once. */
export const MAP_WORKER_BUNDLE = 'dist/src/server/main.js';

function isMap(value: unknown): value is MessagingMap {
  return typeof value === 'object' && value !== null && Array.isArray((value as MessagingMap).destinations);
}

/** Analysis never runs on the extension host's thread: either the server answers or a child process does. */
export async function computeMessagingMap(context: vscode.ExtensionContext, client: StreamwiseClient): Promise<MessagingMap> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return { destinations: [] };
  const running = client.running;
  if (running) {
    try {
      const map = await running.sendRequest(MESSAGING_MAP_REQUEST, { uris: folders.map((f) => f.uri.toString()) });
      if (isMap(map)) return map;
    } catch {
      // Older servers do not know the request; fall through to the worker.
    }
  }
  const maps = await Promise.all(folders.filter((f) => f.uri.scheme === 'file').map((f) => runWorker(context.asAbsolutePath(MAP_WORKER_BUNDLE), f.uri.fsPath)));
  return { destinations: maps.flatMap((m) => m.destinations) };
}

function runWorker(worker: string, folder: string): Promise<MessagingMap> {
  return new Promise((resolve, reject) => {
    const args = ['--messaging-map', folder, ...(vscode.workspace.isTrusted ? [] : ['--no-config'])];
    const child = fork(worker, args, { silent: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`map worker exited with ${code}: ${err.trim().slice(-500)}`));
      try {
        const map: unknown = JSON.parse(out);
        if (isMap(map)) resolve(map);
        else reject(new Error('map worker printed no map'));
      } catch (error) {
        reject(error);
      }
    });
  });
}
