// Models fitted on sufficient statistics pulled from ClickHouse (src/summary/summary-patterns.ts):
// distinct (x, t_x, T) patterns with customer counts, grouped on the shards, give the same parameters
// as DuckDB's per-customer summary (1e-6 relative), reproduce the published CDNOW BG/NBD fit
// (Fader, Hardie & Lee 2005: r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4), and move far fewer bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/summary/summary.js';
import { summarizePatterns, summarizeSpendPatterns } from '../../../src/summary/summary-patterns.js';
import { compressRows } from '../../../src/models/shared/compress.js';
import { fitBgNbd } from '../../../src/models/bg-nbd/fit.js';
import { fitMbgNbd } from '../../../src/models/mbg-nbd/fit.js';
import { fitParetoNbd } from '../../../src/models/pareto-nbd/fit.js';
import { fitGammaGamma } from '../../../src/models/gamma-gamma/fit.js';
import type { FitResult } from '../../../src/models/shared/model-types.js';
import { sameLogOnBoth } from '../../helpers/cdnow-engines.js';
import type { ClickHouseBackend } from '../../helpers/clickhouse.js';

const CAL = { period: 'week' as const, calibrationEnd: '1997-09-30' };

function sameParams<P extends string>(a: FitResult<P>, b: FitResult<P>, what: string): void {
  for (const k of Object.keys(b.params) as P[]) {
    const rel = Math.abs(a.params[k] - b.params[k]) / Math.abs(b.params[k]);
    assert.ok(
      rel <= 1e-6,
      `${what} ${k}: ClickHouse patterns ${a.params[k]}, DuckDB customers ${b.params[k]}, relative difference ${rel.toExponential(2)} > 1e-6`,
    );
  }
  assert.ok(
    Math.abs(a.logLikelihood - b.logLikelihood) <= 1e-6 * Math.abs(b.logLikelihood),
    `${what} LL ${a.logLikelihood} vs ${b.logLikelihood}`,
  );
  assert.equal(a.nObs, b.nObs, `${what} customers`);
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma on ClickHouse patterns equal the fits on DuckDB's per-customer summary`, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      const before = both.ch.stats.bytesReceived;
      const p = await summarizePatterns(both.ch, CAL);
      const patternBytes = both.ch.stats.bytesReceived - before;
      const s = await summarize(both.duck, CAL);
      const full = await summarize(both.ch, CAL);
      const summaryBytes = both.ch.stats.bytesReceived - before - patternBytes;

      // the patterns are exactly the compressed per-customer summary
      const c = compressRows([s.frequency, s.recency, s.T]);
      assert.equal(p.customers, 2357);
      assert.equal(p.patterns, c.size, 'distinct (x, t_x, T)');
      const key = (x: number, tx: number, T: number): string => `${x}|${tx.toFixed(9)}|${T.toFixed(9)}`;
      const expected = new Map<string, number>();
      for (let i = 0; i < c.size; i++) expected.set(key(c.columns[0]![i]!, c.columns[1]![i]!, c.columns[2]![i]!), c.weights[i]!);
      for (let i = 0; i < p.patterns; i++) assert.equal(p.weights[i], expected.get(key(p.x[i]!, p.tx[i]!, p.T[i]!)), `pattern ${i}`);

      const rfm = { x: s.frequency, tx: s.recency, T: s.T };
      const bg = fitBgNbd(p);
      sameParams(bg, fitBgNbd(rfm), 'BG/NBD');
      // published CDNOW values (Fader, Hardie & Lee 2005), printed to 3 decimals
      for (const [k, v] of [
        ['r', 0.243],
        ['alpha', 4.414],
        ['a', 0.793],
        ['b', 2.426],
      ] as const)
        assert.ok(Math.abs(bg.params[k] - v) < 5e-4, `BG/NBD ${k} ${bg.params[k]} vs published ${v}`);
      assert.ok(Math.abs(bg.logLikelihood - -9582.4) < 0.05, `LL ${bg.logLikelihood}`);
      sameParams(fitMbgNbd(p), fitMbgNbd(rfm), 'MBG/NBD');
      sameParams(fitParetoNbd(p), fitParetoNbd(rfm), 'Pareto/NBD');
      sameParams(
        fitGammaGamma(await summarizeSpendPatterns(both.ch, CAL)),
        fitGammaGamma({ x: s.frequency, mx: s.monetaryValue }),
        'Gamma-Gamma',
      );

      assert.equal(full.length, 2357);
      t.diagnostic(
        `bytes from ClickHouse: patterns ${patternBytes} (${p.patterns} rows) vs per-customer summary ${summaryBytes} (${full.length} rows)`,
      );
      assert.ok(patternBytes * 3 < summaryBytes, `patterns ${patternBytes} B should be far below the summary's ${summaryBytes} B`);
    } finally {
      await both.done();
    }
  });
}
