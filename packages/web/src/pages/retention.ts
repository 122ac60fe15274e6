import { api } from '../api.js';
import { chart } from '../charts.js';
import { h } from '../dom.js';
import { int, money, pct } from '../format.js';
import { customersLink } from '../links.js';
import { reportTable } from '../table.js';
import { tableView } from '../table-view.js';
import { figure, notComputed, pageHeader } from '../widgets.js';
import type { ReportSection, ReportTable } from '@cvm/core/report';
// types only (erased at build): the dashboard bundles nothing from the core but its report layer
import type { ApiRetentionBacktestReport, ApiRetentionReport } from '@cvm/core/api';
import { tierAxisName, valueAtRiskMap } from './retention-map.js';

const idLink = (c: string, v: unknown): string | null => (c === 'customer_id' ? `#/customer/${encodeURIComponent(String(v))}` : null);

/** The backtest: headline lines, AUC table, lift curve, calibration chart and the other tables. */
function backtestView(b: ApiRetentionBacktestReport, section: ReportSection): HTMLElement {
  const table = (id: string) => reportTable(section.tables.find((t) => t.id === id)!);
  return h(
    'div',
    { 'data-role': 'backtest-result' },
    h('ul', { class: 'rule' }, ...section.lines.map((l: string) => h('li', {}, l))),
    ...section.warnings.map((w: string) => h('div', { class: 'notice' }, w)),
    table('backtest.scores'),
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h3', {}, 'Lift curve: the most at risk first'),
        chart('lift-curve', {
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 60, right: 60, top: 40, bottom: 50 },
          xAxis: {
            type: 'value',
            name: 'share of customers, most at risk first',
            nameLocation: 'middle',
            nameGap: 30,
            min: 0,
            max: 1,
            axisLabel: { formatter: (x: number) => pct(x) },
          },
          yAxis: [
            { type: 'value', name: 'lift (× base rate)', min: 0 },
            { type: 'value', name: 'non-buyers captured', min: 0, max: 1, axisLabel: { formatter: (x: number) => pct(x) } },
          ],
          series: [
            { name: 'lift', type: 'line', data: b.gains.map((g) => [g.share, g.lift]) },
            { name: 'non-buyers captured', type: 'line', yAxisIndex: 1, data: [[0, 0], ...b.gains.map((g) => [g.share, g.captured])] },
            {
              name: 'no model',
              type: 'line',
              yAxisIndex: 1,
              lineStyle: { type: 'dashed' },
              showSymbol: false,
              data: [
                [0, 0],
                [1, 1],
              ],
            },
          ],
        }),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'Calibration: P(return) against the share that bought'),
        chart('calibration', {
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 60, right: 20, top: 40, bottom: 50 },
          xAxis: {
            type: 'value',
            name: 'predicted P(return), decile mean',
            nameLocation: 'middle',
            nameGap: 30,
            min: 0,
            max: 1,
            axisLabel: { formatter: (x: number) => pct(x) },
          },
          yAxis: { type: 'value', name: 'share that bought', min: 0, max: 1, axisLabel: { formatter: (x: number) => pct(x) } },
          series: [
            { name: 'deciles', type: 'line', data: b.calibration.map((c) => [c.predicted, c.observed]) },
            {
              name: 'perfect calibration',
              type: 'line',
              lineStyle: { type: 'dashed' },
              showSymbol: false,
              data: [
                [0, 0],
                [1, 1],
              ],
            },
          ],
        }),
      ),
    ),
    h('h3', {}, 'Precision and lift'),
    table('backtest.precision'),
    h('h3', {}, 'Next purchase date'),
    table('backtest.timing'),
    h('h3', {}, 'Holdout revenue by churn risk'),
    table('backtest.value_captured'),
    table('backtest.lists'),
    h('h3', {}, 'Calibration table'),
    table('backtest.calibration'),
  );
}

export async function retentionPage(root: HTMLElement): Promise<void> {
  const body = await api<
    { status: 'ok'; retention: ApiRetentionReport; section: ReportSection } | { status: 'not_computed'; reason: string }
  >('/api/retention');
  if (body.status !== 'ok') {
    root.append(pageHeader('Retention', 'Who is slipping away, what it costs, and the lists to act on.'), notComputed(body.reason));
    return;
  }
  const r = body.retention;
  const table = (id: string): ReportTable => body.section.tables.find((t) => t.id === id)!;
  const riskTable = table('retention.risk');
  const matrix = table('retention.value_at_risk_matrix');
  const change = r.valueAtRisk.before > 0 ? r.valueAtRisk.now / r.valueAtRisk.before - 1 : 0;
  root.append(
    pageHeader(
      'Retention',
      `As of ${r.asOf}; model ${r.model}; values are ${r.valueUnit} (log currency); P(return) over the next ${r.options.horizonDays} days; changes since ${r.before}; days are calendar days; computed at ${r.computedAt}.`,
    ),
  );
  root.append(
    h(
      'div',
      { class: 'cards' },
      figure(
        'valueAtRisk',
        'Value at risk',
        r.valueAtRisk.now,
        money(r.valueAtRisk.now),
        `(1 − P(alive)) × value if alive, ${r.valueUnit}, as of ${r.asOf}`,
      ),
      figure(
        'valueAtRiskBefore',
        `Value at risk on ${r.before}`,
        r.valueAtRisk.before,
        money(r.valueAtRisk.before),
        `${change >= 0 ? '+' : ''}${pct(change)} since; today's model on the history known then`,
      ),
      figure(
        'atRisk',
        'At-risk list',
        r.lists.atRisk.customers,
        int(r.lists.atRisk.customers),
        `customers, ${money(r.lists.atRisk.valueAtRisk)} at risk`,
      ),
      figure(
        'winBack',
        'Win-back list',
        r.lists.winBack.customers,
        int(r.lists.winBack.customers),
        `lapsed or churned customers worth ${money(r.lists.winBack.value)} if won back`,
      ),
    ),
  );
  for (const w of r.warnings) root.append(h('div', { class: 'notice', 'data-role': 'warning' }, w));
  root.append(
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        h('h2', {}, `Value at risk by ${tierAxisName(r.tierLabel)} and lifecycle stage`),
        valueAtRiskMap(r, matrix),
        h('p', { class: 'rule' }, 'Click a cell for its customers, by value at risk.'),
        h(
          'details',
          { 'data-role': 'value-at-risk-table' },
          h('summary', {}, 'The numbers as a table'),
          reportTable(matrix, {
            link: (key, v) =>
              key === matrix.columns[0]!.key ? customersLink([`value_tier:eq:${v}`], { sort: 'value_at_risk', dir: 'desc' }) : null,
          }),
        ),
      ),
      h(
        'div',
        {},
        h('h2', {}, 'Churn risk'),
        reportTable(riskTable, {
          link: (key, v) =>
            key === riskTable.columns[0]!.key ? customersLink([`churn_risk:eq:${v}`], { sort: 'value_at_risk', dir: 'desc' }) : null,
        }),
      ),
    ),
  );
  root.append(
    h('h2', { id: 'at-risk' }, 'At risk: valuable customers whose risk rose'),
    h(
      'p',
      { class: 'sub' },
      'Ranked by value at risk; each row says why. Filter with e.g. ',
      h('code', {}, 'value_tier:eq:Gold'),
      ' or ',
      h('code', {}, 'churn_risk:eq:high'),
      '; Download CSV exports the filtered list for a campaign tool.',
    ),
    tableView('/api/retention/at-risk', 'at-risk', { link: idLink }),
  );
  root.append(
    h('h2', { id: 'win-back' }, 'Win-back: lapsed and churned customers worth winning back'),
    h(
      'p',
      { class: 'sub' },
      'Ranked by win-back value = (1 − P(alive)) × value if alive: what winning them back is worth beyond the chance they return on their own.',
    ),
    tableView('/api/retention/win-back', 'win-back', { link: idLink }),
  );
  root.append(h('h2', {}, 'Rules'), h('ul', { class: 'rule', 'data-role': 'rules' }, ...r.rules.map((x: string) => h('li', {}, x))));

  // the backtest: rank as of D with the data up to D, measure (D, E]
  const slot = h(
    'div',
    { 'data-role': 'backtest', 'data-status': 'loading' },
    h('p', { class: 'meta' }, 'backtesting (fitting as of the calibration end)…'),
  );
  const from = h('input', { type: 'date', 'aria-label': 'calibration end', 'data-role': 'backtest-from' }) as HTMLInputElement;
  const to = h('input', { type: 'date', 'aria-label': 'holdout end', 'data-role': 'backtest-to' }) as HTMLInputElement;
  const run = async (query: string): Promise<void> => {
    slot.setAttribute('data-status', 'loading');
    slot.replaceChildren(h('p', { class: 'meta' }, 'backtesting (fitting as of the calibration end)…'));
    try {
      const res = await api<
        { status: 'ok'; backtest: ApiRetentionBacktestReport; section: ReportSection } | { status: 'not_computed'; reason: string }
      >(`/api/retention/backtest${query}`);
      if (res.status !== 'ok') {
        slot.replaceChildren(notComputed(res.reason));
        slot.setAttribute('data-status', 'not_computed');
        return;
      }
      from.value = res.backtest.calibrationEnd;
      to.value = res.backtest.holdoutEnd;
      slot.replaceChildren(backtestView(res.backtest, res.section));
      slot.setAttribute('data-status', 'ok');
    } catch (e) {
      slot.replaceChildren(h('div', { class: 'error' }, (e as Error).message));
      slot.setAttribute('data-status', 'error');
    }
  };
  root.append(
    h('h2', { id: 'backtest' }, 'Backtest: does the ranking work?'),
    h(
      'p',
      { class: 'sub' },
      'Every customer is ranked as of the calibration end with only the data up to that day, then compared with what they did until the holdout end.',
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { class: 'pick' }, 'calibration end ', from),
      h('label', { class: 'pick' }, 'holdout end ', to),
      h('button', { 'data-role': 'backtest-run', onclick: () => void run(`?calibrationEnd=${from.value}&holdoutEnd=${to.value}`) }, 'Run'),
    ),
    slot,
  );
  void run('');
}
