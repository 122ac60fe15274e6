import { openWorkspace, ingestFile, summarize, COUNT_MODEL_REGISTRY } from './src/index.js';
async function run(label: string, file: string, mapping: any, cal: string, hold: string, extra: any = {}) {
  const engine = await openWorkspace();
  await ingestFile(engine, file, { mapping, ...extra });
  const s = await summarize(engine, { period: 'week', calibrationEnd: cal, holdoutEnd: hold });
  const n = s.length; const y = Float64Array.from(s.frequencyHoldout!, (v) => (v > 0 ? 1 : 0));
  let pos = 0; for (const v of y) pos += v;
  function auc(score: Float64Array): number {
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
    const rank = new Float64Array(n); let i = 0;
    while (i < n) { let j = i; while (j + 1 < n && score[idx[j + 1]!] === score[idx[i]!]) j++; const r = (i + j) / 2 + 1; for (let k = i; k <= j; k++) rank[idx[k]!] = r; i = j + 1; }
    let sr = 0; for (let k = 0; k < n; k++) if (y[k]) sr += rank[k]!;
    return (sr - pos * (pos + 1) / 2) / (pos * (n - pos));
  }
  const data = { x: s.frequency, tx: s.recency, T: s.T };
  const h = s.durationHoldout!;
  const out: string[] = [`${label}: n ${n} bought ${pos} h ${h}w`];
  for (const name of ['bg-nbd', 'pareto-nbd', 'mbg-nbd'] as const) {
    try {
    const m = COUNT_MODEL_REGISTRY[name]; const fit = m.fit(data); const p = fit.params as any;
    const pa = m.pAlive(p, data); const ep = m.expectedPurchases(p, h, data);
    const pb = Float64Array.from(pa, (a, i) => a * (1 - Math.pow((p.alpha + s.T[i]!) / (p.alpha + s.T[i]! + h), p.r + s.frequency[i]!)));
    const ep13 = m.expectedPurchases(p, 13, data);
    let sumpb = 0; for (const v of pb) sumpb += v;
    out.push(`  ${name} AUC pAlive ${auc(pa).toFixed(4)} E[X] ${auc(ep).toFixed(4)} E[X13] ${auc(ep13).toFixed(4)} P(buy) ${auc(pb).toFixed(4)} sumPbuy ${sumpb.toFixed(0)}`);
    } catch (e) { out.push(`  ${name} failed ${(e as Error).message}`); }
  }
  out.push(`  -daysSilent ${auc(Float64Array.from(s.recency, (r, i) => -(s.T[i]! - r))).toFixed(4)} freq ${auc(s.frequency).toFixed(4)}`);
  console.log(out.join('\n'));
  await engine.close();
}
await run('cdnow sample', 'data/cdnow/cdnow_sample_elog.csv', { customer: 'sampleid', quantity: 'cds' }, '1997-09-30', '1998-06-30');
await run('cdnow sample dec', 'data/cdnow/cdnow_sample_elog.csv', { customer: 'sampleid', quantity: 'cds' }, '1997-12-31', '1998-06-30');
await run('cdnow master', 'data/cdnow/cdnow_master_elog.csv', { customer: 'customer_id', quantity: 'cds' }, '1997-09-30', '1998-06-30');
await run('grocery', 'data/grocery/grocery_elog.csv', { customer: 'cust' }, '2006-12-31', '2007-12-30', { mapping: { customer: 'cust' } } as any).catch((e) => console.log('grocery', e.message));
await run('apparel', 'data/apparel/apparel_trans.csv', { customer: 'Id', amount: 'Price' }, '2006-12-31', '2007-12-31');
