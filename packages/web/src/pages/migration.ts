import { api, downloadCsv } from '../api.js';
import { heatmap } from '../charts.js';
import { clear, h } from '../dom.js';
import { int, money, pct } from '../format.js';
import { computedMeta, figure, pageHeader, select, simpleTable, toggle } from '../widgets.js';

const DIMENSIONS = { tier: 'value tier', lifecycle: 'lifecycle stage', rfm: 'RFM segment' };

/** Transitions between two snapshot days: pickers, heat map (counts or row %), value moved, downgrades, Markov value. */
export async function migrationPage(root: HTMLElement): Promise<void> {
  const first = await api('/api/migration');
  const state = { from: first.from as string, to: first.to as string, by: first.by as string, show: 'counts' };
  root.append(pageHeader('Migration', 'How customers moved between segments from one snapshot day to another. Each snapshot uses only the transactions up to its day and is stored in the workspace.'));
  const controls = h('div', { class: 'toolbar', 'data-role': 'controls' });
  const body = h('div', { 'data-role': 'migration' });
  root.append(controls, body);
  const dates = Object.fromEntries((first.quarterEnds as string[]).map((d) => [d, d]));
  const csv = (table: string) => h('button', { type: 'button', 'data-csv': table, onclick: () => void downloadCsv(`/api/migration?from=${state.from}&to=${state.to}&by=${state.by}&format=csv&table=${table}`, `migration-${table}.csv`) }, 'Download CSV');

  const render = (m: any): void => {
    clear(controls);
    controls.append(
      select('from', 'from', dates, state.from, (v) => { state.from = v; void reload(); }),
      select('to', 'to', dates, state.to, (v) => { state.to = v; void reload(); }),
      select('by', 'by', DIMENSIONS, state.by, (v) => { state.by = v; void reload(); }),
      toggle('show', { counts: 'customers', share: 'row %' }, state.show, (v) => { state.show = v; render(m); }),
    );
    clear(body);
    const x = m.matrix;
    const dim = DIMENSIONS[m.by as keyof typeof DIMENSIONS];
    body.append(h('div', { class: 'cards' },
      figure('moved', 'Changed state', m.moved, int(m.moved), `customers whose ${dim} on ${m.to} differs from ${m.from} (incl. new and gone)`),
      figure('stayed', 'Stayed', m.stayed, int(m.stayed), `customers with the same ${dim} on both days`),
      figure('valueMoved', 'Value moved', m.valueMoved.value, money(m.valueMoved.value), m.valueMoved.unit),
      figure('downgrades', 'Downgrades', m.downgrades.count, int(m.downgrades.count), `customers down a value tier or into at risk, ${m.from} → ${m.to}`),
    ));
    const share = state.show === 'share';
    const cells: [number, number, number | null][] = [];
    x.fromStates.forEach((_: string, i: number) => x.toStates.forEach((_t: string, j: number) => cells.push([j, i, share ? x.rowShare[i][j] : x.counts[i][j]])));
    body.append(h('h2', {}, `Transitions by ${dim}: ${m.from} (rows) → ${m.to} (columns), ${share ? 'share of each row' : 'customers'}`),
      heatmap('transitions', { labels: x.toStates, name: `${dim} on ${m.to}` }, { labels: x.fromStates, name: '' }, cells, share ? pct : int, {
        left: 150,
        tooltip: (j, i) => `${x.fromStates[i]} → ${x.toStates[j]}: ${int(x.counts[i][j])} customers (${pct(x.rowShare[i][j])} of the row); value on ${m.from} ${money(x.valueFrom[i][j])}, on ${m.to} ${money(x.valueTo[i][j])}`,
      }),
      h('p', { class: 'rule' }, `Rule: ${m.rule}`),
      simpleTable('transitions', ['from \\ to', ...x.toStates, 'total'], x.fromStates.map((f: string, i: number) => ({ attrs: { 'data-from': f }, cells: [f, ...x.toStates.map((_t: string, j: number) => share ? { text: pct(x.rowShare[i][j]), value: x.rowShare[i][j] } : x.counts[i][j]), x.rowTotals[i]] }))),
      csv('cells'),
      computedMeta(...m.snapshots.map((x: any, i: number) => `snapshot ${x.asOf}: ${x.source === 'stored' ? 'read from the workspace' : 'computed now and stored'}, computed at ${i === 0 ? m.fromComputedAt : m.toComputedAt}`)));
    const mk = m.markov;
    body.append(h('h2', {}, 'Markov-chain customer value per state'),
      h('p', { class: 'rule' }, `${mk.rule}; ${mk.unit}.`),
      ...(mk.warnings as string[]).map((w) => h('p', { class: 'notice', 'data-role': 'markov-warning' }, h('strong', {}, 'Warning: '), w)),
      simpleTable('markov', ['state', ['revenue per customer', `per ${mk.periodDays}-day period`], ['expected value', `currency, next ${mk.periods} periods, discounted`], ['historic value', 'same span before the first day']],
        mk.states.map((s: string, i: number) => ({ cells: [s, { text: money(mk.reward[i]), value: mk.reward[i] }, { text: money(mk.value[i]), value: mk.value[i] }, mk.historic[i] === null ? '' : { text: money(mk.historic[i]), value: mk.historic[i] }] }))), csv('markov'));
    const d = m.downgrades;
    body.append(h('h2', {}, `Downgrades (${int(d.count)}; most valuable first${d.shown < d.count ? `, first ${int(d.shown)} shown` : ''})`),
      d.count === 0 ? h('p', { class: 'meta' }, 'No customer moved down a value tier or into at risk.') : simpleTable('downgrades', ['customer', 'tier', 'stage', ['value', `on ${m.from}`], ['value', `on ${m.to}`], 'reason'],
        d.rows.map((r: any) => ({ cells: [h('a', { href: `#/customer/${encodeURIComponent(r.customerId)}` }, r.customerId), `${r.fromTier} → ${r.toTier}`, `${r.fromStage} → ${r.toStage}`, { text: money(r.valueFrom), value: r.valueFrom }, { text: money(r.valueTo), value: r.valueTo }, r.reason] })), { tall: true }),
      csv('downgrades'));
  };

  const reload = async (): Promise<void> => {
    body.setAttribute('data-loading', '1');
    try {
      render(await api(`/api/migration?from=${encodeURIComponent(state.from)}&to=${encodeURIComponent(state.to)}&by=${state.by}`));
    } catch (e) {
      clear(body);
      body.append(h('div', { class: 'error', 'data-role': 'migration-error' }, (e as Error).message));
    }
    body.removeAttribute('data-loading');
  };
  render(first);
}
