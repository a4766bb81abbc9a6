// The messages between the extension and the comparison webview: one typed module both sides import (no vscode, no DOM).
import type { Comparison } from '../core/comparison';
import { sanitizeAnswers, type DecisionAnswers } from '../core/decision';
import type { MessagingMap } from '../core/messaging-map';

/** What the view remembers across reloads (vscode getState/setState) and hands to the extension. */
export interface WebviewState {
  answers: DecisionAnswers;
  /** What the user collapsed: section ids (`comparison`, `decision`, `map`) and destination keys (see destinationKey). */
  collapsed: string[];
}

/** webview → extension */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'open'; file: string; line: number; column: number }
  | { type: 'saveState'; state: WebviewState };

/** extension → webview */
export type ExtensionMessage =
  | { type: 'init'; comparison: Comparison; map: MessagingMap; state?: WebviewState }
  | { type: 'map'; map: MessagingMap };


const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosition = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const strings = (v: unknown, max: number): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').slice(0, max) : []);

/** Reads state back from storage or a message, dropping anything malformed. */
export function sanitizeState(value: unknown): WebviewState {
  if (!isObject(value)) return { answers: {}, collapsed: [] };
  return { answers: sanitizeAnswers(value.answers), collapsed: strings(value.collapsed, 10_000) };
}

/** The extension checks every message from the webview with this before acting on it. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'open':
      return typeof value.file === 'string' && value.file.length > 0 && isPosition(value.line) && isPosition(value.column);
    case 'saveState':
      return isObject(value.state);
    default:
      return false;
  }
}

/** The webview checks every message event with this: other frames may post to it too. */
export function isExtensionMessage(value: unknown): value is ExtensionMessage {
  if (!isObject(value)) return false;
  const hasMap = isObject(value.map) && Array.isArray(value.map.destinations);
  if (value.type === 'map') return hasMap;
  if (value.type === 'init') return hasMap && isObject(value.comparison) && Array.isArray(value.comparison.rows);
  return false;
}

/** A stable key for one destination of the map, used to remember which ones are expanded. */
export function destinationKey(d: { kind: string; match: string; name: string | null }): string {
  return `dest|${d.kind}|${d.match}|${d.name === null ? '\u0000' : d.name}`;
}
