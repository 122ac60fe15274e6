import type { Engine } from '../engine/engine.js';
import { CvmError, InputError } from '../errors.js';
import type { CustomerDimension } from '../inputs/dimension.js';
import { wilsonInterval } from '../math/stats/proportion-intervals.js';
import type { ModelScores } from '../pipeline.js';
import type { Segmentation } from '../segments/segmentation.js';
import { dayToIso, isoToDay, type CustomerSummary } from '../summary/summary.js';
import { estimateChain } from './chain.js';
import { responseDimensions } from './response-dimensions.js';
import { npsClassValues } from './nps-class-values.js';
import { responseWarnings } from './response-warnings.js';
import { loadChainData } from './chain-data.js';
import { surveyResponsesSql } from './feedback-sql.js';
import type { ChainPart, FeedbackBreakdown, FeedbackReport, LatestAnswers } from './feedback-types.js';
import { nonResponseRow, nonResponseVerdict, tierMix, weightedNps } from './non-response.js';
import { overallScores, scoreGroups } from './score-groups.js';
import { idPositions } from '../customers/id-index.js';

/** What the feedback report is computed from: the analysis' stages, aligned by customer id. */
export interface FeedbackInputs {
  /** The per-customer summary as of the analysis day. */
  summary: CustomerSummary;
  segmentation: Segmentation;
  /** Model scores (CLV, P(alive)) when the models ran. */
  scores: ModelScores | null;
  /** Horizon of the CLV, e.g. "next 52 weeks". */
  clvUnit: string | null;
  /** Acquisition channel of each summary customer (customers file, else first order), when known. */
  acquisitionChannel: CustomerDimension | null;
  /** Currency of money values, e.g. "USD" (default: "currency"). */
  currency?: string;
}

/** Options of {@link feedbackReport}. */
export interface FeedbackOptions {
  /** Outcome windows of the satisfaction-profit chain in days (default 90 and 180). */
  windows?: readonly number[];
  /** Confidence level of every interval (default 0.95). */
  level?: number;
}

/** The feedback stage: the report and each customer's latest answer. */
export interface FeedbackResult {
  report: FeedbackReport;
  latest: LatestAnswers;
}

/** The message when a workspace holds no survey responses: what to add and how. */
export const NO_SURVEYS =
  'No survey responses in this workspace: ingest a survey file (customer id, date, NPS 0-10 and/or CSAT 1-5) with `cvm feedback --surveys FILE` (or `cvm serve --surveys FILE`)';

/** True when the workspace has the survey table (a read-only workspace may predate it). */
export async function hasSurveyTable(engine: Engine): Promise<boolean> {
  const [r] = await engine.rows<{ n: number }>(engine.dialect.tableExists('survey_responses'));
  return Number(r?.n ?? 0) > 0;
}

/** Index of each id in `ids` (built once per id array, see `idPositions`). */
const indexOf = (ids: readonly string[]): ReadonlyMap<string, number> => idPositions(ids);

/**
 * The feedback report: NPS and CSAT overall and by value tier, RFM segment, lifecycle stage, survey
 * channel, acquisition channel, acquisition cohort (quarter of the first purchase) and response
 * month, each with its interval and number of answers; the response rate and the non-response bias
 * (respondents' value against everyone's, NPS reweighted to the base's tiers); the value of
 * customers by the class of their latest answer (the CLV of current detractors); and the
 * satisfaction-profit chain ({@link estimateChain}). Responses of customers not in the log, or dated
 * after the analysis day, are counted and left out.
 *
 * @throws InputError `no_surveys` when the workspace holds no survey responses (with how to add them)
 * @example
 * const { report } = await feedbackReport(engine, { summary, segmentation, scores, clvUnit: 'next 52 weeks', acquisitionChannel: null });
 * report.overall.nps; // e.g. 31.2
 */
export async function feedbackReport(engine: Engine, inputs: FeedbackInputs, options: FeedbackOptions = {}): Promise<FeedbackResult> {
  const level = options.level ?? 0.95;
  const windows = [...(options.windows ?? [90, 180])].sort((a, b) => a - b);
  if (windows.length === 0 || windows.some((w) => !Number.isInteger(w) || w < 1 || w > 3650))
    throw new InputError('bad_windows', `Chain windows must be whole numbers of days from 1 to 3650; got ${windows.join(', ')}`, {
      windows,
    });
  const none = NO_SURVEYS;
  if (!(await hasSurveyTable(engine))) throw new InputError('no_surveys', none, {});
  const s = inputs.summary,
    seg = inputs.segmentation;
  const asOf = s.calibrationEnd,
    asOfDay = isoToDay(asOf);
  const b = await engine.columns(surveyResponsesSql(engine.dialect, asOf), {
    customer_id: 'string',
    day: 'f64',
    nps: 'f64',
    csat: 'f64',
    channel: 'string',
    in_log: 'f64',
  });
  if (b.length === 0) throw new InputError('no_surveys', none, {});
  const ids = b.strings.customer_id!,
    day = b.f64.day!,
    nps = b.f64.nps!,
    csat = b.f64.csat!,
    channel = b.strings.channel!,
    inLog = b.f64.in_log!;

  // responses → summary customers; unknown ids and answers after the analysis day are left out
  const at = indexOf(s.customerId);
  const customerOf = new Int32Array(b.length).fill(-1);
  const used: number[] = [];
  let afterAsOf = 0,
    unknown = 0,
    noPurchaseDay = 0;
  const noPurchaseIds = new Set<string>();
  const unknownIds = new Set<string>();
  for (let i = 0; i < b.length; i++) {
    const c = at.get(ids[i]!);
    if (c === undefined && inLog[i] === 1) {
      noPurchaseDay++;
      noPurchaseIds.add(ids[i]!);
      continue;
    }
    if (c === undefined) {
      unknown++;
      unknownIds.add(ids[i]!);
      continue;
    }
    if (day[i]! > asOfDay) {
      afterAsOf++;
      continue;
    }
    customerOf[i] = c;
    used.push(i);
  }
  const rows = Int32Array.from(used);

  // per summary customer: latest answers
  const latest: LatestAnswers = {
    customerId: s.customerId,
    nps: new Float64Array(s.length).fill(NaN),
    day: new Float64Array(s.length).fill(NaN),
    csat: new Float64Array(s.length).fill(NaN),
  };
  const responded = new Uint8Array(s.length);
  for (const i of rows) {
    const c = customerOf[i]!;
    responded[c] = 1;
    if (Number.isFinite(nps[i]!) && !(day[i]! < latest.day[c]!)) {
      latest.nps[c] = nps[i]!;
      latest.day[c] = day[i]!;
    }
    if (Number.isFinite(csat[i]!)) latest.csat[c] = csat[i]!;
  }

  // dimensions of a response
  const segAt = seg.customerId === s.customerId ? null : indexOf(seg.customerId);
  const segIndex = Int32Array.from(s.customerId, (id, i) => (segAt ? (segAt.get(id) ?? -1) : i));
  const tierNames = seg.tiers.names;
  const dims = responseDimensions({
    asOf,
    seg,
    segIndex,
    customerOf,
    channel,
    hasChannel: used.some((i) => channel[i] !== ''),
    acquisitionChannel: inputs.acquisitionChannel,
    firstPurchase: s.firstPurchase,
    day,
  });
  const breakdowns: FeedbackBreakdown[] = dims.map((d) => {
    let order = d.order;
    if (d.chronological) order = [...new Set(Array.from(rows, (i) => d.levelOf(i)!))].sort();
    return { dimension: d.dimension, label: d.label, rule: d.rule, rows: scoreGroups(nps, csat, rows, d.levelOf, order, level) };
  });
  const overall = overallScores(nps, csat, rows, level);

  // response rate and non-response bias: the base is every customer acquired by the last response
  let first = Infinity,
    last = -Infinity,
    npsAnswers = 0,
    csatAnswers = 0;
  for (const i of rows) {
    first = Math.min(first, day[i]!);
    last = Math.max(last, day[i]!);
    if (Number.isFinite(nps[i]!)) npsAnswers++;
    if (Number.isFinite(csat[i]!)) csatAnswers++;
  }
  const flag = Uint8Array.from(s.firstPurchase, (f, c) => (f > last ? 2 : responded[c]!));
  let base = 0,
    respondents = 0;
  for (const f of flag)
    if (f !== 2) {
      base++;
      if (f === 1) respondents++;
    }
  const w = wilsonInterval(respondents, base, level);
  const money = inputs.currency ?? 'currency';
  const nrRows = [
    nonResponseRow('net_revenue', 'net revenue', `${money} to ${asOf}`, 'money', s.netRevenue, flag, level),
    nonResponseRow(
      'purchase_days',
      'purchase days',
      `to ${asOf}`,
      'count',
      Float64Array.from(s.frequency, (f) => f + 1),
      flag,
      level,
    ),
    nonResponseRow(
      'tenure',
      'tenure',
      'days',
      'duration',
      Float64Array.from(s.firstPurchase, (f) => asOfDay - f),
      flag,
      level,
    ),
  ];
  const sc = inputs.scores;
  const scoreAt = sc ? (sc.customerId === s.customerId ? null : indexOf(sc.customerId)) : null;
  const aligned = (col: Float64Array): Float64Array =>
    scoreAt
      ? Float64Array.from(s.customerId, (id) => {
          const j = scoreAt.get(id);
          return j === undefined ? NaN : col[j]!;
        })
      : col;
  const clv = sc ? aligned(sc.clv) : null,
    pAlive = sc ? aligned(sc.pAlive) : null;
  if (clv && pAlive) {
    nrRows.push(nonResponseRow('clv', 'predicted CLV', `${money}, ${inputs.clvUnit ?? 'model horizon'}`, 'money', clv, flag, level));
    nrRows.push(nonResponseRow('p_alive', 'P(alive)', `as of ${asOf}`, 'probability', pAlive, flag, level));
  }
  const tierGroups = breakdowns[0]!.rows;
  const baseTier = Int32Array.from(segIndex, (j) => (j < 0 ? -1 : seg.tiers.tier[j]!));
  const mix = tierMix(tierNames, baseTier, flag, tierGroups);
  const weighted = weightedNps(
    mix.map((m) => ({ tier: m.tier, customers: m.customers })),
    tierGroups,
    level,
  );

  // value by the class of the latest answer
  const byNpsClass = npsClassValues(s, latest.nps, clv, pAlive);
  const d = byNpsClass[0]!;
  const detractorValue = clv
    ? {
        customers: d.customers,
        clv: d.clv,
        share: d.clvShare,
        unit: `${money}, ${inputs.clvUnit ?? 'model horizon'}`,
        text: `${d.customers.toLocaleString('en-US')} customers whose latest answer is a detractor's (0–6) hold a predicted CLV of ${d.clv.toLocaleString('en-US', { maximumFractionDigits: 0 })} ${money} (${inputs.clvUnit ?? 'model horizon'}), ${(100 * d.clvShare).toFixed(1)}% of the base's: the value at stake if they leave.`,
      }
    : null;

  const warnings = responseWarnings({ asOf, unknown, unknownIds, noPurchaseDay, noPurchaseIds, afterAsOf, npsAnswers: overall.npsAnswers });

  let chain: ChainPart;
  try {
    const data = await loadChainData(engine, asOf, windows);
    chain = { status: 'ok', estimate: estimateChain(data.input, level), sample: data.sample };
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    chain = { status: 'not_computed', code: error.code, reason: error.message };
  }
  const report: FeedbackReport = {
    asOf,
    computedAt: new Date().toISOString(),
    level,
    responses: {
      total: b.length,
      used: rows.length,
      npsAnswers,
      csatAnswers,
      respondents,
      firstDate: rows.length ? dayToIso(first) : null,
      lastDate: rows.length ? dayToIso(last) : null,
      afterAsOf,
      unknown: { responses: unknown, customers: unknownIds.size, examples: [...unknownIds].slice(0, 5) },
      noPurchaseDay: { responses: noPurchaseDay, customers: noPurchaseIds.size, examples: [...noPurchaseIds].slice(0, 5) },
    },
    overall,
    breakdowns,
    responseRate: {
      base,
      respondents,
      rate: base > 0 ? respondents / base : NaN,
      lower: w.lower,
      upper: w.upper,
      rule: `customers with at least one response, out of every customer whose first purchase is on or before the last response (${rows.length ? dayToIso(last) : '-'})`,
    },
    nonResponse: { rows: nrRows, tierMix: mix, weighted, verdict: nonResponseVerdict(nrRows, overall, weighted) },
    byNpsClass,
    detractorValue,
    chain,
    units: { clv: inputs.clvUnit, money },
    warnings,
  };
  return { report, latest };
}
