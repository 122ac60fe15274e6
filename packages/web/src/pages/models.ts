import { api, fetchSettings } from '../api.js';
import { h } from '../dom.js';
import { money, num, cur, loadCurrency } from '../format.js';
import { reportTable, tableBox } from '../table.js';
import type { Cell } from '@cvm/core/report';
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
  root.append(h('h2', {}, 'Model comparison'), tableBox(cmp.columns, cmp.rows, { name: 'comparison', caption: 'Model comparison table' }));
  // the core's declaration of the top list (`cvm report` prints it), each customer a link to the drill-down
  const link = (key: string, v: Cell) => (key === 'customer_id' && v !== null ? `#/customer/${encodeURIComponent(String(v))}` : null);
  root.append(
    h(
      'h2',
      {},
      m.fallback
        ? 'Top customers by historic net revenue (past value, not a forecast)'
        : `Top customers by predicted CLV (${m.units!.horizon})`,
    ),
    reportTable(answer.top, { name: m.fallback ? 'top-historic' : 'top-clv', currency: cur(), link }),
  );
}
