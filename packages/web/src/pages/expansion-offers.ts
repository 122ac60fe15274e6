import type { ApiExpansionNotComputed, ApiOffersPage } from '@cvm/core/api';
import { api, downloadCsv } from '../api.js';
import { h } from '../dom.js';
import { int } from '../format.js';
import { tableBox } from '../table.js';
import { notComputed, select } from '../widgets.js';

const PAGE_SIZE = 10;

/** The value an offer is scored by, in words. */
export const offerValueWords = (kind: 'margin' | 'revenue', currency: string | null): string =>
  kind === 'margin'
    ? `gross margin per purchase (${currency ?? 'currency of the log'}), from the product costs`
    : 'revenue per purchase (currency of the log): no product costs were given, so this is not margin';

/**
 * The next best offers of every customer, those with the most valuable offer first (or by
 * customer id), optionally only those offered one product; paged, with the reason of each offer and
 * a CSV download of the whole list. Drawn into `slot`.
 */
export async function offersSection(slot: HTMLElement): Promise<void> {
  const s = { sort: 'score' as 'score' | 'customer', product: '', page: 1 };
  const query = (format?: 'csv'): string => {
    const p = new URLSearchParams({ sort: s.sort, page: String(s.page), pageSize: String(PAGE_SIZE) });
    if (s.product.trim()) p.set('product', s.product.trim());
    if (format) p.set('format', format);
    return `/api/expansion/offers?${p}`;
  };
  const summary = h('p', { class: 'sub', 'data-role': 'offers-summary' });
  const status = h('p', { class: 'meta', 'aria-live': 'polite', 'data-role': 'offers-status' });
  const error = h('div', {});
  const tableSlot = h('div', {});
  const notes = h('div', { class: 'rule' });
  const product = h('input', {
    type: 'search',
    placeholder: 'any product',
    'data-input': 'product',
    autocomplete: 'off',
  }) as HTMLInputElement;
  const prev = h(
    'button',
    {
      type: 'button',
      'data-role': 'offers-prev',
      onclick: () => {
        s.page--;
        void load();
      },
    },
    '‹ Previous',
  ) as HTMLButtonElement;
  const next = h(
    'button',
    {
      type: 'button',
      'data-role': 'offers-next',
      onclick: () => {
        s.page++;
        void load();
      },
    },
    'Next ›',
  ) as HTMLButtonElement;
  const section = h(
    'section',
    { 'data-role': 'offers', 'data-status': 'loading', 'aria-labelledby': 'offers-h' },
    h('h2', { id: 'offers-h' }, 'Next best offer for each customer'),
    summary,
    h(
      'form',
      {
        class: 'toolbar filters',
        onsubmit: (e: Event) => {
          e.preventDefault();
          s.product = product.value;
          s.page = 1;
          void load();
        },
      },
      select('offers-sort', 'Order', { score: 'most valuable offer first', customer: 'by customer id' }, s.sort, (v) => {
        s.sort = v as 'score' | 'customer';
        s.page = 1;
        void load();
      }),
      h('label', { class: 'field' }, h('span', {}, 'Only customers offered'), product),
      h('button', { type: 'submit', class: 'primary' }, 'Show'),
    ),
    status,
    error,
    tableSlot,
    h(
      'div',
      { class: 'toolbar' },
      prev,
      next,
      h(
        'button',
        { type: 'button', 'data-csv': 'offers', onclick: () => void downloadCsv(query('csv'), 'offers.csv') },
        'Download CSV (every customer)',
      ),
    ),
    notes,
  );
  slot.replaceChildren(section);
  const load = async (): Promise<void> => {
    section.setAttribute('data-status', 'loading');
    error.replaceChildren();
    try {
      const r = await api<ApiOffersPage | ApiExpansionNotComputed>(query());
      if (r.status === 'not_computed') {
        section.replaceChildren(h('h2', {}, 'Next best offer for each customer'), notComputed(r.reason));
        section.setAttribute('data-status', 'not_computed');
        return;
      }
      s.page = r.page;
      summary.textContent = `As of ${r.asOf}, up to ${r.k} products per customer that they have not bought, ranked by expected value = probability × ${offerValueWords(r.valueKind, r.currency)}. ${int(r.sources.rule)} offers come from a rule, ${int(r.sources.coOccurrence)} from products often bought together below the rule thresholds; ${int(r.withoutOffers)} customers get no offer.`;
      status.textContent = `${int(r.customers)} customers${r.product ? ` offered ${r.product}` : ''} · page ${r.page} of ${r.pages}`;
      status.setAttribute('data-customers', String(r.customers));
      tableSlot.replaceChildren(
        tableBox(r.table.columns, r.table.rows, {
          name: 'offers',
          currency: r.currency,
          wrap: ['reason'],
          caption: 'Next best offers, one row per offer',
          link: (key, v) => (key === 'customer_id' ? `#/customer/${encodeURIComponent(String(v))}` : null),
        }),
      );
      notes.replaceChildren(...[...r.notes, ...r.warnings].map((n) => h('p', {}, n)));
      prev.disabled = r.page <= 1;
      next.disabled = r.page >= r.pages;
      section.setAttribute('data-status', 'ok');
    } catch (e) {
      error.replaceChildren(h('div', { class: 'error', role: 'alert' }, (e as Error).message));
      section.setAttribute('data-status', 'error');
    }
  };
  await load();
}
