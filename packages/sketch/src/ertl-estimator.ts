/**
 * Cardinality from a register histogram with Ertl's improved estimator ("New cardinality estimation
 * algorithms for HyperLogLog sketches", 2017), the estimator Redis uses since 5.0. It has no
 * small-range/large-range switch-over, hence no bias bump between linear counting and the raw estimate.
 * The arithmetic follows Redis's hllCount step by step (same order of floating-point operations), so a
 * sketch stored in Redis reports the same PFCOUNT as our count().
 */

/** Sum of x^(2^k)·2^(k-1), the correction for registers that are still zero. */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  let zPrev: number;
  do {
    x *= x;
    zPrev = z;
    z += x * y;
    y += y;
  } while (zPrev !== z);
  return z;
}

/** The correction for registers that hold the largest possible value (q + 1). */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let zPrev: number;
  do {
    x = Math.sqrt(x);
    zPrev = z;
    y *= 0.5;
    z -= Math.pow(1 - x, 2) * y;
  } while (zPrev !== z);
  return z / 3;
}

const ALPHA_INF = 0.7213475204444817; // 1 / (2 ln 2): the double Redis's HLL_ALPHA_INF rounds to

/**
 * Estimate from `histogram[v]` = number of registers holding v, for m = 2^p registers and q = 64 - p
 * hash bits left after the index (register values range over 0..q+1).
 */
export function ertlEstimate(histogram: Int32Array, m: number, q: number): number {
  let z = m * tau((m - histogram[q + 1]) / m);
  for (let j = q; j >= 1; j--) {
    z += histogram[j];
    z *= 0.5;
  }
  z += m * sigma(histogram[0] / m);
  return Math.round((ALPHA_INF * m * m) / z);
}
