/** A seeded uniform generator: each call returns the next double in the open interval (0, 1). */
export type Rng = () => number;

/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear
 * pseudorandom number generators"), state seeded from the 32-bit seed by SplitMix32, two outputs
 * combined into one 53-bit double in (0, 1) (never exactly 0 or 1, so ln U is always finite).
 *
 * Deterministic across platforms (32-bit integer arithmetic only). Period 2¹²⁸ − 1. Not for
 * cryptography. The same seed always gives the same stream.
 *
 * @param seed - any number; its low 32 bits (after truncation) select the stream
 * @returns a function returning the next uniform double in (0, 1)
 * @example
 * const u = createRng(42);
 * u(); // => the same value on every run and machine, in (0, 1)
 */
export function createRng(seed: number): Rng {
  let z = (Math.trunc(seed) | 0) >>> 0;
  const splitmix = (): number => {
    z = (z + 0x9e3779b9) | 0;
    let t = z ^ (z >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let s0 = splitmix(),
    s1 = splitmix(),
    s2 = splitmix(),
    s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const next32 = (): number => {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return r;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6) + 0.5) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seeded generator with raw 32-bit outputs and uniform doubles from one shared state. */
export interface Rng32 {
  /** The next unsigned 32-bit integer of the xoshiro128** stream. */
  next32: () => number;
  /** A uniform double in (0, 1) from two 32-bit outputs, exactly as {@link createRng}. */
  uniform: Rng;
}

/**
 * The generator of {@link createRng} (xoshiro128**, SplitMix32 seeding) exposing its 32-bit
 * outputs, for hot loops that need one integer per draw (e.g. uniform index picks). `uniform`
 * gives the same stream as `createRng(seed)` when used alone.
 * @example
 * const g = createRng32(42);
 * g.next32(); // => an integer in [0, 2³²), the same on every run
 */
export function createRng32(seed: number): Rng32 {
  let z = (Math.trunc(seed) | 0) >>> 0;
  const splitmix = (): number => {
    z = (z + 0x9e3779b9) | 0;
    let t = z ^ (z >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let s0 = splitmix(),
    s1 = splitmix(),
    s2 = splitmix(),
    s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const next32 = (): number => {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return r;
  };
  return { next32, uniform: () => ((next32() >>> 5) * 67108864 + (next32() >>> 6) + 0.5) / 9007199254740992 };
}
