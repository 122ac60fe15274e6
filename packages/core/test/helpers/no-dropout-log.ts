// A seeded transaction log on which the CLV models degenerate, for tests of the fit verdicts: no
// customer ever drops out (each buys at a steady Poisson rate to the end of the log, rates varying
// little across customers) and every purchase's value comes from the same Gamma distribution for
// everyone (no spend heterogeneity). BG/NBD then runs a → 0 and Gamma-Gamma q, γ → ∞.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../src/math/random/rng.js';
import { sampleGamma } from '../../src/math/random/sample-gamma.js';

const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * Lines `customer,date,amount` (no header): `customers` customers acquired over the first 13 weeks
 * of 2020, buying at rate λ ~ Gamma(20, rate 40) per week until 2020-12-31, each purchase worth
 * Gamma(3, rate 0.1) (mean 30) in whole cents.
 */
export function noDropoutLines(customers: number, seed: number): string[] {
  const u = createRng(seed);
  const start = Date.UTC(2020, 0, 1) / 86_400_000,
    end = Date.UTC(2020, 11, 31) / 86_400_000;
  const lines: string[] = [];
  for (let c = 0; c < customers; c++) {
    const lambda = sampleGamma(u, 20, 40);
    let day = start + Math.floor(u() * 91);
    lines.push(`${c + 1},${isoOf(day)},${(Math.round(sampleGamma(u, 3, 0.1) * 100) / 100).toFixed(2)}`);
    let t = day;
    for (;;) {
      t += (-Math.log(u()) / lambda) * 7;
      day = Math.floor(t);
      if (day > end) break;
      lines.push(`${c + 1},${isoOf(day)},${(Math.round(sampleGamma(u, 3, 0.1) * 100) / 100).toFixed(2)}`);
    }
  }
  return lines;
}

/** Writes the log as CSV (`customer,date,amount`) in `dir`; returns its path. */
export function writeNoDropoutLog(dir: string, customers: number, seed: number): string {
  const path = join(dir, 'no-dropout.csv');
  writeFileSync(path, ['customer,date,amount', ...noDropoutLines(customers, seed)].join('\n') + '\n');
  return path;
}
