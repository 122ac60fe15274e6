import { chart } from './charts.js';

/** One estimate with its interval. */
export interface IntervalRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Estimates with interval bars (a forest plot): one row per estimate, a dot for the estimate and a
 * line from the lower to the upper bound, a dashed line at zero (no effect). The chart has a text
 * alternative in its aria-label; the same numbers are in the tables beside it.
 */
export function intervalChart(name: string, title: string, rows: readonly IntervalRow[], format: (v: number) => string): HTMLElement {
  const labels = rows.map((r) => r.label);
  const el = chart(
    name,
    {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number; seriesName: string }) => {
          const r = rows[p.seriesName === 'estimate' ? p.dataIndex : Number(p.seriesName.slice(9))]!;
          return `${r.label}: ${format(r.estimate)} (95% CI ${format(r.lower)} to ${format(r.upper)})`;
        },
      },
      grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: title, nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => format(v) } },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        ...rows.map((r, i) => ({
          type: 'line',
          name: `interval ${i}`,
          data: [
            [r.lower, r.label],
            [r.upper, r.label],
          ],
          showSymbol: true,
          symbol: 'line',
          symbolSize: 8,
          lineStyle: { width: 3, color: '#2457c5' },
          itemStyle: { color: '#2457c5' },
        })),
        {
          type: 'scatter',
          name: 'estimate',
          data: rows.map((r) => [r.estimate, r.label]),
          symbolSize: 10,
          itemStyle: { color: '#c0392b' },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: '#555' },
            data: [{ xAxis: 0 }],
            label: { formatter: 'no effect', position: 'end' },
          },
        },
      ],
    },
    Math.max(140, 60 + 36 * rows.length),
  );
  el.setAttribute('role', 'img');
  el.setAttribute(
    'aria-label',
    `${title}: ${rows.map((r) => `${r.label} ${format(r.estimate)} (95% CI ${format(r.lower)} to ${format(r.upper)})`).join('; ')}`,
  );
  return el;
}
