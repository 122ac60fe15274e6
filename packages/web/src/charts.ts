import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
  TitleComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './dom.js';
import { keepChart } from './chart-registry.js';

// MarkLine/MarkPoint draw the tracking chart's calibration end and the whale curve's total and peak.
echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
  TitleComponent,
  CanvasRenderer,
]);

export { disposeCharts } from './chart-registry.js';

/**
 * A chart element; the option is applied once it is in the document. `onClick` receives the clicked
 * item's data (e.g. a heat-map cell's [column, row, value]); the instance is kept on the element as
 * `chart` (browser tests use it to find a cell's pixel).
 */
export function chart(name: string, option: echarts.EChartsCoreOption, height = 340, onClick?: (data: unknown) => void): HTMLElement {
  const el = h('div', { class: onClick ? 'chart clickable' : 'chart', 'data-chart': name, style: `height:${height}px` });
  queueMicrotask(() => {
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    c.setOption({
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      ...option,
      ...(option.series === undefined ? {} : { series: drawnAtOnce(option.series) }),
    });
    if (onClick) c.on('click', (p) => onClick((p as { data: unknown }).data));
    Object.defineProperty(el, 'chart', { value: c, configurable: true });
    el.setAttribute('data-drawn', '1');
    keepChart(c);
  });
  return el;
}

/**
 * Series drawn in one pass (`progressive: 0`) where the series type honours it: our charts show
 * aggregates (at most a few thousand marks), and a chart painted over several animation frames can
 * still be painting when the user leaves the page (heat maps paint that way regardless; see
 * `disposeCharts` for how leaving mid-paint is made safe).
 */
function drawnAtOnce(series: unknown): object[] {
  const list = Array.isArray(series) ? series : [series];
  return list.map((s) => ({ progressive: 0, ...(s as object) }));
}

/**
 * A heat map with a label in every cell: `cells` are [column, row, value] (value null = not
 * observed, left blank). Rows are drawn top to bottom in the order given.
 */
export function heatmap(
  name: string,
  x: { labels: string[]; name: string },
  y: { labels: string[]; name: string },
  cells: [number, number, number | null][],
  format: (v: number) => string,
  options: {
    height?: number;
    tooltip?: (col: number, row: number, v: number) => string;
    left?: number;
    colorMax?: number;
    onCell?: (col: number, row: number) => void;
  } = {},
): HTMLElement {
  const values = cells.map((c) => c[2]).filter((v): v is number => v !== null && Number.isFinite(v));
  const rows = y.labels.length;
  return chart(
    name,
    {
      tooltip: {
        formatter: (p: { data: [number, number, number] }) =>
          options.tooltip
            ? options.tooltip(p.data[0], rows - 1 - p.data[1], p.data[2])
            : `${y.labels[rows - 1 - p.data[1]]} → ${x.labels[p.data[0]]}: ${format(p.data[2])}`,
      },
      grid: { left: options.left ?? 130, right: 20, top: 30, bottom: 60 },
      xAxis: {
        type: 'category',
        name: x.name,
        nameLocation: 'middle',
        nameGap: 40,
        data: x.labels,
        splitArea: { show: true },
        axisLabel: { interval: 0, rotate: x.labels.length > 8 ? 45 : 0 },
      },
      yAxis: { type: 'category', name: y.name, data: [...y.labels].reverse(), splitArea: { show: true } },
      visualMap: {
        min: values.length ? Math.min(0, ...values) : 0,
        max: options.colorMax ?? (values.length ? Math.max(...values) : 1),
        show: false,
        inRange: { color: ['#f4f7fd', '#9db8ea', '#2457c5'] },
      },
      series: [
        {
          type: 'heatmap',
          data: cells.filter((c) => c[2] !== null).map((c) => [c[0], rows - 1 - c[1], c[2]]),
          label: {
            show: true,
            formatter: (p: { data: [number, number, number] }) => format(p.data[2]),
            fontSize: x.labels.length > 14 ? 9 : 11,
          },
        },
      ],
    },
    options.height ?? Math.max(220, 60 + 34 * rows + 40),
    options.onCell
      ? (d) => {
          const [c, r] = d as [number, number];
          options.onCell!(c, rows - 1 - r);
        }
      : undefined,
  );
}
