// What ingestFile takes and what it reports.
import type { Engine } from '../engine/engine.js';
import type { ColumnMapping, ResolvedMapping } from './column-mapping.js';
import type { DateFormat, DateDetection } from './date-formats.js';
import type { TextEncoding } from './file-encoding.js';
import type { FileFormat } from './ingest-sql.js';
import type { QuarantineReason } from './schema.js';

export interface IngestOptions {
  /** Explicit column mapping; unmapped fields are auto-detected from the header. */
  mapping?: ColumnMapping;
  /** Date format (default `auto`). */
  dateFormat?: DateFormat;
  /** IANA time zone of naive timestamps and of the business day (default `UTC`). */
  timezone?: string;
  /** CSV delimiter (default: sniffed by DuckDB). */
  delimiter?: string;
  /** Accepted dates: [minDate, maxDate), ISO `YYYY-MM-DD`. Defaults 1970-01-01 and tomorrow (UTC). */
  minDate?: string;
  maxDate?: string;
  /** Order ids starting with this text are cancellations (kept as returns), e.g. `C`. */
  cancelPrefix?: string | null;
  /** Exact-duplicate check: `auto` (default) turns it on when an order id column is mapped. */
  dedupe?: 'auto' | 'on' | 'off';
  /** Fail (and add nothing) when any row would be quarantined. */
  strict?: boolean;
  /** Progress callback for long work (a stage name). */
  onProgress?: (stage: string) => void;
  /**
   * Library hook: the exact-duplicate check against earlier files done elsewhere (the ClickHouse
   * ingest validates in a temporary DuckDB and checks on the shards). Called once, after the
   * within-file check and only when the check applies, with the engine and the name of a temporary
   * table of the accepted rows not already duplicates within the file: `rn` and the key as it is
   * stored (`DUPLICATE_KEY_COLUMNS` in parse-sql.ts: the amount signed). Resolves to the `rn` of
   * the rows equal to an accepted row of an earlier, non-replaced file; they are quarantined as
   * `duplicate_row`. Without it the check reads this engine's own `transactions`.
   */
  earlierDuplicates?: (engine: Engine, keysTable: string) => Promise<ArrayLike<number>>;
}

export interface IngestReport {
  file: string;
  format: FileFormat;
  /** Text encoding of the file as found (UTF-16 is converted to UTF-8 before reading). */
  encoding: TextEncoding;
  bytes: number;
  sha256: string;
  /** `ingested` (new), `replaced` (same path, new content: old rows removed), `unchanged` (same content seen before). */
  status: 'ingested' | 'replaced' | 'unchanged';
  sourceId: number;
  mapping: ResolvedMapping | null;
  dateFormat: (DateDetection & { detected: boolean }) | null;
  timezone: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  quarantineByReason: Partial<Record<QuarantineReason, number>>;
  returns: { rows: number; amount: number };
  duplicateCheck: boolean;
  acceptedRange: [string, string];
}
