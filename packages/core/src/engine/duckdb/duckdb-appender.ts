import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnBatch } from '../engine.js';
import { duckdbModule } from './duckdb-module.js';

/**
 * Appends a column batch to a table through DuckDB's appender, one data chunk of up to 2,048 rows
 * at a time (no SQL text, no per-value calls into the native client). NaN becomes NULL.
 */
export async function appendColumns(c: DuckDBConnection, table: string, batch: ColumnBatch, order: readonly string[]): Promise<void> {
  const { DuckDBDataChunk, DOUBLE, VARCHAR } = await duckdbModule();
  const appender = await c.createAppender(table);
  const CHUNK = 2048;
  const types = order.map((n) => (n in batch.f64 ? DOUBLE : VARCHAR));
  try {
    for (let lo = 0; lo < batch.length; lo += CHUNK) {
      const hi = Math.min(batch.length, lo + CHUNK);
      const chunk = DuckDBDataChunk.create(types, hi - lo);
      order.forEach((name, j) => {
        const f = batch.f64[name];
        if (f) {
          const values = new Array<number | null>(hi - lo);
          for (let i = lo; i < hi; i++) values[i - lo] = Number.isNaN(f[i]!) ? null : f[i]!;
          chunk.setColumnValues(j, values);
        } else {
          chunk.setColumnValues(j, batch.strings[name]!.slice(lo, hi));
        }
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
