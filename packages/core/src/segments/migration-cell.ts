import type { SqlDialect, SqlValue } from '../engine/engine.js';
import { InputError } from '../errors.js';
import type { ServedTable } from '../tables/served-table.js';
import { GONE, MIGRATION_DIMENSIONS, NOT_YET, type MigrationDimension } from './migration-sql.js';

/** One cell of a transition matrix: the customers in `fromState` on `from` and in `toState` on `to`. */
export interface MigrationCell {
  /** ISO day of the first snapshot. */
  from: string;
  /** ISO day of the second snapshot (after `from`). */
  to: string;
  dimension: MigrationDimension;
  /** State on `from`, as in the matrix (`(not yet a customer)` for customers acquired in between). */
  fromState: string;
  /** State on `to`, as in the matrix (`(not in snapshot)` for customers missing from it). */
  toState: string;
}

/**
 * The customer ids of one transition-matrix cell, from the two stored snapshots, with the states as
 * bound parameters `$m_from_state`, `$m_to_state` (user text never enters the SQL). Same join and
 * labels as `transitionSql`, so the ids number exactly the cell's count.
 *
 * @param d - the engine's dialect
 * @param cell - the snapshot days, the dimension and the two states
 * @returns the SELECT (one column `customer_id`) and its parameters
 * @throws {InputError} `bad_dimension` for a dimension outside MIGRATION_DIMENSIONS; `bad_period_order`
 *   when `from` is not before `to`
 * @example
 * migrationCellSql(engine.dialect, { from: '1997-06-30', to: '1997-09-30', dimension: 'value_tier', fromState: 'Gold', toState: 'Silver' });
 * // => { sql: 'WITH f AS (…) SELECT … WHERE coalesce(f.value_tier, …) = $m_from_state …', params: { m_from_state: 'Gold', m_to_state: 'Silver' } }
 */
export function migrationCellSql(d: SqlDialect, cell: MigrationCell): { sql: string; params: Record<string, SqlValue> } {
  const dim = cell.dimension;
  if (!(MIGRATION_DIMENSIONS as readonly string[]).includes(dim))
    throw new InputError('bad_dimension', `The migration dimension must be one of ${MIGRATION_DIMENSIONS.join(', ')}; got "${dim}".`, {
      dimension: dim,
    });
  if (!(cell.from < cell.to))
    throw new InputError('bad_period_order', `from (${cell.from}) must come before to (${cell.to})`, { from: cell.from, to: cell.to });
  const sql = `WITH f AS (SELECT customer_id, ${dim} AS s FROM segment_snapshots WHERE as_of = ${d.dateLiteral(cell.from)}),
t AS (SELECT customer_id, ${dim} AS s FROM segment_snapshots WHERE as_of = ${d.dateLiteral(cell.to)})
SELECT coalesce(f.customer_id, t.customer_id) AS customer_id
FROM f FULL OUTER JOIN t ON f.customer_id = t.customer_id
WHERE coalesce(f.s, '${NOT_YET}') = $m_from_state AND coalesce(t.s, '${GONE}') = $m_to_state`;
  return { sql, params: { m_from_state: cell.fromState, m_to_state: cell.toState } };
}

/**
 * A served customer table narrowed to the customers of one migration cell: same columns, sorting,
 * filtering, paging and CSV as `base` (the customer table), rows limited to the cell's customers that
 * the table holds (all of them when the snapshots lie within the table's data). The cell's states are
 * bound parameters of the table (`params`).
 *
 * @param base - the customer table (`loadCustomerTable`)
 * @param d - the engine's dialect
 * @param cell - the migration cell
 * @returns the narrowed table (no cached row order: it is filtered)
 * @throws {InputError} as {@link migrationCellSql}
 * @example
 * tablePage(engine, migrationCellTable(customers, engine.dialect, cell), { page: 1, pageSize: 50, filter: [], format: 'json' });
 */
export function migrationCellTable(base: ServedTable, d: SqlDialect, cell: MigrationCell): ServedTable {
  const m = migrationCellSql(d, cell);
  const label = (s: string): string => s.replaceAll('_', ' ');
  return {
    ...base,
    id: 'customers',
    title: `Customers in ${label(cell.fromState)} on ${cell.from} and in ${label(cell.toState)} on ${cell.to} (by ${label(cell.dimension)})`,
    from: `(SELECT c.* FROM ${base.from} c WHERE c.customer_id IN (${m.sql})) AS migration_cell`,
    rowKey: undefined,
    params: { ...(base.params ?? {}), ...m.params },
  };
}
