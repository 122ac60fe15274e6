/**
 * The Commit step of the customer value plan: one goal per segment (value tier × lifecycle stage),
 * chosen by a stated rule from the segment's value, risk and profitability. Pure: arrays in, rows out.
 */

/** What a plan can commit a segment to. */
export const PLAN_GOALS = ['serve cheaper', 'win back', 'retain', 'acquire look-alikes', 'grow'] as const;
export type PlanGoal = (typeof PLAN_GOALS)[number];

/** Thresholds of the goal rule. */
export interface GoalRuleOptions {
  /** Retain a segment whose value at risk is at least this share of its value if alive (default 0.4). */
  retainRiskShare?: number;
}

/** Per-customer inputs of the rule, all in one order. NaN marks "not known" in the optional arrays. */
export interface GoalInputs {
  tierNames: readonly string[];
  stageNames: readonly string[];
  /** Tier index per customer (0 = best). */
  tier: Uint8Array;
  /** Lifecycle stage index per customer (into `stageNames`). */
  stage: Uint8Array;
  /** The tier value per customer (predicted CLV when the models ran, else historic net revenue; currency). */
  value: Float64Array;
  /** Historic net revenue per customer (currency). */
  historic: Float64Array;
  /** Value at risk and value if alive per customer (retention scores), or null without models. */
  valueAtRisk: Float64Array | null;
  valueIfAlive: Float64Array | null;
  /** Profit per customer over the cost period (gross margin − cost to serve), or null without a cost model. */
  profit: Float64Array | null;
}

/** One segment with its figures, goal and the reason in words. */
export interface SegmentGoal {
  tier: string;
  stage: string;
  customers: number;
  /** Σ value (currency) and per customer. */
  value: number;
  valuePerCustomer: number;
  historicPerCustomer: number;
  /** Σ value at risk; its share of Σ value if alive (null without models). */
  valueAtRisk: number | null;
  riskShare: number | null;
  /** Σ profit and per customer (null without a cost model). */
  profit: number | null;
  profitPerCustomer: number | null;
  goal: PlanGoal;
  reason: string;
}

/** The rule in words, as the plan prints it under the goals (the same order the code applies it). */
export function goalRuleText(o: GoalRuleOptions = {}): string[] {
  const r = o.retainRiskShare ?? 0.4;
  return [
    'Each segment is a value tier × lifecycle stage; the first rule that applies sets its goal:',
    '1. serve cheaper: profit per customer is below zero (needs a cost model);',
    "2. win back: the stage is lapsed or churned and historic net revenue per customer is at least the median customer's; lapsed or churned below it: serve cheaper;",
    `3. retain: the stage is at_risk, or value at risk is at least ${Math.round(r * 100)}% of the value if alive (needs the models);`,
    '4. acquire look-alikes: the top tier, healthy (new, active or reactivated): keep them and find more like them;',
    '5. grow: every other segment (cross-sell and up-sell to the tier above).',
  ];
}

/** Median of the finite values (NaN when none). */
function median(x: Float64Array): number {
  const s = Float64Array.from(x.filter((v) => Number.isFinite(v))).sort();
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

const fmt = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * The goal of every non-empty segment (value tier × lifecycle stage) by {@link goalRuleText}'s rule,
 * in tier then stage order.
 * @example
 * chooseGoals({ tierNames: ['Top', 'Rest'], stageNames: ['active', 'lapsed'], tier: Uint8Array.of(0, 1),
 *   stage: Uint8Array.of(0, 1), value: Float64Array.of(500, 20), historic: Float64Array.of(900, 40),
 *   valueAtRisk: null, valueIfAlive: null, profit: null }).map((g) => g.goal);
 * // → ['acquire look-alikes', 'serve cheaper']
 */
export function chooseGoals(x: GoalInputs, o: GoalRuleOptions = {}): SegmentGoal[] {
  const retainShare = o.retainRiskShare ?? 0.4;
  const nT = x.tierNames.length,
    nS = x.stageNames.length;
  const cells = nT * nS;
  const count = new Float64Array(cells),
    value = new Float64Array(cells),
    historic = new Float64Array(cells);
  const risk = new Float64Array(cells),
    alive = new Float64Array(cells),
    profit = new Float64Array(cells);
  for (let i = 0; i < x.tier.length; i++) {
    const c = x.tier[i]! * nS + x.stage[i]!;
    count[c]!++;
    value[c]! += Number.isFinite(x.value[i]!) ? x.value[i]! : 0;
    historic[c]! += Number.isFinite(x.historic[i]!) ? x.historic[i]! : 0;
    if (x.valueAtRisk) risk[c]! += Number.isFinite(x.valueAtRisk[i]!) ? x.valueAtRisk[i]! : 0;
    if (x.valueIfAlive) alive[c]! += Math.max(Number.isFinite(x.valueIfAlive[i]!) ? x.valueIfAlive[i]! : 0, 0);
    if (x.profit) profit[c]! += Number.isFinite(x.profit[i]!) ? x.profit[i]! : 0;
  }
  const medianHistoric = median(x.historic);
  const out: SegmentGoal[] = [];
  for (let t = 0; t < nT; t++) {
    for (let s = 0; s < nS; s++) {
      const c = t * nS + s,
        n = count[c]!;
      if (n === 0) continue;
      const stage = x.stageNames[s]!;
      const g: SegmentGoal = {
        tier: x.tierNames[t]!,
        stage,
        customers: n,
        value: value[c]!,
        valuePerCustomer: value[c]! / n,
        historicPerCustomer: historic[c]! / n,
        valueAtRisk: x.valueAtRisk ? risk[c]! : null,
        riskShare: x.valueAtRisk && x.valueIfAlive ? (alive[c]! > 0 ? risk[c]! / alive[c]! : 0) : null,
        profit: x.profit ? profit[c]! : null,
        profitPerCustomer: x.profit ? profit[c]! / n : null,
        goal: 'grow',
        reason: '',
      };
      if (g.profitPerCustomer !== null && g.profitPerCustomer < 0) {
        g.goal = 'serve cheaper';
        g.reason = `profit per customer ${fmt(g.profitPerCustomer)} is below zero`;
      } else if (stage === 'lapsed' || stage === 'churned') {
        const worth = g.historicPerCustomer >= medianHistoric;
        g.goal = worth ? 'win back' : 'serve cheaper';
        g.reason = `${stage}, historic net revenue per customer ${fmt(g.historicPerCustomer)} ${worth ? '≥' : '<'} the median customer's ${fmt(medianHistoric)}`;
      } else if (stage === 'at_risk' || (g.riskShare !== null && g.riskShare >= retainShare)) {
        g.goal = 'retain';
        g.reason =
          stage === 'at_risk'
            ? 'at_risk stage'
            : `value at risk is ${Math.round(100 * g.riskShare!)}% of the value if alive (≥ ${Math.round(100 * retainShare)}%)`;
      } else if (t === 0 && (stage === 'new' || stage === 'active' || stage === 'reactivated')) {
        g.goal = 'acquire look-alikes';
        g.reason = `the top tier, ${stage}: the profile to find more of`;
      } else {
        g.reason = `${stage} in ${g.tier}: room to grow`;
      }
      out.push(g);
    }
  }
  return out;
}
