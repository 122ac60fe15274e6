// What ingestFile takes and what it reports.
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
