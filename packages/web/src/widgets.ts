import { h, type Child } from './dom.js';
import { timestampsReadable } from './format.js';

/** A key figure: label, the formatted number (its raw value in data-value for tests), unit and period. */
export function figure(metric: string, label: string, raw: number | null, text: string, unit: string): HTMLElement {
  return h(
    'div',
    { class: 'card', 'data-metric': metric, 'data-value': String(raw) },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, text),
    h('div', { class: 'unit' }, unit),
  );
}

/** A key figure that is not computed yet: says so and why, shows no number. */
export function pendingFigure(metric: string, label: string, reason: string): HTMLElement {
  return h(
    'div',
    { class: 'card pending', 'data-metric': metric, 'data-status': 'not_computed' },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, 'not computed yet'),
    h('div', { class: 'unit' }, reason),
  );
}

/** The honest placeholder for a report whose core is not there yet. */
export function notComputed(reason: string): HTMLElement {
  return h('div', { class: 'notice', 'data-status': 'not_computed' }, h('strong', {}, 'Not computed yet. '), reason);
}

export function pageHeader(title: string, ...sub: Child[]): DocumentFragment {
  const f = document.createDocumentFragment();
  f.append(h('h1', {}, title), h('p', { class: 'sub' }, ...sub.map((x) => (typeof x === 'string' ? timestampsReadable(x) : x))));
  return f;
}

/** A row of buttons choosing one of `options` (value → label); the chosen one has aria-pressed. */
export function toggle(name: string, options: Record<string, string>, current: string, onChange: (v: string) => void): HTMLElement {
  const el = h('div', { class: 'toggle', role: 'group', 'data-toggle': name });
  for (const [value, label] of Object.entries(options)) {
    el.append(
      h(
        'button',
        { type: 'button', 'data-value': value, 'aria-pressed': String(value === current), onclick: () => onChange(value) },
        label,
      ),
    );
  }
  return el;
}

/** A labelled select (value → label). */
export function select(
  name: string,
  label: string,
  options: Record<string, string>,
  current: string,
  onChange: (v: string) => void,
): HTMLElement {
  const s = h(
    'select',
    { 'data-select': name, 'aria-label': label, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    ...Object.entries(options).map(([v, l]) => h('option', { value: v, selected: v === current }, l)),
  );
  return h('label', { class: 'pick' }, `${label} `, s);
}

/** "as of …; computed at …" under a section. */
export const computedMeta = (...parts: string[]): HTMLElement => h('div', { class: 'meta' }, timestampsReadable(parts.join('; ')));
