// The typed registry of all seven models: every entry fits data simulated from known parameters
// (seeded), returns its own parameter names, and ran several deterministic starts whose agreement
// fitMle checked (issue 19: "every fit runs several deterministic starts and warns when they disagree").
// Before issue 19 MBG/CNBD-k's reported fit came from a single start, so `starts >= 2` fails there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_REGISTRY, type ModelName } from '../../src/models/model-registry.js';
import { simulateBgNbd } from '../../src/models/bg-nbd/simulate.js';
import { simulateMbgNbd } from '../../src/models/mbg-nbd/simulate.js';
import { simulateParetoNbd } from '../../src/models/pareto-nbd/simulate.js';
import { simulateMbgCnbdK } from '../../src/models/mbg-cnbd-k/simulate.js';
import { simulateBgBb } from '../../src/models/bg-bb/simulate.js';
import { simulateSbg } from '../../src/models/s-bg/simulate.js';
import { simulateGammaGamma } from '../../src/models/gamma-gamma/simulate.js';
import type { FitResult } from '../../src/models/shared/model-types.js';

// CDNOW-like parameters (FHL 2005 table 1; SMC/Fader-Hardie Pareto/NBD; F&H 2007 High End sBG;
// FHS 2010 donations BG/BB; FHL 2005 Gamma-Gamma), weeks.
const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const fits: Record<ModelName, () => FitResult<string>> = {
  'bg-nbd': () => MODEL_REGISTRY['bg-nbd'].fit(simulateBgNbd(bg, 3000, 39, 1)),
  'mbg-nbd': () => MODEL_REGISTRY['mbg-nbd'].fit(simulateMbgNbd(bg, 3000, 39, 2)),
  'pareto-nbd': () => MODEL_REGISTRY['pareto-nbd'].fit(simulateParetoNbd({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 3000, 39, 3)),
  'mbg-cnbd-k': () => MODEL_REGISTRY['mbg-cnbd-k'].fit(simulateMbgCnbdK({ k: 2, r: 1.2, alpha: 8, a: 0.6, b: 3 }, 2000, 52, 4)),
  'bg-bb': () => MODEL_REGISTRY['bg-bb'].fit(simulateBgBb({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 }, 3000, 6, 5)),
  sbg: () => MODEL_REGISTRY.sbg.fit(simulateSbg({ alpha: 0.668, beta: 3.806 }, 1000, 7, 6)),
  'gamma-gamma': () =>
    MODEL_REGISTRY['gamma-gamma'].fit(
      simulateGammaGamma(
        { p: 6.25, q: 3.74, gamma: 15.44 },
        2000,
        Float64Array.from({ length: 2000 }, (_, i) => 1 + (i % 6)),
        7,
      ),
    ),
};

test('the registry lists all seven models under their own names', () => {
  assert.deepEqual(Object.keys(MODEL_REGISTRY).sort(), ['bg-bb', 'bg-nbd', 'gamma-gamma', 'mbg-cnbd-k', 'mbg-nbd', 'pareto-nbd', 'sbg']);
  for (const [name, entry] of Object.entries(MODEL_REGISTRY)) assert.equal(entry.name, name);
});

for (const name of Object.keys(fits) as ModelName[]) {
  test(`${name}: fits through the registry from several deterministic starts, compared by fitMle`, () => {
    const entry = MODEL_REGISTRY[name];
    const fit = fits[name]();
    assert.deepEqual(Object.keys(fit.params).sort(), [...entry.paramNames].sort(), `${name} params`);
    assert.ok(fit.starts >= 2, `${name}: ${fit.starts} start(s); every fit must run at least two`);
    const d = fit.diagnostics;
    assert.ok((d.startsConverged ?? 0) >= 1, `${name}: no start converged (${JSON.stringify(d)})`);
    assert.equal(typeof d.localOptima, 'number', `${name}: local optima counted`);
    assert.equal(typeof d.ridgeStarts, 'number', `${name}: ridge starts counted`);
    // the same call gives the same fit (deterministic starts, no randomness)
    assert.deepEqual(fits[name]().params, fit.params);
  });
}
