import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent, CanvasRenderer]);

const live: echarts.ECharts[] = [];
addEventListener('resize', () => live.forEach((c) => c.resize()));

/** Disposes the charts of the previous page. */
export function disposeCharts(): void {
  while (live.length) live.pop()!.dispose();
}

/** A chart element; the option is applied once it is in the document. */
export function chart(name: string, option: echarts.EChartsCoreOption, height = 340): HTMLElement {
  const el = h('div', { class: 'chart', 'data-chart': name, style: `height:${height}px` });
  queueMicrotask(() => {
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    c.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    live.push(c);
  });
  return el;
}
