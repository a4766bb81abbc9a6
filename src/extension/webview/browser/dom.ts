// Tiny DOM builder for the webview: text only ever goes through textContent, attributes through a fixed allow-list.

/** Attributes the view sets; no event handlers, href or src, so workspace text can never become markup or a URL. */
type Attribute =
  | 'id'
  | 'class'
  | 'type'
  | 'name'
  | 'value'
  | 'role'
  | 'scope'
  | 'for'
  | 'title'
  | 'aria-label'
  | 'aria-expanded'
  | 'aria-controls'
  | 'aria-labelledby'
  | 'aria-describedby'
  | 'aria-live'
  | 'data-file'
  | 'data-line'
  | 'data-column'
  | 'data-key';

export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Partial<Record<Attribute, string>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(name, value);
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? text(child) : child);
  }
}

export function text(value: string): Text {
  const node = document.createTextNode('');
  node.textContent = value;
  return node;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

let counter = 0;
/** Ids for aria-controls/labelledby; never derived from workspace text. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
