import { api, fetchSettings } from '../api.js';
import { h } from '../dom.js';
import { formatValue } from '@cvm/core/report';
import { money, num, pct, cur, loadCurrency } from '../format.js';
import { figure, notComputed, pageHeader } from '../widgets.js';
import { appendTracking } from './models-tracking.js';
import type { ApiModels } from '@cvm/core/api';

/** The doubts about the fits behind the numbers, in plain words (the models report's `warnings`), as one visible block. */
export function fitDoubts(warnings: string[], id: string): HTMLElement | null {
  return warnings.length
    ? h(
        'div',
        { class: 'notice', id, 'data-role': 'fit-doubts' },
        h('strong', {}, 'Read with care: '),
        h('ul', {}, ...warnings.map((w) => h('li', {}, w))),
      )
    : null;
}

export async function modelsPage(root: HTMLElement): Promise<void> {
  await loadCurrency(fetchSettings);
  const answer = await api<ApiModels>('/api/models');
  if (answer.status === 'not_computed') {
    root.append(pageHeader('Model fit', 'The CLV models did not run on this log.'), notComputed(answer.reason));
    return;
  }
  const m = answer.models;
  const comparison = answer.comparison;
  const v = m.validation;
  root.append(
    pageHeader(
      'Model fit',
      v
        ? `Fitted on purchases up to ${v.calibrationEnd}, checked against the holdout to ${v.holdoutEnd} (${v.holdoutPeriods} ${v.period}s, ${v.customers.toLocaleString('en-US')} customers); computed at ${v.computedAt}.`
        : 'Holdout validation was skipped.',
    ),
  );
  if (m.fallback) {
    root.append(
      h('div', { class: 'notice', id: 'no-forecast', 'data-role': 'fallback' }, h('strong', {}, 'No CLV forecast: '), m.fallback.reason),
    );
  } else {
    root.append(
      h(
        'div',
        { class: 'cards' },
        figure(
          'totalClv',
          'Total predicted CLV',
          m.totalClv,
          money(m.totalClv!),
          `${cur()}, ${m.units!.horizon}, ${m.units!.discount}, ${m.units!.margin}`,
        ),
        h(
          'div',
          { class: 'card' },
          h('div', { class: 'label' }, 'Scoring model'),
          h('div', { class: 'value' }, m.model),
          h(
            'div',
            { class: 'unit' },
            Object.entries(m.params ?? {})
              .map(([k, x]) => `${k} ${num(x)}`)
              .join(', '),
          ),
        ),
      ),
    );
    const doubts = fitDoubts(m.warnings, 'scoring-doubts');
    if (doubts) root.append(doubts);
    for (const n of m.notes as string[]) root.append(h('p', { class: 'meta', 'data-role': 'fit-note' }, n));
  }
  if (!v) {
    root.append(notComputed(m.validationSkipped ?? 'No holdout validation.'));
    return;
  }
  root.append(
    h('p', { class: 'notice' }, h('strong', {}, 'Recommendation: '), v.comparison.recommended ?? 'none', ' — ', v.comparison.reason),
  );
  const models = v.models;
  const warnings = models.flatMap((x) => [
    ...(x.assessment.trust === 'ok' ? [] : [x.assessment.summary]),
    ...(x.fit.warnings as string[]).map((w) => `${x.label}: ${w}`),
  ]);
  if (warnings.length)
    root.append(
      h(
        'div',
        { class: 'notice', id: 'fit-warnings' },
        h('strong', {}, 'Fit warnings: '),
        h('ul', {}, ...warnings.map((w) => h('li', {}, w))),
        h(
          'p',
          { 'data-role': 'warnings-plain' },
          'What this means: the data pin some model parameters down only loosely, so read the parameter values with care. The predictions are still checked against the holdout below; trust the comparison table, and prefer the recommended model.',
        ),
      ),
    );
  appendTracking(root, answer, v);
  // headers, units and number formats come from the core's report table (the CLI prints the same)
  const cmp = comparison!; // present whenever the validation is
  root.append(
    h('h2', {}, 'Model comparison'),
    h(
      'div',
      { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Model comparison table' },
      h(
        'table',
        { 'data-table': 'comparison' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...cmp.columns.map((c) =>
              h('th', { scope: 'col', title: c.description }, c.label, c.unit ? h('span', { class: 'unit' }, c.unit) : null),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...cmp.rows.map((r) =>
            h(
              'tr',
              {},
              ...cmp.columns.map((c, j) => {
                const x = r[j] ?? null;
                return h(
                  'td',
                  { class: typeof x === 'number' ? 'num' : '', 'data-col': c.key, 'data-value': String(x) },
                  formatValue(x, c.kind),
                );
              }),
            ),
          ),
        ),
      ),
    ),
  );
  if (m.fallback) {
    root.append(
      h('h2', {}, 'Top customers by historic net revenue (past value, not a forecast)'),
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { 'data-table': 'top-historic' },
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, 'customer'), h('th', {}, 'net revenue', h('span', { class: 'unit' }, `${cur()}, to date`))),
          ),
          h(
            'tbody',
            {},
            ...m.topHistoric.map((t) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `#/customer/${encodeURIComponent(t.customerId)}` }, t.customerId)),
                h('td', { class: 'num' }, money(t.netRevenue)),
              ),
            ),
          ),
        ),
      ),
    );
    return;
  }
  root.append(
    h('h2', {}, `Top customers by predicted CLV (${m.units!.horizon})`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { 'data-table': 'top-clv' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'customer'),
            h('th', {}, 'Chance still active', h('span', { class: 'unit' }, 'P(alive) at the log end')),
            h('th', {}, 'expected purchases', h('span', { class: 'unit' }, m.units!.horizon)),
            h('th', {}, 'expected spend', h('span', { class: 'unit' }, `${cur()} per purchase`)),
            h('th', {}, 'CLV', h('span', { class: 'unit' }, `${cur()}, ${m.units!.discount}`)),
          ),
        ),
        h(
          'tbody',
          {},
          ...m.top.map((t) =>
            h(
              'tr',
              {},
              h('td', {}, h('a', { href: `#/customer/${encodeURIComponent(t.customerId)}` }, t.customerId)),
              h('td', { class: 'num' }, pct(t.pAlive)),
              h('td', { class: 'num' }, num(t.expectedPurchases)),
              h('td', { class: 'num' }, money(t.expectedSpend)),
              h('td', { class: 'num', 'data-col': 'clv', 'data-value': String(t.clv) }, money(t.clv)),
            ),
          ),
        ),
      ),
    ),
  );
}
