/**
 * Kubernetes resource quantities for metric values: whole numbers as plain decimals ("1234"), other
 * values in milli-units ("1500m"), the canonical forms apimachinery's `resource.Quantity` writes,
 * and a reader for the forms manifests use ("2k", "500m", "1Ki", "1e3").
 */

/** A non-negative number as a canonical quantity string (milli-precision, as the HPA reads it). */
export function toQuantity(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`quantity of a non-finite number: ${value}`);
  const milli = Math.round(value * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Reads a quantity string (or a number) as a number; undefined when it is not a valid quantity. */
export function parseQuantity(q: string | number): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(q);
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2] !== undefined) return base * 10 ** Number(m[2].slice(1));
  return base * (SUFFIX[m[3] ?? ''] as number);
}
