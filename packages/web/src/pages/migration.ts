import { api, fetchSettings, downloadCsv } from '../api.js';
import { heatmap } from '../charts.js';
import { clear, h } from '../dom.js';
import { int, money, pct, when, cur, loadCurrency } from '../format.js';
import { wideChart } from '../wide-chart.js';
import { hashQuery, migrationCustomersLink } from '../links.js';
import { computedMeta, figure, pageHeader, select, toggle } from '../widgets.js';
import { reportTable, tableBox } from '../table.js';
import type { ApiMigration } from '@cvm/core/api';

const DIMENSIONS = { tier: 'revenue tier', lifecycle: 'lifecycle stage', rfm: 'RFM segment' };

/** Transitions between two snapshot days: pickers, heat map (counts or row %), value moved, downgrades, Markov value. */
export async function migrationPage(root: HTMLElement): Promise<void> {
  await loadCurrency(fetchSettings);
  // the pair of days and the dimension live in the URL (#/migration?from=…&to=…&by=…), so a cell's customer list can come back here
  const asked = hashQuery();
  const initial = new URLSearchParams([...asked].filter(([k]) => ['from', 'to', 'by'].includes(k)));
  const first = await api<ApiMigration>(`/api/migration${initial.toString() ? `?${initial}` : ''}`);
  const state = {
    from: first.from as string,
    to: first.to as string,
    by: first.by as string,
    show: asked.get('show') === 'share' ? 'share' : 'counts',
  };
  const remember = (): void =>
    history.replaceState(
      null,
      '',
      `#/migration?${new URLSearchParams({ from: state.from, to: state.to, by: state.by, ...(state.show === 'share' ? { show: 'share' } : {}) })}`,
    );
  root.append(
    pageHeader(
      'Migration',
      'How customers moved between segments from one snapshot day to another. Each snapshot uses only the transactions up to its day and is stored in the workspace.',
    ),
  );
  const controls = h('div', { class: 'toolbar', 'data-role': 'controls' });
  const body = h('div', { 'data-role': 'migration' });
  root.append(controls, body);
  const ends = first.quarterEnds as string[];
  // "from" offers every quarter end but the last; "to" only the ones after "from" (no invalid pair to pick)
  const fromDates = () => Object.fromEntries(ends.filter((d) => d < ends.at(-1)!).map((d) => [d, d]));
  const toDates = () => Object.fromEntries(ends.filter((d) => d > state.from).map((d) => [d, d]));
  const csv = (table: string) =>
    h(
      'button',
      {
        type: 'button',
        'data-csv': table,
        onclick: () =>
          void downloadCsv(
            `/api/migration?from=${state.from}&to=${state.to}&by=${state.by}&format=csv&table=${table}`,
            `migration-${table}.csv`,
          ),
      },
      'Download CSV',
    );

  const render = (m: ApiMigration): void => {
    clear(controls);
    controls.append(
      select('from', 'from', fromDates(), state.from, (v) => {
        state.from = v;
        if (!(state.to > v)) state.to = ends.find((d) => d > v)!;
        void reload();
      }),
      select('to', 'to', toDates(), state.to, (v) => {
        state.to = v;
        void reload();
      }),
      select('by', 'by', DIMENSIONS, state.by, (v) => {
        state.by = v;
        void reload();
      }),
      toggle('show', { counts: 'customers', share: 'row %' }, state.show, (v) => {
        state.show = v;
        remember();
        render(m);
      }),
    );
    remember();
    clear(body);
    const x = m.matrix;
    const dim = DIMENSIONS[m.by as keyof typeof DIMENSIONS];
    body.append(
      h(
        'div',
        { class: 'cards' },
        figure(
          'moved',
          'Changed state',
          m.moved,
          int(m.moved),
          `customers whose ${dim} on ${m.to} differs from ${m.from} (incl. new and gone)`,
        ),
        figure('stayed', 'Stayed', m.stayed, int(m.stayed), `customers with the same ${dim} on both days`),
        figure('valueMoved', 'Value moved', m.valueMoved.value, money(m.valueMoved.value), m.valueMoved.unit),
        figure(
          'tierDown',
          'Down a revenue tier',
          m.downgrades.tierDown,
          int(m.downgrades.tierDown),
          `customers in a lower revenue tier on ${m.to} than on ${m.from}`,
        ),
        figure(
          'intoAtRisk',
          'Into at risk, same tier',
          m.downgrades.intoAtRiskOnly,
          int(m.downgrades.intoAtRiskOnly),
          `customers who kept their revenue tier but became at risk, ${m.from} → ${m.to}`,
        ),
      ),
    );
    const share = state.show === 'share';
    const cellLink = (i: number, j: number): string =>
      migrationCustomersLink({ from: m.from, to: m.to, by: m.by, fromState: x.fromStates[i], toState: x.toStates[j] });
    const cells: [number, number, number | null][] = [];
    x.fromStates.forEach((_: string, i: number) =>
      x.toStates.forEach((_t: string, j: number) => cells.push([j, i, share ? x.rowShare[i][j] : x.counts[i][j]])),
    );
    body.append(
      h('h2', {}, `Transitions by ${dim}: ${m.from} (rows) → ${m.to} (columns), ${share ? 'share of each row' : 'customers'}`),
      wideChart(
        heatmap(
          'transitions',
          { labels: x.toStates, name: `${dim} on ${m.to}` },
          { labels: x.fromStates, name: '' },
          cells,
          share ? pct : int,
          {
            left: 150,
            tooltip: (j, i) =>
              `${x.fromStates[i]} → ${x.toStates[j]}: ${int(x.counts[i][j])} customers (${pct(x.rowShare[i][j])} of the row); value on ${m.from} ${money(x.valueFrom[i][j])}, on ${m.to} ${money(x.valueTo[i][j])}${x.counts[i][j] > 0 ? ' (click to list them)' : ''}`,
            // issue 12: a cell opens the customers who made that move
            onCell: (j, i) => {
              if (x.counts[i]?.[j] > 0) location.hash = cellLink(i, j);
            },
          },
        ),
        170 + 80 * x.toStates.length,
        `transitions heat map by ${dim}`,
      ),
      h(
        'p',
        { class: 'rule' },
        `Rule: ${m.rule} Click a cell, or follow a number in the table below, to list the customers who made that move.`,
      ),
      // the core's declaration of the counts table (`cvm migrate` prints it): its columns, these cells as links
      tableBox(
        m.tables.transitions.columns,
        x.fromStates.map((f: string, i: number) => [
          f,
          ...x.toStates.map((t: string, j: number) => {
            const text = share ? pct(x.rowShare[i][j]) : int(x.counts[i][j]);
            const value = share ? x.rowShare[i][j] : x.counts[i][j];
            return {
              value,
              text:
                x.counts[i][j] > 0
                  ? h(
                      'a',
                      {
                        href: cellLink(i, j),
                        'data-cell': `${f} → ${t}`,
                        'data-count': String(x.counts[i][j]),
                        'aria-label': `${int(x.counts[i][j])} customers from ${f} to ${t}: list them`,
                      },
                      text,
                    )
                  : text,
            };
          }),
          x.rowTotals[i],
        ]),
        { name: 'transitions', caption: m.tables.transitions.title, rowAttrs: (i) => ({ 'data-from': x.fromStates[i]! }) },
      ),
      csv('cells'),
      // the row shares and the value in each cell as numbers (`cvm migrate` prints both; the CSVs are theirs)
      reportTable(m.tables.rowShare, { name: 'row-share', heading: 'h3' }),
      csv('row_share'),
      reportTable(
        { ...m.tables.valueMoved, title: m.tables.valueMoved.title.replace(/\bcurrency\b/, cur()) },
        { name: 'value-moved', heading: 'h3', currency: cur() },
      ),
      csv('value_moved'),
      computedMeta(
        ...m.snapshots.map(
          (x, i) =>
            `snapshot ${x.asOf}: ${x.source === 'stored' ? 'read from the workspace' : 'computed now and stored'}, computed at ${when(i === 0 ? m.fromComputedAt : m.toComputedAt)}`,
        ),
      ),
    );
    const mk = m.markov;
    body.append(
      h('h2', {}, 'Markov-chain customer value per state'),
      h('p', { class: 'rule' }, `${mk.rule}; ${mk.unit}.`),
      ...(mk.warnings as string[]).map((w) => h('p', { class: 'notice', 'data-role': 'markov-warning' }, h('strong', {}, 'Warning: '), w)),
      reportTable({ ...m.tables.markov, notes: [] }, { name: 'markov' }),
      csv('markov'),
    );
    const d = m.downgrades;
    // the core's declaration of the list (`cvm migrate` and the downgrades CSV), split in two by its reason
    const t = m.tables.downgrades;
    const reason = t.columns.findIndex((c) => c.key === 'reason');
    const part = (name: string, keep: (reason: string) => boolean) =>
      reportTable(
        { ...t, rows: t.rows.filter((r) => keep(String(r[reason]))) },
        {
          name,
          tall: true,
          link: (key, v) => (key === 'customer_id' && v !== null ? `#/customer/${encodeURIComponent(String(v))}` : null),
        },
      );
    const partial = d.shown < d.count ? ` (the ${int(d.shown)} most valuable of ${int(d.count)} listed; the CSV has all)` : '';
    body.append(
      h('h2', {}, `Down a revenue tier (${int(d.tierDown)}; most valuable first)`),
      d.tierDown === 0
        ? h('p', { class: 'meta' }, 'No customer moved down a revenue tier.')
        : part('downgrades', (r) => r.startsWith('tier down')),
      h('h2', {}, `Into at risk, same revenue tier (${int(d.intoAtRiskOnly)})`),
      d.intoAtRiskOnly === 0
        ? h('p', { class: 'meta' }, 'No customer who kept the tier became at risk.')
        : part('into-at-risk', (r) => r === 'into at risk'),
      h('p', { class: 'meta' }, `Both lists: ${int(d.count)} customers${partial}.`),
      csv('downgrades'),
    );
  };

  const reload = async (): Promise<void> => {
    body.setAttribute('data-loading', '1');
    try {
      render(
        await api<ApiMigration>(`/api/migration?from=${encodeURIComponent(state.from)}&to=${encodeURIComponent(state.to)}&by=${state.by}`),
      );
    } catch (e) {
      clear(body);
      body.append(h('div', { class: 'error', 'data-role': 'migration-error' }, (e as Error).message));
    }
    body.removeAttribute('data-loading');
  };
  render(first);
}
