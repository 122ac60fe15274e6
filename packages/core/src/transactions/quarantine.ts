import type { Engine } from '../engine/engine.js';

/** One quarantined row: where it came from, why it was rejected, and its raw values. */
export interface QuarantineRow {
  source_file: string;
  line: number;
  reason: string;
  detail: string | null;
  customer_raw: string | null;
  date_raw: string | null;
  amount_raw: string | null;
  record: string | null;
}

/** Quarantined rows in file and line order, optionally of one reason. */
export async function listQuarantine(engine: Engine, reason?: string, limit = 1_000_000): Promise<QuarantineRow[]> {
  return engine.rows<QuarantineRow>(
    `SELECT source_file, line, reason, detail, customer_raw, date_raw, amount_raw, record FROM quarantine
     WHERE $reason IS NULL OR reason = $reason ORDER BY source_id, line LIMIT $limit`,
    { reason: reason ?? null, limit },
  );
}
