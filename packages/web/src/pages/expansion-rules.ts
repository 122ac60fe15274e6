import type { RuleSortKey } from '@cvm/core';
import type { ApiRulesPage } from '@cvm/core/api';
import { api, downloadCsv } from '../api.js';
import { h } from '../dom.js';
import { tableBox } from '../table.js';
import { ruleNetwork } from './expansion-network.js';
import { hashParams, pushHashParams } from '../table-state.js';

const SORTABLE: readonly RuleSortKey[] = ['baskets', 'support', 'confidence', 'lift', 'leverage', 'conviction'];
const PAGE_SIZE = 25;

interface RulesState {
  item: string;
  side: 'any' | 'antecedent' | 'consequent';
  /** Thresholds as typed: support and confidence in percent, lift as a multiple. */
  minSupport: string;
  minConfidence: string;
  minLift: string;
  sort: RuleSortKey;
  dir: 'asc' | 'desc';
  page: number;
}

const percentText = (share: number): string => String(Number((100 * share).toPrecision(6)));

/** The explorer's state in the URL (`#/expansion?rules.item=…&rules.sort=confidence&rules.page=2`), so a view can be shared and Back works (issue 20). */
const URL_KEYS = ['item', 'side', 'minSupport', 'minConfidence', 'minLift', 'sort', 'dir', 'page'] as const;
function rulesStateFromUrl(p: URLSearchParams): Partial<RulesState> | null {
  if (!URL_KEYS.some((k) => p.has(`rules.${k}`))) return null;
  const out: Partial<RulesState> = {};
  const get = (k: string): string | null => p.get(`rules.${k}`);
  if (get('item') !== null) out.item = get('item')!;
  const side = get('side');
  if (side === 'any' || side === 'antecedent' || side === 'consequent') out.side = side;
  for (const k of ['minSupport', 'minConfidence', 'minLift'] as const) if (get(k) !== null) out[k] = get(k)!;
  const sort = get('sort') as RuleSortKey | null;
  if (sort && SORTABLE.includes(sort)) out.sort = sort;
  const dir = get('dir');
  if (dir === 'asc' || dir === 'desc') out.dir = dir;
  const page = Number(get('page'));
  if (Number.isInteger(page) && page >= 1) out.page = page;
  return out;
}
function rulesStateToUrl(s: RulesState): URLSearchParams {
  const p = hashParams();
  for (const k of URL_KEYS) p.delete(`rules.${k}`);
  for (const k of URL_KEYS) p.set(`rules.${k}`, String(s[k]));
  return p;
}

/** The API query of a state (thresholds back to shares). */
function rulesQuery(
  s: RulesState,
  page: { sort: RuleSortKey; dir: 'asc' | 'desc'; page: number; pageSize: number },
  format?: 'csv',
): string {
  const p = new URLSearchParams();
  if (s.item.trim()) p.set('item', s.item.trim());
  if (s.side !== 'any') p.set('side', s.side);
  if (s.minSupport.trim()) p.set('minSupport', String(Number(s.minSupport) / 100));
  if (s.minConfidence.trim()) p.set('minConfidence', String(Number(s.minConfidence) / 100));
  if (s.minLift.trim()) p.set('minLift', s.minLift.trim());
  p.set('sort', page.sort);
  p.set('dir', page.dir);
  p.set('page', String(page.page));
  p.set('pageSize', String(page.pageSize));
  if (format) p.set('format', format);
  return `/api/expansion/rules?${p}`;
}

const field = (label: string, input: HTMLElement, hint?: string): HTMLElement =>
  h('label', { class: 'field' }, h('span', {}, label, hint ? h('span', { class: 'unit' }, ` ${hint}`) : null), input);

/**
 * The rule explorer: thresholds, an item filter (with the rules' items to pick from) and the side
 * it must be on, the rules table sorted by any measure (server-side) and paged, a CSV download of
 * the selection, and the network of the strongest rules under the same filter. Drawn into `slot`
 * (which must be in the document).
 */
export async function rulesExplorer(slot: HTMLElement, first: ApiRulesPage): Promise<void> {
  const s: RulesState = {
    item: '',
    side: 'any',
    minSupport: percentText(first.thresholds.minSupport),
    minConfidence: percentText(first.thresholds.minConfidence),
    minLift: first.thresholds.minLift > 0 ? String(first.thresholds.minLift) : '',
    sort: 'lift',
    dir: 'desc',
    page: 1,
  };
  const items = h('datalist', { id: 'rule-items' });
  const input = (value: string, attrs: Record<string, string>) => h('input', { value, ...attrs }) as HTMLInputElement;
  const item = input('', { type: 'search', list: 'rule-items', 'data-input': 'item', placeholder: 'any item', autocomplete: 'off' });
  const side = h(
    'select',
    { 'data-input': 'side' },
    h('option', { value: 'any' }, 'either side'),
    h('option', { value: 'antecedent' }, 'in the basket (left)'),
    h('option', { value: 'consequent' }, 'also bought (right)'),
  ) as HTMLSelectElement;
  const support = input(s.minSupport, {
    type: 'number',
    min: '0.001',
    max: '100',
    step: 'any',
    inputmode: 'decimal',
    'data-input': 'minSupport',
  });
  const confidence = input(s.minConfidence, {
    type: 'number',
    min: '0',
    max: '100',
    step: 'any',
    inputmode: 'decimal',
    'data-input': 'minConfidence',
  });
  const lift = input(s.minLift, {
    type: 'number',
    min: '0',
    step: 'any',
    inputmode: 'decimal',
    'data-input': 'minLift',
    placeholder: 'none',
  });
  const status = h('p', { class: 'meta', 'aria-live': 'polite', 'data-role': 'rules-status' });
  const notes = h('div', { class: 'rule', 'data-role': 'rules-notes' });
  const error = h('div', { 'data-role': 'rules-error' });
  const tableSlot = h('div', { 'data-role': 'rules-table' });
  const networkSlot = h('div', {});
  const prev = h(
    'button',
    {
      type: 'button',
      'data-role': 'rules-prev',
      onclick: () => {
        s.page--;
        void load(false);
      },
    },
    '‹ Previous',
  ) as HTMLButtonElement;
  const next = h(
    'button',
    {
      type: 'button',
      'data-role': 'rules-next',
      onclick: () => {
        s.page++;
        void load(false);
      },
    },
    'Next ›',
  ) as HTMLButtonElement;
  const form = h(
    'form',
    {
      class: 'toolbar filters',
      'data-role': 'rules-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        Object.assign(s, {
          item: item.value,
          side: side.value as RulesState['side'],
          minSupport: support.value,
          minConfidence: confidence.value,
          minLift: lift.value,
          page: 1,
        });
        void load(true);
      },
    },
    field('Item', item),
    field('Where', side),
    field('Min support', support, '% of baskets'),
    field('Min confidence', confidence, '%'),
    field('Min lift', lift, '×'),
    h('button', { type: 'submit', class: 'primary', 'data-role': 'rules-apply' }, 'Show rules'),
  );
  const csv = h(
    'button',
    {
      type: 'button',
      'data-csv': 'rules',
      onclick: () => void downloadCsv(rulesQuery(s, { sort: s.sort, dir: s.dir, page: 1, pageSize: 50 }, 'csv'), 'rules.csv'),
    },
    'Download CSV (all selected rules)',
  );
  const section = h(
    'section',
    { 'data-role': 'rules', 'data-status': 'ok', 'aria-labelledby': 'rules-h' },
    h('h2', { id: 'rules-h' }, 'Cross-sell rules: what is bought together'),
    form,
    status,
    notes,
    error,
    tableSlot,
    h('div', { class: 'toolbar' }, prev, next, csv),
    h('h3', {}, 'The strongest rules as a network'),
    networkSlot,
    items,
  );

  const render = (p: ApiRulesPage, refocus: string | null): void => {
    s.page = p.page;
    items.replaceChildren(...p.ruleItems.map((x) => h('option', { value: x })));
    const by = p.columns.find((c) => c.key === p.sort)?.label.toLowerCase() ?? p.sort;
    status.textContent = `${p.total.toLocaleString('en-US')} rule${p.total === 1 ? '' : 's'}${p.item ? ` mentioning ${p.item}` : ''} · sorted by ${by}, ${p.dir === 'desc' ? 'highest' : 'lowest'} first · page ${p.page} of ${p.pages}`;
    status.setAttribute('data-total', String(p.total));
    notes.replaceChildren(...[...p.notes, ...p.warnings].map((n) => h('p', {}, n)));
    tableSlot.replaceChildren(
      p.total === 0
        ? h(
            'p',
            { class: 'notice', 'data-role': 'no-rules' },
            `No rule reaches these thresholds in ${p.baskets.toLocaleString('en-US')} baskets: lower the minimum support or confidence.`,
          )
        : tableBox(p.columns, p.rows, {
            name: 'rules',
            currency: p.currency,
            caption: `Association rules, sorted by ${by}`,
            sort: {
              key: p.sort,
              dir: p.dir,
              keys: SORTABLE,
              onSort: (key) => {
                s.dir = s.sort === key && s.dir === 'desc' ? 'asc' : 'desc';
                s.sort = key as RuleSortKey;
                s.page = 1;
                void load(false, key);
              },
            },
          }),
    );
    prev.disabled = p.page <= 1;
    next.disabled = p.page >= p.pages;
    if (refocus) (tableSlot.querySelector(`button[data-sort="${refocus}"]`) as HTMLButtonElement | null)?.focus();
  };
  const load = async (withNetwork: boolean, refocus: string | null = null, record = true): Promise<void> => {
    if (record) pushHashParams(rulesStateToUrl(s));
    error.replaceChildren();
    section.setAttribute('data-status', 'loading');
    try {
      const p = await api<ApiRulesPage>(rulesQuery(s, { sort: s.sort, dir: s.dir, page: s.page, pageSize: PAGE_SIZE }));
      render(p, refocus);
      if (withNetwork)
        networkSlot.replaceChildren(
          ruleNetwork(await api<ApiRulesPage>(rulesQuery(s, { sort: 'lift', dir: 'desc', page: 1, pageSize: innerWidth < 600 ? 12 : 20 }))),
        );
      section.setAttribute('data-status', 'ok');
    } catch (e) {
      error.replaceChildren(h('div', { class: 'error', role: 'alert' }, (e as Error).message));
      section.setAttribute('data-status', 'error');
    }
  };
  // a shared address (or Back) restores the explorer's thresholds, item, sort and page
  const saved = rulesStateFromUrl(hashParams());
  if (saved) {
    Object.assign(s, saved);
    item.value = s.item;
    side.value = s.side;
    support.value = s.minSupport;
    confidence.value = s.minConfidence;
    lift.value = s.minLift;
    slot.replaceChildren(section);
    await load(true, null, false);
    return;
  }
  render(first, null);
  // in the document before the chart is drawn (ECharts measures its element)
  slot.replaceChildren(section);
  try {
    networkSlot.replaceChildren(
      ruleNetwork(await api<ApiRulesPage>(rulesQuery(s, { sort: 'lift', dir: 'desc', page: 1, pageSize: innerWidth < 600 ? 12 : 20 }))),
    );
  } catch (e) {
    networkSlot.replaceChildren(h('div', { class: 'error' }, (e as Error).message));
  }
}
