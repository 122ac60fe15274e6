import { api, downloadCsv } from '../api.js';
import { clear, h } from '../dom.js';
import { int, num } from '../format.js';
import { hashParams, pushHashParams } from '../table-state.js';
import { reportTable } from '../table.js';
import { computedMeta, notComputed, pageHeader, select } from '../widgets.js';
import type { ApiLookalikes, ApiReportTable } from '@cvm/core/api';

/** Look-alike prospects: whether the ranking can be trusted (the held-out validation verdict) first, then the ranked prospects with their reasons, exportable as CSV. */
export async function prospectsPage(root: HTMLElement): Promise<void> {
  const saved = Number(hashParams().get('limit'));
  const state = { limit: [25, 100, 500].includes(saved) ? saved : 100 };
  root.append(
    pageHeader(
      'Prospects',
      "Prospects ranked by how much they look like your most valuable customers (top 20% by predicted CLV), learnt from the customers' attributes and checked on customers held out of the fit.",
    ),
  );
  const controls = h('div', { class: 'toolbar', 'data-role': 'controls' });
  const body = h('div', { 'data-role': 'prospects' });
  root.append(controls, body);
  const reload = async (): Promise<void> => {
    pushHashParams(new URLSearchParams({ limit: String(state.limit) }), true);
    clear(body);
    const r = await api<ApiLookalikes>(`/api/prospects/lookalikes?limit=${state.limit}`);
    clear(controls);
    if (r.status === 'not_computed') {
      body.append(notComputed(`${r.reason} (start the server with --customers FILE --prospects FILE; npm start does)`));
      return;
    }
    const v = r.validation;
    const tables: Record<string, ApiReportTable> = Object.fromEntries(r.section.tables.map((t) => [t.id, t]));
    controls.append(
      select('limit', 'Show', { 25: 'the best 25', 100: 'the best 100', 500: 'the best 500' }, String(state.limit), (x) => {
        state.limit = Number(x);
        // a choice by the user is a new history entry, so Back returns to the previous view
        pushHashParams(new URLSearchParams({ limit: String(state.limit) }));
        void reload();
      }),
      h(
        'button',
        {
          type: 'button',
          'data-csv': 'prospects',
          onclick: () => void downloadCsv('/api/prospects/lookalikes?format=csv', 'lookalike-prospects.csv'),
        },
        `Download all ${int(r.prospectCount)} as CSV`,
      ),
    );
    body.append(
      h(
        'div',
        {
          class: v.signal ? 'verdict' : 'verdict no-signal',
          'data-role': 'verdict',
          'data-signal': String(v.signal),
          'data-auc': v.model.auc.auc === null ? '' : String(v.model.auc.auc),
        },
        h('strong', {}, v.signal ? 'The ranking beats chance on held-out customers. ' : 'Do not rely on this ranking. '),
        v.verdict,
      ),
    );
    for (const w of r.section.warnings) body.append(h('p', { class: 'notice', 'data-role': 'warning' }, w));
    body.append(h('h2', {}, 'How well it ranks held-out customers'), reportTable(tables['lookalikes.validation']!));
    body.append(
      h('h2', {}, `The best ${int(Math.min(state.limit, r.prospectCount))} of ${int(r.prospectCount)} prospects`),
      reportTable(tables['lookalikes.prospects']!, { tall: true }),
    );
    body.append(h('h2', {}, 'What drives the score'), reportTable(tables['lookalikes.effects']!, { tall: true }));
    body.append(
      h('h2', {}, 'Calibration: predicted against observed on held-out customers'),
      reportTable(tables['lookalikes.calibration']!),
    );
    if (r.unseen.length) body.append(h('h2', {}, 'Prospect values never seen among customers'), reportTable(tables['lookalikes.unseen']!));
    body.append(
      h('details', {}, h('summary', {}, 'How this is computed'), ...r.section.lines.slice(1).map((l) => h('p', { class: 'rule' }, l))),
    );
    body.append(
      computedMeta(
        `as of ${r.asOf}`,
        `computed at ${r.computedAt}`,
        `target ${r.target.rule} (CLV ≥ ${num(r.target.threshold)}, ${r.target.clvUnits})`,
      ),
    );
  };
  await reload();
}
