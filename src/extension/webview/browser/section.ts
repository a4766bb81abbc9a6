// A collapsible section of the view: a heading with a toggle button (aria-expanded/aria-controls) over a body.
import { el, uid, type Child } from './dom';

export interface SectionOptions {
  /** The key remembered in the state when collapsed. */
  key: string;
  title: string;
  level: 'h2' | 'h3';
  collapsed: boolean;
  onToggle: (key: string, collapsed: boolean) => void;
  /** Extra text shown next to the title (counts). */
  detail?: Child;
  className?: string;
}

export function collapsible(options: SectionOptions, ...body: Child[]): HTMLElement {
  const bodyId = uid('body');
  const toggle = el(
    'button',
    { type: 'button', class: 'toggle', 'aria-expanded': String(!options.collapsed), 'aria-controls': bodyId, 'data-key': options.key },
    el('span', { class: 'chevron' }),
    el('span', { class: 'toggle-title' }, options.title),
    options.detail,
  );
  const content = el('div', { id: bodyId, class: 'section-body' }, ...body);
  content.hidden = options.collapsed;
  toggle.addEventListener('click', () => {
    const collapsed = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', String(!collapsed));
    content.hidden = collapsed;
    options.onToggle(options.key, collapsed);
  });
  return el(options.level === 'h2' ? 'section' : 'div', { class: options.className ?? 'section' }, el(options.level, {}, toggle), content);
}
