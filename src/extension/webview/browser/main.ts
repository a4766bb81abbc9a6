// Entry of the comparison webview script (bundled to dist/webview/comparison.js): talks to the extension and renders the three sections.
import type { Comparison } from '../../../core/comparison';
import type { DecisionAnswers } from '../../../core/decision';
import type { MessagingMap } from '../../../core/messaging-map';
import { isExtensionMessage, sanitizeState, type WebviewMessage, type WebviewState } from '../../messages';
import { renderComparison } from './comparison-view';
import { renderDecision } from './decision-view';
import { clear, el } from './dom';
import { renderMap } from './map-view';
import { collapsible } from './section';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}

declare global {
  // Provided by VS Code inside a webview (and by a mock in the browser test); may be called only once.
  function acquireVsCodeApi(): VsCodeApi;
}

function connect(): VsCodeApi {
  if (typeof acquireVsCodeApi === 'function') return acquireVsCodeApi();
  // Opened as a plain page: keep state for this tab only, and nowhere to send messages.
  let memory: unknown;
  return { postMessage: () => undefined, getState: () => memory, setState: (s) => void (memory = s) };
}

const vscode = connect();
const saved = vscode.getState();
let state: WebviewState = sanitizeState(saved);
let comparison: Comparison | undefined;
let map: MessagingMap = { destinations: [] };
const app = document.getElementById('app') ?? document.body;
let mapBody: HTMLElement | undefined;

function save(): void {
  vscode.setState(state);
  vscode.postMessage({ type: 'saveState', state });
}

function onToggle(key: string, collapsed: boolean): void {
  const rest = state.collapsed.filter((k) => k !== key);
  state = { ...state, collapsed: collapsed ? [...rest, key] : rest };
  save();
}

const isCollapsed = (key: string) => state.collapsed.includes(key);
const open = (file: string, line: number, column: number) => vscode.postMessage({ type: 'open', file, line, column });

function mapContent(): HTMLElement[] {
  return renderMap(map, { open, isCollapsed, onToggle });
}

function render(): void {
  if (!comparison) return;
  clear(app);
  mapBody = el('div', { class: 'map' }, ...mapContent());
  const section = (key: string, title: string, ...body: HTMLElement[]) => collapsible({ key, title, level: 'h2', collapsed: isCollapsed(key), onToggle }, ...body);
  app.appendChild(el('h1', {}, comparison.title));
  app.appendChild(section('comparison', 'Comparison', ...renderComparison(comparison)));
  app.appendChild(
    section(
      'decision',
      'Which one fits?',
      ...renderDecision(state.answers, (answers: DecisionAnswers) => {
        state = { ...state, answers };
        save();
      }),
    ),
  );
  app.appendChild(section('map', 'Messaging map of this workspace', mapBody));
  app.setAttribute('aria-busy', 'false');
}

/** Re-renders the map only, keeping keyboard focus on the same control when it still exists. */
function renderMapOnly(): void {
  if (!mapBody) return render();
  const active = document.activeElement;
  const focusKey = active instanceof HTMLElement && mapBody.contains(active) ? (active.getAttribute('data-key') ?? active.getAttribute('aria-label')) : null;
  clear(mapBody);
  for (const node of mapContent()) mapBody.appendChild(node);
  if (focusKey === null) return;
  for (const candidate of mapBody.querySelectorAll('button')) {
    if (candidate.getAttribute('data-key') === focusKey || candidate.getAttribute('aria-label') === focusKey) return void candidate.focus();
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message: unknown = event.data;
  if (!isExtensionMessage(message)) return;
  if (message.type === 'init') {
    comparison = message.comparison;
    map = message.map;
    // The webview's own saved state wins: it is the latest; the extension's copy covers a fresh webview.
    if (saved === undefined && message.state) state = sanitizeState(message.state);
    render();
  } else {
    map = message.map;
    renderMapOnly();
  }
});

vscode.postMessage({ type: 'ready' });
