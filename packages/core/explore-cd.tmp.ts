import { createDuckDbEngine } from './src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from './src/transactions/ingest.js';
import { validateOnHoldout } from './src/validation/validate.js';
import { validationSection } from './src/validation/validation-tables.js';
const engine = createDuckDbEngine();
await ingestFile(engine, '../../data/cdnow/cdnow_sample_elog.csv', { mapping: { customer: 'sampleid', quantity: 'cds', amount: 'sales', date: 'date' } });
let t0 = performance.now();
const v = await validateOnHoldout(engine, { period: 'week', calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
console.log('ms', performance.now() - t0);
for (const m of v.models) { const b = m.tracking.band; console.log(m.model, b ? [b.firstPeriod, b.cumulative.at(-1), b.cumulativeLo.at(-1), b.cumulativeHi.at(-1), m.aggregate.predicted + 2457, m.tracking.actualCumulative.at(-1)] : m.tracking.bandNote); }
const s = validationSection(v);
const t = s.tables.at(-1)!;
console.log(t.columns.map((c) => c.key).join(' | '));
for (const r of t.rows) console.log(r.map((x) => typeof x === 'number' ? x.toFixed(1) : x).join(' | '));
console.log(t.notes);
await engine.close();
