import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import {
  ACTIVITIES,
  ACTIVITY_COLUMNS,
  ACTIVITY_QUARANTINE,
  ACTIVITY_QUARANTINE_REASONS,
  activityParseSql,
  activityRejectCountSql,
  activityStageSql,
  type ActivityColumn,
  type ActivityQuarantineReason,
} from './activities-sql.js';

export interface ActivityReport {
  file: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  quarantineByReason: Partial<Record<ActivityQuarantineReason, number>>;
  /** The first quarantined rows (up to 20), for the message a user sees. */
  examples: { line: number; reason: ActivityQuarantineReason; detail: string | null; record: string | null }[];
  /** Which header column was read for each field. */
  columns: Record<ActivityColumn, string>;
}

const norm = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Loads a per-customer activity file (CSV with a header: customer id, activity, count, date) into
 * the temporary table `cvm_activities`, for the activity-file drivers of the cost model. Every row
 * is accepted or kept in `cvm_activity_quarantine` with its line and a reason
 * (see {@link ACTIVITY_QUARANTINE_REASONS}); none is dropped. Activity names compare lower-case;
 * dates are ISO `YYYY-MM-DD` or `YYYYMMDD` and must fall in the cost period [start, end].
 *
 * @param activities the activity names the cost pools count (others are `unknown_activity`)
 * @throws InputError `unreadable_activity_file` when the file cannot be read as CSV,
 *   `bad_activity_file` when a column is missing (the message lists the header).
 */
export async function loadActivities(
  engine: Engine,
  path: string,
  activities: string[],
  period: { start: string; end: string },
): Promise<ActivityReport> {
  try {
    for (const sql of activityStageSql(path)) await engine.exec(sql);
  } catch (error) {
    throw new InputError(
      'unreadable_activity_file',
      `The activity file ${path} could not be read as CSV: ${String((error as Error).message)
        .split('\n')[0]!
        .replace(/^DuckDB query failed: /, '')}`,
      { path },
    );
  }
  const header = (await engine.rows<{ column_name: string }>('DESCRIBE cvm_activity_stage')).map((r) => r.column_name);
  const columns = {} as Record<ActivityColumn, string>;
  for (const field of Object.keys(ACTIVITY_COLUMNS) as ActivityColumn[]) {
    const found = header.find((h) => (ACTIVITY_COLUMNS[field] as readonly string[]).includes(norm(h)));
    if (found === undefined) {
      throw new InputError(
        'bad_activity_file',
        `The activity file ${path} has no ${field} column (accepted names: ${ACTIVITY_COLUMNS[field].join(', ')}); its columns are: ${header.join(', ')}`,
        { path, field, header },
      );
    }
    columns[field] = found;
  }
  const rejected = (await engine.rows<{ n: number }>(activityRejectCountSql()))[0]!.n;
  for (const sql of activityParseSql(
    columns,
    rejected > 0,
    activities.map((a) => a.toLowerCase()),
    period.start,
    period.end,
  ))
    await engine.exec(sql);
  const accepted = (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${ACTIVITIES}`))[0]!.n;
  const byReason = await engine.rows<{ reason: ActivityQuarantineReason; n: number }>(
    `SELECT reason, count(*) AS n FROM ${ACTIVITY_QUARANTINE} GROUP BY reason ORDER BY reason`,
  );
  const examples = await engine.rows<ActivityReport['examples'][number]>(
    `SELECT line, reason, detail, record FROM ${ACTIVITY_QUARANTINE} ORDER BY line LIMIT 20`,
  );
  const quarantineByReason: ActivityReport['quarantineByReason'] = {};
  let quarantined = 0;
  for (const r of byReason) {
    quarantineByReason[r.reason] = r.n;
    quarantined += r.n;
  }
  return {
    file: path,
    rowsRead: accepted + quarantined,
    rowsAccepted: accepted,
    rowsQuarantined: quarantined,
    quarantineByReason,
    examples,
    columns,
  };
}

export { ACTIVITY_QUARANTINE_REASONS };
