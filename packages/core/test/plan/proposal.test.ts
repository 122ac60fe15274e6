// Sizing of a proposed campaign: the control share is the smallest (above the minimum) whose
// minimum detectable rise, by the two-proportion formula of Fleiss, Levin & Paik (2003) §4.2
// (mdeProportion), reaches the lift asked for: checked at the share and 0.1 point below it. The
// expected incremental value and the cost are recomputed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeProposal } from '../../src/plan/proposal.js';
import { mdeProportion } from '../../src/math/stats/power.js';
import { assertClose } from '../helpers/assert-close.js';

test('sizeProposal: the smallest control share that detects the lift; value and cost over the target group', () => {
  const x = {
    customers: 20_000,
    baseRate: 0.3,
    valueBase: 80_000,
    assumedRate: 0.1,
    contactCost: 0.5,
    detectableLift: 0.02,
    minControlShare: 0.1,
  };
  const s = sizeProposal(x);
  const mdeAt = (share: number): number => mdeProportion(0.3, x.customers * (1 - share), x.customers * share);
  assert.ok(mdeAt(s.controlShare) <= 0.02 + 1e-9, `detects 2 points at ${s.controlShare}`);
  assert.ok(mdeAt(s.controlShare - 0.001) > 0.02, 'a smaller control would not');
  assert.ok(s.controlShare > 0.1 && s.controlShare < 0.5);
  const target = x.customers - s.controlCustomers;
  assertClose(s.expectedIncremental, (0.1 * 80_000 * target) / x.customers, 1e-9, 'assumed share × value × target share', true);
  assertClose(s.cost!, 0.5 * target, 1e-9, 'cost per contact × target group', true);
  assertClose(s.net!, s.expectedIncremental - s.cost!, 1e-9, 'net');
});

test('sizeProposal: a large audience stays at the minimum; an unreachable lift keeps the minimum and says what it detects; no base rate, no cost', () => {
  const big = sizeProposal({
    customers: 1_000_000,
    baseRate: 0.3,
    valueBase: 1,
    assumedRate: 0.1,
    contactCost: null,
    detectableLift: 0.02,
    minControlShare: 0.1,
  });
  assert.equal(big.controlShare, 0.1);
  assert.equal(big.cost, null);
  assert.equal(big.net, null);
  const small = sizeProposal({
    customers: 400,
    baseRate: 0.2,
    valueBase: 1000,
    assumedRate: 0.1,
    contactCost: 1,
    detectableLift: 0.02,
    minControlShare: 0.1,
  });
  assert.equal(small.controlShare, 0.1);
  const mde = mdeProportion(0.2, 360, 40);
  assert.match(small.controlRule, new RegExp(`detects rises of ${(100 * mde).toFixed(1)} points or more`));
  const unknown = sizeProposal({
    customers: 400,
    baseRate: null,
    valueBase: 1000,
    assumedRate: 0.1,
    contactCost: 1,
    detectableLift: 0.02,
    minControlShare: 0.15,
  });
  assert.equal(unknown.controlShare, 0.15);
  assert.equal(unknown.controlCustomers, 60);
  assert.match(unknown.controlRule, /not known/);
});
