/**
 * The latency and size mix of the simulated app, precomputed as histogram shares over
 * LATENCY_BOUNDS_MS, so history rows get a realistic histogram from a transaction count without
 * drawing every duration. Slower mixes are used when the instance is busy.
 */
import { LATENCY_BOUNDS_MS } from '../rollup/rollup-row.js';
import { Rng } from './prng.js';
import { API_ROUTES, PAGE_ROUTES, pickRoute, type RouteSpec } from './routes.js';

export interface LatencyMix {
  /** Share of transactions per histogram bucket (length LATENCY_BOUNDS_MS.length + 1). */
  shares: number[];
  meanMs: number;
  meanBytes: number;
}

const SLOWDOWNS = [1, 1.3, 1.8, 2.6] as const;

function bucketOf(ms: number): number {
  let i = 0;
  while (i < LATENCY_BOUNDS_MS.length && ms > (LATENCY_BOUNDS_MS[i] as number)) i++;
  return i;
}

function buildMix(slowdown: number): LatencyMix {
  const rng = new Rng(0x5eed + Math.round(slowdown * 100));
  const counts = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
  const n = 20_000;
  let sum = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    // Same proportions as live traffic: pages, their API calls, a few static assets.
    const kind = rng.next();
    let ms: number;
    let b: number;
    if (kind < 0.15) {
      ms = rng.logNormal(2, 0.5);
      b = 60_000;
    } else {
      const route: RouteSpec = kind < 0.6 ? pickRoute(PAGE_ROUTES, rng) : pickRoute(API_ROUTES, rng);
      ms = rng.logNormal(route.medianMs * slowdown, route.sigma);
      b = route.bytes;
    }
    counts[bucketOf(ms)]++;
    sum += ms;
    bytes += b;
  }
  return { shares: counts.map((c) => c / n), meanMs: sum / n, meanBytes: bytes / n };
}

const MIXES = SLOWDOWNS.map(buildMix);

/** The mix for an instance at this CPU utilisation (latency climbs past ~60 %). */
export function latencyMixFor(cpu: number): LatencyMix {
  const i = cpu < 0.6 ? 0 : cpu < 0.75 ? 1 : cpu < 0.88 ? 2 : 3;
  return MIXES[i] as LatencyMix;
}

/**
 * Splits n transactions over the histogram: systematic sampling of the cumulative shares with one
 * random offset, so every bucket gets its share ±1 and the counts add up to exactly n.
 */
export function spreadLatency(n: number, mix: LatencyMix, rng: Rng, into: number[]): void {
  const u = rng.next();
  let cum = 0;
  let before = Math.floor(u);
  const last = mix.shares.length - 1;
  for (let k = 0; k <= last; k++) {
    cum = k === last ? 1 : cum + (mix.shares[k] as number);
    const upTo = Math.floor(cum * n + u);
    into[k] = (into[k] as number) + (upTo - before);
    before = upTo;
  }
}
