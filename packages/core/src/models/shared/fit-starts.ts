import type { MinimizeResult } from '../../math/optimize/optimize-types.js';

/** How the runs from a fit's deterministic starts compare with the winning run. */
export interface StartsAgreement {
  /** Runs that reached a point where the gradient vanishes (a stationary point). */
  converged: number;
  /** Converged runs at a clearly worse log-likelihood than the winner: other local optima. */
  localOptima: number;
  /** Converged runs as good as the winner (within rounding) but at other parameter values: a flat ridge. */
  ridge: number;
  /** Worst log-likelihood gap to the winner among the local optima (natural log units), 0 when none. */
  worstGap: number;
}

/** −LL differences below this share of max(1, |−LL|) are rounding noise (as the winner's tie rule). */
const SAME_VALUE = 1e-6;
/** Runs as good as the winner whose log-parameters differ by more than this (0.01 ≈ 1%) sit elsewhere on a ridge. */
const SAME_POINT = 0.01;

/**
 * Compares the runs from several starts with the winner. Only runs that converged (gradient below
 * tolerance) count: a run that stopped early proves nothing about the likelihood's shape. A converged
 * run with a clearly worse value is another local optimum (the winner is kept, but a user who started
 * elsewhere would have got another answer); one with the same value at other parameters shows the
 * likelihood is flat along a ridge (the parameters are weakly identified even if standard errors look fine).
 *
 * @example
 * startsAgreement(runs, best).localOptima; // 0 when every start reaches the winner
 */
export function startsAgreement(runs: readonly MinimizeResult[], best: MinimizeResult): StartsAgreement {
  const scale = Math.max(1, Math.abs(best.f));
  let converged = 0,
    localOptima = 0,
    ridge = 0,
    worstGap = 0;
  for (const r of runs) {
    if (!r.converged) continue;
    converged++;
    if (r === best) continue;
    const gap = r.f - best.f;
    if (gap > SAME_VALUE * scale) {
      localOptima++;
      worstGap = Math.max(worstGap, gap);
      continue;
    }
    let far = 0;
    for (let i = 0; i < r.x.length; i++) far = Math.max(far, Math.abs(r.x[i]! - best.x[i]!));
    if (far > SAME_POINT) ridge++;
  }
  return { converged, localOptima, ridge, worstGap };
}
