import type { RfmData } from '../../src/models/shared/model-types.js';
import { dataPath, readNumericCsv } from './read-csv.js';

/** The CDNOW 1/10 sample summary (2,357 customers, weeks) as RfmData plus zbar (mean repeat spend). */
export function cdnowSample(): RfmData & { zbar: Float64Array } {
  const d = readNumericCsv(dataPath('cdnow/cdnow_sample_rfm_summary.csv'));
  return { x: d.x, tx: d.t_x, T: d.T, zbar: d.zbar };
}

/**
 * The full CDNOW master cohort (23,570 customers, 1997-01-01..1998-06-30) summarised in days for the
 * whole 78 weeks: x = distinct purchase days − 1, tx = last − first purchase day, T = 1998-06-30 −
 * first purchase day. Test-only (the product computes summaries in SQL).
 */
export function cdnowMasterDays(): RfmData {
  const d = readNumericCsv(dataPath('cdnow/cdnow_master_elog.csv'));
  const toDay = (v: number): number => Date.UTC(Math.floor(v / 10000), (Math.floor(v / 100) % 100) - 1, v % 100) / 86_400_000;
  const first = new Map<number, number>(),
    last = new Map<number, number>(),
    days = new Map<number, Set<number>>();
  for (let i = 0; i < d.customer_id.length; i++) {
    const id = d.customer_id[i],
      day = toDay(d.date[i]);
    let s = days.get(id);
    if (!s) {
      s = new Set();
      days.set(id, s);
    }
    s.add(day);
    first.set(id, Math.min(first.get(id) ?? Infinity, day));
    last.set(id, Math.max(last.get(id) ?? -Infinity, day));
  }
  const end = toDay(19980630);
  const n = days.size;
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n);
  let i = 0;
  for (const [id, s] of days) {
    x[i] = s.size - 1;
    tx[i] = last.get(id)! - first.get(id)!;
    T[i] = end - first.get(id)!;
    i++;
  }
  return { x, tx, T };
}
