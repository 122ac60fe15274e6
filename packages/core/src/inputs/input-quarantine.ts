import type { Engine } from '../engine/engine.js';
import { ensureInputTables } from './input-ingest.js';

/** One quarantined row of an input file (customers, spend, prospects). */
export interface InputQuarantineRow {
  kind: string;
  source_file: string;
  line: number;
  reason: string;
  detail: string | null;
  record: string | null;
}

/**
 * Quarantined rows of the input files in kind and line order, optionally of one kind and reason.
 * @example (await listInputQuarantine(engine, 'spend'))[0]; // { kind: 'spend', line: 5, reason: 'negative_amount', … }
 */
export async function listInputQuarantine(
  engine: Engine,
  kind?: string,
  reason?: string,
  limit = 1_000_000,
): Promise<InputQuarantineRow[]> {
  await ensureInputTables(engine);
  // only the filters given (ClickHouse 18.16 cannot compare a String with a NULL parameter)
  const where = [kind === undefined ? '' : 'kind = $kind', reason === undefined ? '' : 'reason = $reason'].filter(Boolean);
  return engine.rows<InputQuarantineRow>(
    `SELECT kind, source_file, line, reason, detail, record FROM input_quarantine
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY kind, line LIMIT $limit`,
    { ...(kind === undefined ? {} : { kind }), ...(reason === undefined ? {} : { reason }), limit },
  );
}
