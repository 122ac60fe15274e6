import { h } from './dom.js';

/**
 * Wraps a chart that needs more room than a phone gives it (a heat map with many columns) in its own
 * horizontal scroller, so the chart scrolls and the page does not. The chart keeps at least
 * `minWidth` px, so its cell labels stay readable.
 */
export function wideChart(chartEl: HTMLElement, minWidth: number, label: string): HTMLElement {
  chartEl.style.minWidth = `${Math.round(minWidth)}px`;
  return h('div', { class: 'wide-chart', role: 'region', 'aria-label': label, tabindex: 0 }, chartEl);
}
