import { formatValue, type ReportTable } from '@cvm/core/report';
import { api, downloadCsv } from '../api.js';
import { h } from '../dom.js';
import { hashQuery } from '../links.js';
import { reportTable } from '../table.js';
import { computedMeta, pageHeader } from '../widgets.js';
import type { ApiPlan, ApiPlanReport, ApiPlanSaved, ApiReportSection } from '@cvm/core/api';

/** The plan's query (contact cost, retain threshold) from the URL, for the API. */
function planQuery(): URLSearchParams {
  const q = hashQuery(),
    out = new URLSearchParams();
  for (const k of ['contactCost', 'retainRisk']) {
    const v = q.get(k);
    if (v) out.set(k, v);
  }
  return out;
}

/** A step table with its `link` column folded into the first cell (the row's name links to its page). */
function linkedTable(t: ReportTable): HTMLElement {
  const li = t.columns.findIndex((c) => c.key === 'link');
  const columns = t.columns.filter((_, j) => j !== li);
  const rows = t.rows.map((r) => r.filter((_, j) => j !== li));
  const links = t.rows.map((r) => (li < 0 ? null : String(r[li] ?? '')));
  const first = columns[0]!.key;
  return reportTable(
    { ...t, columns, rows },
    { heading: 'h3', wrap: ['reason', 'audience_filter'], link: (key, _v, _row, i) => (key === first ? links[i] || null : null) },
  );
}

/** A step: its sentences, what is missing (and how to add it), its numbers (each a link to its page) and tables. */
function stepView(step: ApiPlanReport['steps'][number], section: ApiReportSection | undefined): HTMLElement {
  const figures = h(
    'ul',
    { class: 'plan-figures', 'data-role': 'figures' },
    ...step.figures.map((f) =>
      h(
        'li',
        {},
        `${f.label}: `,
        h(
          'a',
          { href: f.link, 'data-figure': f.label, 'data-value': f.value === null ? '' : String(f.value) },
          typeof f.value === 'number' ? formatValue(f.value, f.kind) : String(f.value ?? ''),
        ),
        f.unit ? h('span', { class: 'unit' }, ` (${f.unit})`) : null,
      ),
    ),
  );
  const missing = step.missing.length
    ? h(
        'div',
        { class: 'notice', 'data-role': 'missing' },
        h('strong', {}, 'Missing here'),
        h(
          'ul',
          {},
          ...step.missing.map((m) =>
            h('li', { 'data-missing': m.part }, h('strong', {}, `${m.part}: `), `${m.reason}. `, h('em', {}, `To add it: ${m.how}.`)),
          ),
        ),
      )
    : null;
  const tables = (section?.tables ?? []).filter((t: ReportTable) => !t.id.endsWith('.figures')).map(linkedTable);
  return h(
    'section',
    { 'data-step': step.id, 'aria-labelledby': `step-${step.id}` },
    h('h2', { id: `step-${step.id}`, tabindex: -1 }, step.title),
    ...step.lines.map((l: string) => h('p', {}, l)),
    step.figures.length ? figures : null,
    missing,
    ...tables,
  );
}

/**
 * The Plan page (issue 15), the dashboard's home: the customer value plan's five steps, every number
 * a link to the page it comes from, each missing part with the flag or file that adds it. The
 * contact cost and the retain threshold are in the URL (`#/plan?contactCost=0.5`). "Save this plan"
 * stores it in the workspace for the next plan's Improve step.
 */
export async function planPage(root: HTMLElement): Promise<void> {
  root.append(
    pageHeader(
      'Plan',
      'The customer value plan: what customers are worth, a goal for each segment, the campaigns to run, what past campaigns and customers say, and what changed since the last plan.',
    ),
  );
  const q = planQuery();
  const r = await api<ApiPlan>(`/api/plan${q.size ? `?${q}` : ''}`);
  const p = r.plan;
  for (const w of p.warnings) root.append(h('p', { class: 'notice', 'data-role': 'warning' }, w));
  const status = h(
    'span',
    { role: 'status', 'data-role': 'save-status' },
    p.previous ? `Compared with the plan of ${p.previous.asOf} (saved ${String(p.previous.savedAt).slice(0, 10)}).` : 'No saved plan yet.',
  );
  const cost = h('input', {
    type: 'number',
    min: '0',
    step: 'any',
    id: 'plan-contact-cost',
    value: hashQuery().get('contactCost') ?? '',
    placeholder: 'unknown',
  });
  const form = h(
    'form',
    {
      class: 'toolbar',
      'data-role': 'plan-options',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const next = hashQuery();
        const v = (cost as HTMLInputElement).value.trim();
        if (v) next.set('contactCost', v);
        else next.delete('contactCost');
        location.hash = `#/plan${next.size ? `?${next}` : ''}`;
      },
    },
    h('label', { for: 'plan-contact-cost' }, 'Cost per contact '),
    cost,
    h('button', { type: 'submit' }, 'Update'),
  );
  root.append(
    form,
    h(
      'div',
      { class: 'toolbar' },
      h(
        'button',
        {
          type: 'button',
          'data-role': 'save-plan',
          onclick: async () => {
            const s = await api<ApiPlanSaved>(`/api/plan/save${q.size ? `?${q}` : ''}`, { method: 'POST' });
            status.textContent = `Saved as the plan of ${s.saved.asOf}. The next plan compares with it.`;
          },
        },
        'Save this plan',
      ),
      h(
        'button',
        {
          type: 'button',
          'data-csv': 'plan',
          onclick: () => void downloadCsv(`/api/plan?format=csv${q.size ? `&${q}` : ''}`, 'plan-figures.csv'),
        },
        'Download every number (CSV)',
      ),
      status,
    ),
  );
  root.append(
    h(
      'nav',
      { class: 'toolbar', 'aria-label': 'Steps of the plan' },
      ...p.steps.map((s) =>
        h(
          'button',
          {
            type: 'button',
            'data-goto': s.id,
            onclick: () => {
              const el = document.getElementById(`step-${s.id}`)!;
              el.scrollIntoView();
              el.focus();
            },
          },
          s.title.split(':')[0],
        ),
      ),
    ),
  );
  const byId = new Map(r.sections.map((s) => [s.id, s]));
  for (const s of p.steps) root.append(stepView(s, byId.get(`plan.${s.id}`)));
  root.append(computedMeta(`as of ${p.asOf}`, `values: ${p.valueBasis}`, `computed at ${p.computedAt}`));
}
