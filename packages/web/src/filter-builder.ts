import type { ReportColumn } from '@cvm/core/report';
import { h } from './dom.js';

const NUMERIC_OPS: [string, string][] = [
  ['gte', 'at least (≥)'],
  ['gt', 'more than (>)'],
  ['lte', 'at most (≤)'],
  ['lt', 'less than (<)'],
  ['eq', 'equal to (=)'],
  ['ne', 'not equal to (≠)'],
  ['in', 'one of'],
];
const TEXT_OPS: [string, string][] = [
  ['eq', 'is'],
  ['ne', 'is not'],
  ['contains', 'contains'],
  ['in', 'is one of'],
];
const numeric = (kind: string): boolean => kind !== 'text' && kind !== 'id' && kind !== 'date';

/** What to type as the value of a column of this kind. */
function valueHint(c: ReportColumn | undefined, op: string): string {
  if (op === 'in') return 'values separated by |';
  switch (c?.kind) {
    case 'probability':
    case 'share':
      return 'a fraction: 0.5 for 50%';
    case 'date':
      return 'a day: YYYY-MM-DD';
    case 'money':
      return 'an amount, e.g. 100';
    default:
      return numeric(c?.kind ?? 'text') ? 'a number' : 'text';
  }
}

/**
 * A filter builder beside the typed filter box: pick a column, an operator and a value, and it
 * writes the typed expression (`column:op:value`) into the box and applies it. The typed text stays
 * the only source of the filter; the builder is a way to write it.
 */
export function filterBuilder(add: (expression: string) => void): {
  element: HTMLElement;
  setColumns(columns: readonly ReportColumn[]): void;
} {
  let columns: readonly ReportColumn[] = [];
  const field = h('select', { 'data-part': 'field', 'aria-label': 'filter column' }) as HTMLSelectElement;
  const op = h('select', { 'data-part': 'op', 'aria-label': 'filter operator' }) as HTMLSelectElement;
  const value = h('input', { type: 'text', 'data-part': 'value', 'aria-label': 'filter value', size: 16 }) as HTMLInputElement;
  const message = h('span', { class: 'meta', 'data-part': 'message', role: 'status' });
  const current = (): ReportColumn | undefined => columns.find((c) => c.key === field.value);
  const setOps = (): void => {
    const c = current();
    const ops = c && numeric(c.kind) ? NUMERIC_OPS : TEXT_OPS;
    const keep = op.value;
    op.replaceChildren(...ops.map(([k, label]) => h('option', { value: k, selected: k === keep }, label)));
    value.placeholder = valueHint(c, op.value);
  };
  field.addEventListener('change', setOps);
  op.addEventListener('change', () => {
    value.placeholder = valueHint(current(), op.value);
  });
  const submit = (): void => {
    const v = value.value.trim();
    if (!field.value) return;
    if (v === '') {
      message.textContent = 'Type a value first.';
      value.focus();
      return;
    }
    message.textContent = '';
    add(`${field.value}:${op.value}:${v}`);
    value.value = '';
  };
  value.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') submit();
  });
  const element = h(
    'details',
    { class: 'filter-builder', 'data-role': 'filter-builder' },
    h('summary', {}, 'Build a filter'),
    h(
      'div',
      { class: 'toolbar' },
      field,
      op,
      value,
      h('button', { type: 'button', 'data-part': 'add', onclick: submit }, 'Add filter'),
      message,
    ),
    h(
      'p',
      { class: 'meta' },
      'Adds the filter to the box above as typed text (column:operator:value), so it can be read, edited and shared.',
    ),
  );
  return {
    element,
    setColumns(all) {
      const next = all.filter((c) => !c.perRow); // a column written per row (reasons in words) is not stored: no filter on it
      if (columns.length === next.length && columns.every((c, i) => c.key === next[i]!.key)) return;
      columns = next;
      const keep = field.value;
      field.replaceChildren(...columns.map((c) => h('option', { value: c.key, selected: c.key === keep }, c.label)));
      setOps();
    },
  };
}
