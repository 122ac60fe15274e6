import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { probeFile } from '../transactions/file-probe.js';
import { getCampaign } from './campaign-store.js';
import { deleteResponsesSql, responseCountsSql } from './campaign-sql.js';
import {
  describeSql,
  dropExperimentStageSql,
  experimentQuarantineSql,
  experimentReaderSql,
  insertResponsesSql,
  stagedRowsSql,
  stageExperimentSql,
} from './experiment-file-sql.js';
import type { QuarantinedExperimentRow } from './experiment-file.js';

/** Columns of a response file. */
export interface ResponseFileOptions {
  /** Customer id column (default `customer_id`). */
  idColumn?: string;
  /** 0/1 (or true/false) column; absent = every listed customer responded. */
  respondedColumn?: string;
  revenueColumn?: string;
  marginColumn?: string;
}

/** What loading a response file did. */
export interface ResponseFileReport {
  rowsRead: number;
  rowsLoaded: number;
  quarantine: QuarantinedExperimentRow[];
  /** Loaded rows whose customer is not in the campaign (ignored by the results). */
  unknownCustomers: number;
}

/**
 * Loads a response file for a campaign whose outcome is not a purchase in the log (a visit, a
 * sign-up, a call): one row per responding customer, optionally with `responded` (0/1), revenue and
 * margin columns. It replaces an earlier file of the campaign; once loaded, the results use it
 * instead of the transactions. Customers of the campaign not in the file did not respond. Rows with
 * an empty id or a non-numeric value are quarantined with their line.
 * @throws InputError `campaign_not_found`, `unknown_column`, file errors.
 * @example
 * await loadCampaignResponses(engine, 'survey-2024', 'responses.csv', { respondedColumn: 'completed' });
 */
export async function loadCampaignResponses(
  engine: Engine,
  campaignId: string,
  path: string,
  options: ResponseFileOptions = {},
): Promise<ResponseFileReport> {
  await getCampaign(engine, campaignId);
  const probe = await probeFile(path);
  const reader = experimentReaderSql(path, probe.format);
  const available = (await engine.rows<{ column_name: string }>(describeSql(reader))).map((r) => r.column_name);
  const cols = [options.idColumn ?? 'customer_id', options.respondedColumn, options.revenueColumn, options.marginColumn];
  const wanted = [...new Set(cols.filter((c): c is string => c !== undefined))];
  for (const c of wanted) {
    if (!available.includes(c))
      throw new InputError('unknown_column', `${probe.fileName} has no column "${c}"; its columns are ${available.join(', ')}`, {
        column: c,
        columns: available,
      });
  }
  const at = (c: string | undefined): number | null => (c === undefined ? null : wanted.indexOf(c));
  try {
    await engine.exec(stageExperimentSql(reader, probe.format, wanted));
    const [{ n: rowsRead }] = (await engine.rows<{ n: number }>(stagedRowsSql())) as [{ n: number }];
    const present = cols
      .slice(1)
      .flatMap((c, k) => (c === undefined ? [] : [[wanted.indexOf(c), ['responded', 'revenue', 'margin'][k]!] as [number, string]]));
    const quarantine = (
      await engine.rows<QuarantinedExperimentRow>(experimentQuarantineSql(at(cols[0])!, present, 'missing_customer_id', true))
    ).map((r) => ({ ...r, line: Number(r.line) }));
    await engine.exec('BEGIN TRANSACTION');
    try {
      await engine.exec(deleteResponsesSql(), [campaignId]);
      await engine.exec(insertResponsesSql(at(cols[0])!, at(cols[1]), at(cols[2]), at(cols[3])), [campaignId]);
      await engine.exec('COMMIT');
    } catch (error) {
      await engine.exec('ROLLBACK').catch(() => {});
      throw error;
    }
    const [counts] = await engine.rows<{ loaded: number; unknown: number | null }>(responseCountsSql(), [campaignId]);
    return { rowsRead, rowsLoaded: counts?.loaded ?? 0, quarantine, unknownCustomers: Number(counts?.unknown ?? 0) };
  } finally {
    await engine.exec(dropExperimentStageSql()).catch(() => {});
  }
}
