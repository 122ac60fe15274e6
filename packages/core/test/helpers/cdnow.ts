import type { RfmData } from '../../src/models/model-types.js';
import { dataPath, readNumericCsv } from './read-csv.js';

/** The CDNOW 1/10 sample summary (2,357 customers, weeks) as RfmData plus zbar (mean repeat spend). */
export function cdnowSample(): RfmData & { zbar: Float64Array } {
  const d = readNumericCsv(dataPath('cdnow/cdnow_sample_rfm_summary.csv'));
  return { x: d.x, tx: d.t_x, T: d.T, zbar: d.zbar };
}
