/**
 * A sketch's count with its error band: ±1.04/√m of the value (the sketch's relative standard error),
 * rounded to whole users. Every CCU and visitor figure leaves the collector through here.
 */
import type { HyperLogLog } from '@promptops/sketch';

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export function estimateWithBand(value: number, relativeError: number): Estimate {
  const v = Math.round(value);
  return { value: v, low: Math.max(0, Math.floor(v * (1 - relativeError))), high: Math.ceil(v * (1 + relativeError)) };
}

export function estimateOf(sketch: HyperLogLog | null, relativeError: number): Estimate {
  return estimateWithBand(sketch === null ? 0 : sketch.count(), relativeError);
}

/** 1.04/√(2^p): the relative standard error of a sketch of precision p. */
export function relativeErrorOf(precision: number): number {
  return 1.04 / Math.sqrt(2 ** precision);
}
