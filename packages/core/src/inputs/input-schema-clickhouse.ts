import type { ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { specsFromDuckDbDdl } from '../engine/clickhouse/clickhouse-ddl.js';
import { INPUTS_DDL } from './input-schema.js';

/** Sharding of each input table: per-customer and per-prospect rows by their id, the rest by a key of their own. */
const SHARD_KEYS: Record<string, string> = {
  input_sources: 'source_id',
  input_quarantine: 'cityHash64(source_id, line)',
  input_attributes: 'cityHash64(kind, name)',
  customer_profiles: 'cityHash64(customer_id)',
  customer_attributes: 'cityHash64(customer_id)',
  marketing_spend: 'cityHash64(channel)',
  prospects: 'cityHash64(prospect_id)',
  prospect_attributes: 'cityHash64(prospect_id)',
  survey_responses: 'cityHash64(customer_id)',
};

/** The input tables shared by every kind: a partition per kind, so a kind's rows are replaced by dropping it. */
export const KIND_PARTITIONED = ['input_sources', 'input_quarantine', 'input_attributes'] as const;

/**
 * The input tables (`input-schema.ts`) as ClickHouse table specs, read off the DuckDB DDL; the
 * tables shared by the kinds are partitioned by kind. Ingesting: `input-ingest-clickhouse.ts`.
 */
export const clickhouseInputTables = (): ClickHouseTableSpec[] =>
  specsFromDuckDbDdl(INPUTS_DDL, SHARD_KEYS).map((s) =>
    (KIND_PARTITIONED as readonly string[]).includes(s.name) ? { ...s, partitionBy: 'kind' } : s,
  );
