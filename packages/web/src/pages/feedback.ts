import { api, downloadCsv } from '../api.js';
import { h } from '../dom.js';
import { int, num, pct } from '../format.js';
import { reportTable } from '../table.js';
import { computedMeta, figure, notComputed, pageHeader, select } from '../widgets.js';
import type { ApiFeedback } from '@cvm/core/api';

/** A number of the report; null (nothing to compute it from: no answers, no models) shows as a dash. */
const figureText = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : num(v));

/**
 * Feedback (issue 15): NPS and CSAT with intervals, the breakdown chosen in the URL
 * (#/feedback/<dimension>), non-response, value by NPS class and the satisfaction-profit chain;
 * the core section's lines and tables, as `cvm feedback` prints them.
 */
export async function feedbackPage(root: HTMLElement, params: string[]): Promise<void> {
  root.append(pageHeader('Feedback', 'What customers say (NPS 0–10, CSAT 1–5) next to what they do and what they are worth.'));
  const r = await api<ApiFeedback>('/api/feedback');
  if (r.status !== 'ok') {
    root.append(notComputed(r.reason));
    return;
  }
  const rep = r.report,
    o = rep.overall;
  const dims: string[] = rep.breakdowns.map((b) => b.dimension);
  const dim = dims.includes(params[0] ?? '') ? params[0]! : dims[0]!;
  root.append(
    h(
      'div',
      { class: 'cards' },
      figure(
        'nps',
        'NPS',
        o.nps,
        figureText(o.nps),
        `95% CI ${figureText(o.npsLower)} to ${figureText(o.npsUpper)}; ${int(o.npsAnswers)} answers; −100 to 100`,
      ),
      figure(
        'csat',
        'CSAT',
        o.csatMean,
        figureText(o.csatMean),
        `mean of ${int(o.csatAnswers)} answers, 1 to 5; ${pct(o.satisfiedShare)} answer 4 or 5`,
      ),
      figure(
        'response-rate',
        'Response rate',
        rep.responseRate.rate,
        pct(rep.responseRate.rate),
        `${int(rep.responseRate.respondents)} of ${int(rep.responseRate.base)} customers`,
      ),
    ),
  );
  const s = r.section;
  for (const w of s.warnings) root.append(h('p', { class: 'notice', 'data-role': 'warning' }, w));
  root.append(h('div', { 'data-role': 'headline' }, ...s.lines.filter((l) => l !== '').map((l) => h('p', {}, l))));
  const byId = new Map(s.tables.map((t) => [t.id, t]));
  const labels = Object.fromEntries(rep.breakdowns.map((b) => [b.dimension, b.label]));
  const body = h('div', { 'data-role': 'breakdown' });
  root.append(
    h(
      'div',
      { class: 'toolbar' },
      select('dimension', 'NPS and CSAT by', labels, dim, (v) => {
        location.hash = `#/feedback/${v}`;
      }),
      h(
        'button',
        {
          type: 'button',
          'data-csv': 'feedback',
          onclick: () => void downloadCsv(`/api/feedback?format=csv&table=by_${dim}`, `feedback-by_${dim}.csv`),
        },
        'Download CSV',
      ),
    ),
    body,
  );
  const chosen = byId.get(`feedback.by_${dim}`);
  if (chosen) body.append(reportTable(chosen, { heading: 'h2' }));
  for (const id of ['feedback.chain', 'feedback.value_by_class', 'feedback.non_response', 'feedback.tier_mix']) {
    const t = byId.get(id);
    if (t) root.append(reportTable(t, { heading: 'h2' }));
  }
  root.append(computedMeta(`as of ${rep.asOf}`, `computed at ${rep.computedAt}`));
}
