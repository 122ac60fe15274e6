import { h, type Child } from './dom.js';

/** A key figure: label, the formatted number (its raw value in data-value for tests), unit and period. */
export function figure(metric: string, label: string, raw: number, text: string, unit: string): HTMLElement {
  return h('div', { class: 'card', 'data-metric': metric, 'data-value': String(raw) },
    h('div', { class: 'label' }, label), h('div', { class: 'value' }, text), h('div', { class: 'unit' }, unit));
}

/** A key figure that is not computed yet: says so and why, shows no number. */
export function pendingFigure(metric: string, label: string, reason: string): HTMLElement {
  return h('div', { class: 'card pending', 'data-metric': metric, 'data-status': 'not_computed' },
    h('div', { class: 'label' }, label), h('div', { class: 'value' }, 'not computed yet'), h('div', { class: 'unit' }, reason));
}

/** The honest placeholder for a report whose core is not there yet. */
export function notComputed(reason: string): HTMLElement {
  return h('div', { class: 'notice', 'data-status': 'not_computed' }, h('strong', {}, 'Not computed yet. '), reason);
}

export function pageHeader(title: string, ...sub: Child[]): DocumentFragment {
  const f = document.createDocumentFragment();
  f.append(h('h1', {}, title), h('p', { class: 'sub' }, ...sub));
  return f;
}
