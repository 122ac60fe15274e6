import { defineTable, type ColumnSpec, type ReportTable, type TableSpec } from '../report/report-table.js';
import type { ReportSection } from '../report/report-section.js';
import { formatPercent } from '../report/format-value.js';
import type { ChainEffect } from './chain-types.js';
import type { FeedbackReport, NonResponseRow, NpsClassValue } from './feedback-types.js';
import type { ScoreGroup } from './score-groups.js';

const SCORE_COLUMNS: readonly ColumnSpec<ScoreGroup>[] = [
  { key: 'level', label: 'Level', kind: 'text', value: (r) => r.level },
  {
    key: 'responses',
    label: 'Responses',
    kind: 'count',
    value: (r) => r.responses,
    description: 'responses with an NPS answer, a CSAT answer or both',
  },
  { key: 'nps_answers', label: 'NPS answers', kind: 'count', value: (r) => r.npsAnswers },
  { key: 'promoters', label: 'Promoters', kind: 'count', value: (r) => r.promoters, description: 'answers 9 or 10' },
  { key: 'passives', label: 'Passives', kind: 'count', value: (r) => r.passives, description: 'answers 7 or 8' },
  { key: 'detractors', label: 'Detractors', kind: 'count', value: (r) => r.detractors, description: 'answers 0 to 6' },
  {
    key: 'nps',
    label: 'NPS',
    kind: 'number',
    unit: '−100 to 100',
    value: (r) => r.nps,
    description: '100 × (promoters − detractors) / NPS answers',
  },
  {
    key: 'nps_lower',
    label: 'NPS low',
    kind: 'number',
    unit: '95% CI',
    value: (r) => r.npsLower,
    description: 'adjusted-Wald interval (Rocks 2016)',
  },
  { key: 'nps_upper', label: 'NPS high', kind: 'number', unit: '95% CI', value: (r) => r.npsUpper },
  { key: 'csat_answers', label: 'CSAT answers', kind: 'count', value: (r) => r.csatAnswers },
  { key: 'csat_mean', label: 'CSAT', kind: 'number', unit: 'mean, 1 to 5', value: (r) => r.csatMean },
  {
    key: 'csat_lower',
    label: 'CSAT low',
    kind: 'number',
    unit: '95% CI',
    value: (r) => r.csatLower,
    description: 't interval of the mean',
  },
  { key: 'csat_upper', label: 'CSAT high', kind: 'number', unit: '95% CI', value: (r) => r.csatUpper },
  {
    key: 'satisfied_share',
    label: 'Satisfied',
    kind: 'share',
    unit: 'CSAT 4 or 5',
    value: (r) => r.satisfiedShare,
    description: 'share of CSAT answers that are 4 or 5 (Wilson interval in the JSON)',
  },
];

/** The breakdown dimensions, in report order. */
export const FEEDBACK_DIMENSIONS = [
  'value_tier',
  'rfm_segment',
  'lifecycle_stage',
  'survey_channel',
  'acquisition_channel',
  'cohort',
  'month',
] as const;

/** NPS and CSAT by one dimension: one table per dimension (`feedback.by_<dimension>`), same columns. */
export const feedbackByTables: Record<(typeof FEEDBACK_DIMENSIONS)[number] | 'all', TableSpec<ScoreGroup>> = Object.fromEntries(
  [...FEEDBACK_DIMENSIONS, 'all'].map((d) => [
    d,
    defineTable<ScoreGroup>(
      d === 'all' ? 'feedback.overall' : `feedback.by_${d}`,
      d === 'all' ? 'NPS and CSAT, every response' : `NPS and CSAT by ${d.replaceAll('_', ' ')}`,
      SCORE_COLUMNS,
    ),
  ]),
) as Record<(typeof FEEDBACK_DIMENSIONS)[number] | 'all', TableSpec<ScoreGroup>>;

/** Respondents against everyone. */
export const nonResponseTable = defineTable<NonResponseRow>('feedback.non_response', 'Non-response bias: respondents against everyone', [
  { key: 'metric', label: 'Measure', kind: 'text', value: (r) => r.label },
  { key: 'unit', label: 'Unit', kind: 'text', value: (r) => r.unit },
  { key: 'respondents', label: 'Respondents', kind: 'number', unit: 'mean', value: (r) => r.respondents },
  { key: 'non_respondents', label: 'Non-respondents', kind: 'number', unit: 'mean', value: (r) => r.nonRespondents },
  { key: 'everyone', label: 'Everyone', kind: 'number', unit: 'mean', value: (r) => r.everyone },
  { key: 'ratio', label: 'Respondents / everyone', kind: 'ratio', value: (r) => r.ratio },
  { key: 'difference', label: 'Difference', kind: 'number', unit: 'respondents − non-respondents', value: (r) => r.difference },
  { key: 'lower', label: 'Low', kind: 'number', unit: '95% CI (Welch)', value: (r) => r.lower },
  { key: 'upper', label: 'High', kind: 'number', unit: '95% CI (Welch)', value: (r) => r.upper },
]);

/** The value tiers' shares of the base and of the respondents. */
export const tierMixTable = defineTable<FeedbackReport['nonResponse']['tierMix'][number]>(
  'feedback.tier_mix',
  'Who answers: value tiers of the base and of the respondents',
  [
    { key: 'tier', label: 'Value tier', kind: 'text', value: (r) => r.tier },
    { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
    { key: 'base_share', label: 'Share of base', kind: 'share', value: (r) => r.baseShare },
    { key: 'respondents', label: 'Respondents', kind: 'count', value: (r) => r.respondents },
    { key: 'respondent_share', label: 'Share of respondents', kind: 'share', value: (r) => r.respondentShare },
    { key: 'nps', label: 'NPS', kind: 'number', unit: '−100 to 100', value: (r) => r.nps },
  ],
);

/** Customers by the class of their latest answer. */
export const npsClassValueTable = defineTable<NpsClassValue>(
  'feedback.value_by_class',
  'Customers by their latest NPS answer, and what they are worth',
  [
    { key: 'nps_class', label: 'Latest answer', kind: 'text', value: (r) => r.npsClass },
    { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
    { key: 'clv', label: 'Predicted CLV', kind: 'money', unit: 'total', value: (r) => r.clv },
    { key: 'clv_per_customer', label: 'CLV per customer', kind: 'money', value: (r) => r.clvPerCustomer },
    { key: 'clv_share', label: 'Share of all CLV', kind: 'share', value: (r) => r.clvShare },
    { key: 'p_alive', label: 'P(alive)', kind: 'probability', unit: 'mean', value: (r) => r.pAlive },
    { key: 'net_revenue', label: 'Net revenue', kind: 'money', unit: 'to date', value: (r) => r.netRevenue },
  ],
);

const OUTCOME_WORDS = { stop: 'stops buying (probability)', purchases: 'purchase days', spend: 'gross spend' } as const;

/** The chain's effects, detractors and promoters against passives. */
export const chainTable = defineTable<ChainEffect>(
  'feedback.chain',
  'Satisfaction-profit chain: detractors and promoters against passives',
  [
    {
      key: 'outcome',
      label: 'Outcome',
      kind: 'text',
      value: (r) => OUTCOME_WORDS[r.outcome],
      description: 'stops buying = no purchase in the window',
    },
    { key: 'window', label: 'Window', kind: 'duration', unit: 'days after answering', value: (r) => r.window },
    { key: 'group', label: 'Group', kind: 'text', value: (r) => r.group },
    {
      key: 'group_mean',
      label: 'Group',
      kind: 'number',
      unit: 'adjusted mean',
      value: (r) => r.groupMean,
      description: "the mean had every respondent been in the group (standardised over the respondents' prior behaviour)",
    },
    { key: 'passive_mean', label: 'Passives', kind: 'number', unit: 'adjusted mean', value: (r) => r.passiveMean },
    { key: 'ratio', label: 'Ratio', kind: 'ratio', unit: 'group / passives', value: (r) => r.ratio },
    { key: 'lower', label: 'Low', kind: 'ratio', unit: '95% CI', value: (r) => r.lower },
    { key: 'upper', label: 'High', kind: 'ratio', unit: '95% CI', value: (r) => r.upper },
    { key: 'p_value', label: 'p', kind: 'number', value: (r) => r.pValue, description: 'two-sided p-value of ratio = 1' },
    { key: 'difference', label: 'Difference', kind: 'number', unit: 'group − passives', value: (r) => r.difference },
    {
      key: 'raw_group_mean',
      label: 'Group, raw',
      kind: 'number',
      unit: 'plain mean',
      value: (r) => r.rawGroupMean,
      description: 'without controls',
    },
    { key: 'raw_passive_mean', label: 'Passives, raw', kind: 'number', unit: 'plain mean', value: (r) => r.rawPassiveMean },
  ],
);

const one = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');

/** The report's tables in reading order (the first is the overall row). */
export function feedbackTables(r: FeedbackReport): ReportTable[] {
  const t: ReportTable[] = [feedbackByTables.all([r.overall])];
  for (const b of r.breakdowns) {
    const spec = feedbackByTables[b.dimension as (typeof FEEDBACK_DIMENSIONS)[number]];
    if (spec) t.push(spec(b.rows, { title: `NPS and CSAT by ${b.label.toLowerCase()}`, notes: [`Level: ${b.rule}.`] }));
  }
  t.push(
    nonResponseTable(r.nonResponse.rows, { notes: [r.responseRate.rule] }),
    tierMixTable(r.nonResponse.tierMix, { notes: r.nonResponse.weighted ? [r.nonResponse.weighted.rule] : [] }),
  );
  t.push(npsClassValueTable(r.byNpsClass, { notes: [`CLV: ${r.units.clv ?? 'not computed (no models)'}; money in ${r.units.money}.`] }));
  if (r.chain.status === 'ok') t.push(chainTable(r.chain.estimate.effects, { notes: [r.chain.sample.rule] }));
  return t;
}

/** The feedback report as sections for the CLI (headline, then the tables). */
export function feedbackSection(r: FeedbackReport): ReportSection {
  const o = r.overall,
    rr = r.responseRate;
  const lines = [
    `Survey responses ${r.responses.firstDate ?? '-'} .. ${r.responses.lastDate ?? '-'}: ${r.responses.used.toLocaleString('en-US')} used of ${r.responses.total.toLocaleString('en-US')} (${r.responses.npsAnswers.toLocaleString('en-US')} NPS, ${r.responses.csatAnswers.toLocaleString('en-US')} CSAT answers) from ${r.responses.respondents.toLocaleString('en-US')} customers; as of ${r.asOf}`,
    `NPS ${one(o.nps)} (95% CI ${one(o.npsLower)} to ${one(o.npsUpper)}; ${o.promoters.toLocaleString('en-US')} promoters, ${o.passives.toLocaleString('en-US')} passives, ${o.detractors.toLocaleString('en-US')} detractors)`,
    `CSAT ${Number.isFinite(o.csatMean) ? o.csatMean.toFixed(2) : 'n/a'} of 5 (95% CI ${Number.isFinite(o.csatLower) ? o.csatLower.toFixed(2) : 'n/a'} to ${Number.isFinite(o.csatUpper) ? o.csatUpper.toFixed(2) : 'n/a'}); ${formatPercent(o.satisfiedShare)} satisfied (4 or 5)`,
    `Response rate ${formatPercent(rr.rate)} (95% CI ${formatPercent(rr.lower)} to ${formatPercent(rr.upper)}): ${rr.respondents.toLocaleString('en-US')} of ${rr.base.toLocaleString('en-US')} customers`,
    `Non-response: ${r.nonResponse.verdict}`,
  ];
  if (r.detractorValue) lines.push(`Value at stake: ${r.detractorValue.text}`);
  if (r.chain.status === 'ok') lines.push('', 'Satisfaction-profit chain:', ...r.chain.estimate.sentences.map((s) => `  ${s}`));
  else lines.push('', `Satisfaction-profit chain not computed: ${r.chain.reason}`);
  const warnings = [...r.warnings, ...(r.chain.status === 'ok' ? r.chain.estimate.warnings : [])];
  return { id: 'feedback', title: 'cvm feedback', lines, warnings, tables: feedbackTables(r) };
}
