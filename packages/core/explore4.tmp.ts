import { openWorkspace, ingestFile, summarize, validateOnHoldout, predictCustomers, COUNT_MODELS } from './src/index.js';
import { segmentWithScores } from './src/pipeline-segments.js';
const engine = await openWorkspace();
await ingestFile(engine, '../../data/cdnow/cdnow_sample_elog.csv', { mapping: { customer: 'sampleid', quantity: 'cds' } });
let t = Date.now(); const lap = (l: string) => { console.log(l, Date.now() - t); t = Date.now(); };
const s = await summarize(engine, { period: 'week', calibrationEnd: '1997-09-30' }); lap('summary');
const v = await validateOnHoldout(engine, { period: 'week', calibrationEnd: '1997-05-17', holdoutEnd: '1997-09-30', models: COUNT_MODELS }); lap('validate');
for (const m of COUNT_MODELS) { predictCustomers({ x: s.frequency, tx: s.recency, T: s.T, mx: s.monetaryValue }, { model: m, period: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1 }); lap('predict ' + m); }
await segmentWithScores(engine, { asOf: '1997-09-30' }); lap('seg');
await engine.close();
