import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { formatValue, type Cell } from '@cvm/core/report';
import type { ApiRulesPage } from '@cvm/core/api';
import { chart } from '../charts.js';
import { h } from '../dom.js';

// The rule network is the only graph chart: registered here rather than in charts.ts.
echarts.use([GraphChart]);

interface Edge {
  from: string;
  to: string;
  confidence: number;
  lift: number;
  support: number;
}

/** The rules of a page as edges "what a basket holds → what it also holds". */
function edges(p: ApiRulesPage): Edge[] {
  const at = (key: string): number => p.columns.findIndex((c) => c.key === key);
  const [a, c, conf, lift, sup] = ['antecedent', 'consequent', 'confidence', 'lift', 'support'].map(at) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const num = (v: Cell | undefined): number => (typeof v === 'number' ? v : NaN);
  return p.rows.map((r) => ({ from: String(r[a]), to: String(r[c]), confidence: num(r[conf]), lift: num(r[lift]), support: num(r[sup]) }));
}

const inWords = (e: Edge): string =>
  `If a basket holds ${e.from.slice(1, -1)}, it also holds ${e.to.slice(1, -1)} in ${formatValue(e.confidence, 'probability')} of cases, ${formatValue(e.lift, 'ratio')} the usual rate`;

/**
 * The strongest rules as a network: one node per itemset, an arrow from what a basket holds to
 * what it also holds, thicker for a higher lift; circular layout (deterministic). The chart has a
 * description for screen readers and the same rules as a table beside it (its text alternative).
 */
export function ruleNetwork(p: ApiRulesPage): HTMLElement {
  const list = edges(p);
  if (list.length === 0)
    return h('p', { class: 'meta', 'data-role': 'network-empty' }, 'No rule reaches these thresholds, so there is no network to draw.');
  // sorted, so that related item sets sit side by side on the circle
  const names = [...new Set(list.flatMap((e) => [e.from, e.to]))].sort();
  const lifts = list.map((e) => e.lift);
  const lo = Math.min(...lifts),
    hi = Math.max(...lifts);
  const width = (lift: number): number => 1 + (hi > lo ? (4 * (lift - lo)) / (hi - lo) : 2);
  const narrow = innerWidth < 600;
  const option = {
    tooltip: {
      formatter: (x: { dataType?: string; data: { name?: string; words?: string } }) =>
        x.dataType === 'edge' ? (x.data.words ?? '') : (x.data.name ?? ''),
    },
    series: [
      {
        type: 'graph',
        layout: 'circular',
        circular: { rotateLabel: true },
        roam: false,
        top: narrow ? 70 : 60,
        bottom: narrow ? 70 : 60,
        left: narrow ? 70 : 140,
        right: narrow ? 70 : 140,
        symbolSize: 11,
        itemStyle: { color: '#2457c5', borderColor: '#15203a', borderWidth: 1 },
        label: { show: true, position: 'right', fontSize: narrow ? 9 : 11, color: '#1d2433' },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        lineStyle: { color: '#5d6677', opacity: 0.85, curveness: 0.15 },
        data: names.map((name) => ({ name })),
        links: list.map((e) => ({ source: e.from, target: e.to, words: inWords(e), lineStyle: { width: width(e.lift) } })),
      },
    ],
  };
  const el = chart('rule-network', option, narrow ? 380 : 460);
  el.setAttribute('role', 'img');
  el.setAttribute(
    'aria-label',
    `Network of the ${list.length} strongest rules by lift: ${names.length} item sets, an arrow from what a basket holds to what it also holds, thicker arrows for higher lift (${formatValue(lo, 'ratio')} to ${formatValue(hi, 'ratio')}). The same rules are listed in the table after the chart.`,
  );
  const alt = h(
    'details',
    { class: 'alt', 'data-role': 'network-table' },
    h('summary', {}, `The ${list.length} rules in the network, in words`),
    h('ol', {}, ...list.map((e) => h('li', {}, `${inWords(e)} (support ${formatValue(e.support, 'share')} of baskets).`))),
  );
  return h('div', { 'data-role': 'network' }, el, alt);
}
