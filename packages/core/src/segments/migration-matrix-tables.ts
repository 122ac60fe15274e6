/**
 * The migration matrix's other two views, declared once (issue 19): the share of each starting
 * state that moved to each state, and the value of the customers in each cell. `cvm migrate`
 * (table format, `--view row_share|value_moved`), GET /api/migration (JSON `tables`,
 * `format=csv&table=row_share|value_moved`) and the dashboard's Migration page render these.
 */
import { matrixTable } from '../report/matrix-table.js';
import type { ReportTable } from '../report/report-table.js';
import type { MigrationReport } from './migration-types.js';

/**
 * Row shares: one row per state on the first day, one column per state on the second; each row sums
 * to 1 (a state with no customer on the first day: all 0).
 * @example
 * rowShareTable(m).columns.at(-1)!.key; // the last state on the second day (no total column)
 */
export function rowShareTable(m: MigrationReport): ReportTable {
  const x = m.matrix;
  return matrixTable(
    'migration.row_share',
    'Row % (share of each starting state that moved to each state)',
    'from \\ to',
    x.fromStates,
    x.toStates,
    x.rowShare,
    'share',
    [],
    { total: false },
  );
}

/**
 * Value moved: the net revenue up to the first day of the customers in each cell (diagonal cells:
 * the customers who stayed).
 * @example
 * valueMovedTable(m).rows[0]!.length === m.matrix.toStates.length + 1; // true
 */
export function valueMovedTable(m: MigrationReport): ReportTable {
  const x = m.matrix;
  return matrixTable(
    'migration.value_moved',
    `Value moved (value on ${m.from} of the customers in each cell; currency)`,
    'from \\ to',
    x.fromStates,
    x.toStates,
    x.valueFrom,
    'money',
    [],
    { total: false },
  );
}
