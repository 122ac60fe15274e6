/**
 * Shared types of the minimisers in `math/optimize/`. All vectors are Float64Array; nothing here
 * allocates per evaluation except where a routine documents it.
 */

/** An objective f(x). Returns +Infinity or NaN for an infeasible x; must not throw. */
export type ObjectiveFn = (x: Float64Array) => number;

/**
 * Objective with gradient: writes ∇f(x) into `out` (length = x.length) and returns f(x).
 * Returns +Infinity or NaN for an infeasible x; must not throw.
 */
export type ValueAndGradientFn = (x: Float64Array, out: Float64Array) => number;

/** Why a minimiser stopped. */
export type StopReason =
  | 'gradient' // ‖∇f‖∞ ≤ gradientTolerance · max(1, |f|)
  | 'stalled' // no further decrease in f is possible at double precision
  | 'line-search' // the line search found no acceptable step (after a restart)
  | 'max-iterations'
  | 'non-finite' // f is not finite at the starting point
  | 'simplex'; // Nelder–Mead: simplex spread below tolerance

/** Options shared by the minimisers. */
export interface MinimizeOptions {
  /** Maximum iterations (default 200 for BFGS, 2,000·dim for Nelder–Mead). */
  maxIterations?: number;
  /** Stop when ‖∇f‖∞ ≤ gradientTolerance · max(1, |f|) (default 1e-9). */
  gradientTolerance?: number;
  /** Largest move in any coordinate in one step (default 2; the models work in log parameters). */
  maxStep?: number;
}

/** Outcome of a minimisation. */
export interface MinimizeResult {
  /** Best point found. */
  x: Float64Array;
  /** f(x). */
  f: number;
  /** ∇f(x) (NaN-filled for Nelder–Mead without a gradient). */
  gradient: Float64Array;
  /** ‖∇f(x)‖∞. */
  gradientNorm: number;
  iterations: number;
  /** Objective evaluations (a value-and-gradient call counts once). */
  evaluations: number;
  /** True when the stop reason is `gradient`. */
  converged: boolean;
  reason: StopReason;
}
