import type { Engine } from '../engine/engine.js';
import { createDuckDbEngine } from '../engine/duckdb/duckdb-engine.js';
import { innerEngine, inTransaction } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { InputError } from '../errors.js';
import { probeFile } from '../transactions/file-probe.js';
import { readCampaign } from './campaign-store.js';
import { CAMPAIGN_DDL, deleteResponsesSql, markResponsesSql } from './campaign-sql.js';
import { responseCountsSql } from './campaign-results-sql.js';
import { saveClickHouseResponses } from './campaign-store-clickhouse.js';
import { writeToken } from './campaign-token.js';
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
 * an empty id or a non-numeric value are quarantined with their line. On ClickHouse the file is read
 * and checked by the same SQL in a temporary in-memory DuckDB, and the clean rows are inserted into
 * the cluster under a fresh write token, published with the campaign only once they are all in
 * (see `campaign-writes-clickhouse.ts`): results never read a part of the file.
 * @throws InputError `campaign_not_found`, `unknown_column`, file errors; EngineError `campaign_write_lost` (ClickHouse).
 * @example
 * await loadCampaignResponses(engine, 'survey-2024', 'responses.csv', { respondedColumn: 'completed' });
 */
export async function loadCampaignResponses(
  engine: Engine,
  campaignId: string,
  path: string,
  options: ResponseFileOptions = {},
): Promise<ResponseFileReport> {
  await readCampaign(engine, campaignId);
  const base = innerEngine(engine);
  const ch = isClickHouseEngine(base) ? base : null;
  // the engine that reads the file: the workspace's DuckDB, or a temporary one for a ClickHouse workspace
  const reading = ch ? createDuckDbEngine() : engine;
  try {
    const report = await readResponses(reading, campaignId, path, options);
    if (ch) {
      const saved = await saveClickHouseResponses(
        ch,
        campaignId,
        await reading.columns('SELECT campaign_id, customer_id, responded, revenue, margin FROM campaign_responses', {
          campaign_id: 'string',
          customer_id: 'string',
          responded: 'f64',
          revenue: 'f64',
          margin: 'f64',
        }),
      );
      if (!saved) throw new InputError('campaign_not_found', `No campaign "${campaignId}" to load responses for`, { id: campaignId });
    }
    const { versions } = await readCampaign(engine, campaignId);
    const [counts] = await engine.rows<{ loaded: number; unknown: number | null }>(responseCountsSql(engine.dialect, versions));
    return { ...report, rowsLoaded: Number(counts?.loaded ?? 0), unknownCustomers: Number(counts?.unknown ?? 0) };
  } finally {
    if (ch) await reading.close();
  }
}

/** Stages, checks and stores a response file in a DuckDB workspace (the campaign tables created when missing). */
async function readResponses(
  engine: Engine,
  campaignId: string,
  path: string,
  options: ResponseFileOptions,
): Promise<Omit<ResponseFileReport, 'rowsLoaded' | 'unknownCustomers'>> {
  await engine.exec(CAMPAIGN_DDL);
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
    const version = writeToken();
    await inTransaction(engine, async (tx) => {
      await tx.exec(deleteResponsesSql(), [campaignId]);
      await tx.exec(insertResponsesSql(at(cols[0])!, at(cols[1]), at(cols[2]), at(cols[3])), [campaignId, version]);
      // the campaign's row names the new token (no row in the temporary DuckDB of a ClickHouse workspace)
      await tx.exec(markResponsesSql(), [campaignId, version]);
    });
    return { rowsRead, quarantine };
  } finally {
    await engine.exec(dropExperimentStageSql()).catch(() => {});
  }
}
