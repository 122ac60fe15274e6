import type { ActivityReport } from './activities.js';
import { allocateCents, fromCents, sumCents, toCents } from './allocate-cents.js';
import type { CostModel } from './cost-model.js';
import { DRIVERS } from './drivers.js';
import type { PoolResult, Reconciliation, UnassignedReason } from './profitability-types.js';

/** Each pool's cost split over the customers, with its reconciliation (see {@link allocatePools}). */
export interface PoolAllocation {
  /** Cost to serve per customer, whole cents (the sum over pools). */
  cts: Float64Array;
  pools: PoolResult[];
  /** Per pool: each customer's driver volume and cost (currency). */
  volume: Float64Array[];
  poolCost: Float64Array[];
  recon: Reconciliation['pools'];
}

/**
 * Splits every cost pool over the customers in proportion to their driver volume, in whole cents by
 * the largest-remainder method ({@link allocateCents}); the volume of ids outside the log (activity
 * of customers with no transaction in the period) is one more claimant whose cents stay unassigned,
 * as is a pool without driver volume or without its activity file, each with its reason. Pushes a
 * plain-words warning for a pool with no driver volume.
 *
 * @param driverVolume - pool k's volume per row of the profit query (`v${k}`), customers and outside ids alike
 * @param inLog - 1 for a customer in the log, 0 for an activity-only id, per row of the profit query
 * @param keep - the rows of customers in the log (null: every row)
 * @param pick - a profit-query column restricted to `keep`
 * @example
 * allocatePools(model, (k) => b.f64[`v${k}`]!, b.f64.in_log!, null, (a) => a, null, []).pools[0]!.assigned; // the pool's cost, to the cent
 */
export function allocatePools(
  model: CostModel,
  driverVolume: (k: number) => Float64Array,
  inLog: Float64Array,
  keep: Int32Array | null,
  pick: (a: Float64Array) => Float64Array,
  activities: ActivityReport | null,
  warnings: string[],
): PoolAllocation {
  const n = keep === null ? inLog.length : keep.length;
  const cts = new Float64Array(n);
  const pools: PoolResult[] = [];
  const volume: Float64Array[] = [];
  const poolCost: Float64Array[] = [];
  const recon: Reconciliation['pools'] = [];
  model.pools.forEach((p, k) => {
    const all = driverVolume(k);
    let outsideVolume = 0;
    if (keep !== null) for (let i = 0; i < inLog.length; i++) if (inLog[i] === 0) outsideVolume += all[i]!;
    const v = pick(all);
    const poolCents = toCents(p.cost);
    const { cents, unassignedCents } = allocateCents(poolCents, v, outsideVolume);
    const customersCents = sumCents(cents);
    let customerVolume = 0;
    for (let i = 0; i < n; i++) {
      cts[i]! += cents[i]!;
      customerVolume += v[i]!;
    }
    const totalVolume = customerVolume + outsideVolume;
    const reason: UnassignedReason | null =
      unassignedCents === 0
        ? null
        : totalVolume === 0
          ? DRIVERS[p.driver].source === 'activity' && activities === null
            ? 'no_activity_file'
            : 'no_driver_volume'
          : 'customers_not_in_log';
    if (reason === 'no_driver_volume')
      warnings.push(
        `Pool "${p.name}" (${p.cost} ${model.currency}) has no ${DRIVERS[p.driver].unit} in the period${p.channel ? ` for channel "${p.channel}"` : ''}; its whole cost is unassigned`,
      );
    pools.push({
      name: p.name,
      driver: p.driver,
      unit: DRIVERS[p.driver].unit,
      channel: p.channel,
      activity: p.activity,
      cost: poolCents / 100,
      totalVolume,
      outsideVolume,
      rate: totalVolume > 0 ? p.cost / totalVolume : Number.NaN,
      assigned: customersCents / 100,
      unassigned: unassignedCents / 100,
      unassignedReason: reason,
    });
    recon.push({ name: p.name, poolCents, customersCents, unassignedCents, differenceCents: poolCents - customersCents - unassignedCents });
    volume.push(v);
    poolCost.push(fromCents(cents));
  });
  return { cts, pools, volume, poolCost, recon };
}
