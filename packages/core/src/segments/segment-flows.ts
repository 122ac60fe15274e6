import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { MIGRATION_DIMENSIONS, type MigrationDimension } from './migration-sql.js';
import { migrationStatements } from './migration-statements.js';
import { requireSnapshot } from './snapshots.js';
import type { TransitionCell } from './transition-matrix.js';

/** One link of a Sankey chart: customers who went from one state to another between two snapshots. */
export interface SegmentFlow {
  from: string;
  to: string;
  fromState: string;
  toState: string;
  customers: number;
}

/**
 * Segment flows over several stored snapshots (consecutive pairs, oldest first): the links of a
 * Sankey chart.
 * @throws InputError when fewer than two dates are given or a snapshot is missing.
 */
export async function segmentFlows(
  engine: Engine,
  dates: readonly string[],
  dimension: MigrationDimension = 'value_tier',
): Promise<SegmentFlow[]> {
  if (dates.length < 2) throw new InputError('bad_usage', `Segment flows need at least two snapshot dates; got ${dates.length}`, {});
  if (!MIGRATION_DIMENSIONS.includes(dimension))
    throw new InputError('bad_dimension', `dimension must be one of ${MIGRATION_DIMENSIONS.join(', ')}`, { dimension });
  const sorted = [...dates].sort();
  const out: SegmentFlow[] = [];
  for (let i = 1; i < sorted.length; i++) {
    await requireSnapshot(engine, sorted[i - 1]!);
    await requireSnapshot(engine, sorted[i]!);
    const cells = await engine.rows<TransitionCell>(
      migrationStatements(engine.dialect).transition(engine.dialect, sorted[i - 1]!, sorted[i]!, dimension),
    );
    for (const c of cells)
      out.push({ from: sorted[i - 1]!, to: sorted[i]!, fromState: c.from_state, toState: c.to_state, customers: c.customers });
  }
  return out;
}
