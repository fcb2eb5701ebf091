/**
 * Which instances' CCU rose most in the last N minutes (`servers.surge`), judged against each
 * instance's own seasonal baseline: the same N minutes yesterday and last week say how much the
 * curve normally moves at this time of day (a 9 am ramp is not a surge). For each instance:
 *   expected end = start × (baseline end / baseline start), averaged over the baselines present,
 *   excess      = end − expected end,
 * and the excess counts only when it is larger than its band: the sketches' error bands of start and
 * end combined with the instance's own noise (the robust spread of the same residual over the preceding
 * hours, times `noiseK`). Nothing is reported when nothing rose beyond that.
 */
import type { Evidence, TimeRange } from '../evidence.js';
import { robustLevel } from '../rca/robust-level.js';
import { cleanSeries, HOUR_MS, MINUTE_MS, type Series, type SeriesPoint } from '../series/series.js';

export interface SurgeBaseline {
  /** e.g. `yesterday`, `last week`. */
  label: string;
  /** How far back the baseline lies (e.g. 86 400 000). */
  offsetMs: number;
  /** Per instance, the CCU series around `now − offsetMs` (same step as `current`). */
  series: ReadonlyMap<string, Series>;
}

export interface SurgeInput {
  now: number;
  /** N: the rise is measured from `now − windowMs` to `now`. */
  windowMs: number;
  /** Per instance, the CCU series (peak per bucket, with low/high) up to now, several hours back. */
  current: ReadonlyMap<string, Series>;
  baselines: readonly SurgeBaseline[];
}

export interface SurgeOptions {
  /** Start and end are the average of the points in the last `smoothMs` before them; default 3 min. */
  smoothMs?: number;
  /** Hours of past residuals the noise is measured from; default 3 h. */
  noiseSpanMs?: number;
  /** Multiplier on the noise spread; default 3. */
  noiseK?: number;
  /** Smallest excess reported, in users; default 5. */
  minUsers?: number;
}

export interface LevelEstimate {
  value: number;
  low: number;
  high: number;
}

export interface InstanceSurge {
  instance: string;
  start: LevelEstimate;
  end: LevelEstimate;
  rise: number;
  /** Seasonal factor end/start from the baselines (1 when none had data). */
  seasonalFactor: number;
  expectedEnd: number;
  excess: number;
  /** excess / expectedEnd. */
  excessRatio: number;
  /** Half-width the excess must beat: sketches' bands and own noise combined. */
  band: number;
  noiseSpread: number;
  significant: boolean;
  baselines: { label: string; start: number; end: number }[];
}

export interface SurgeResult {
  /** Instances whose excess beat its band, largest excess first (empty when nothing surged). */
  surging: InstanceSurge[];
  /** Every instance with data, largest excess first. */
  instances: InstanceSurge[];
  window: TimeRange;
  evidence: Evidence[];
}

function levelAt(series: readonly SeriesPoint[], t: number, smoothMs: number): LevelEstimate | undefined {
  const pts = series.filter((p) => p.t <= t && p.t > t - smoothMs);
  if (pts.length === 0) return undefined;
  const avg = (f: (p: SeriesPoint) => number): number => pts.reduce((s, p) => s + f(p), 0) / pts.length;
  return { value: avg((p) => p.value), low: avg((p) => p.low ?? p.value), high: avg((p) => p.high ?? p.value) };
}

const half = (e: LevelEstimate): number => Math.max(e.value - e.low, e.high - e.value, 0);

export function analyzeSurge(input: SurgeInput, options: SurgeOptions = {}): SurgeResult {
  const smoothMs = options.smoothMs ?? 3 * MINUTE_MS;
  const noiseSpan = options.noiseSpanMs ?? 3 * HOUR_MS;
  const noiseK = options.noiseK ?? 3;
  const minUsers = options.minUsers ?? 5;
  const w = input.windowMs;
  const instances: InstanceSurge[] = [];
  let rows = 0;
  for (const [instance, raw] of [...input.current].sort(([a], [b]) => a.localeCompare(b))) {
    const cur = cleanSeries(raw);
    rows += cur.length;
    const bases = input.baselines.map((b) => ({ b, s: cleanSeries(b.series.get(instance) ?? []) }));
    for (const { s } of bases) rows += s.length;
    // Seasonal factor of the window ending at t: mean over baselines of end/start at t − offset.
    const factorAt = (t: number): { factor: number; used: InstanceSurge['baselines'] } => {
      const used: InstanceSurge['baselines'] = [];
      for (const { b, s } of bases) {
        const e = levelAt(s, t - b.offsetMs, smoothMs);
        const st = levelAt(s, t - b.offsetMs - w, smoothMs);
        if (e && st && st.value > 0) used.push({ label: b.label, start: st.value, end: e.value });
      }
      const factor = used.length ? used.reduce((a, u) => a + u.end / u.start, 0) / used.length : 1;
      return { factor, used };
    };
    const end = levelAt(cur, input.now, smoothMs);
    const start = levelAt(cur, input.now - w, smoothMs);
    if (!end || !start) continue;
    const { factor, used } = factorAt(input.now);
    const expectedEnd = start.value * factor;
    const excess = end.value - expectedEnd;
    // The instance's own noise: the same residual at earlier instants, none overlapping this window.
    const residuals: number[] = [];
    for (const p of cur) {
      if (p.t > input.now - w || p.t < input.now - noiseSpan) continue;
      const e = levelAt(cur, p.t, smoothMs);
      const s = levelAt(cur, p.t - w, smoothMs);
      if (!e || !s) continue;
      residuals.push(e.value - s.value * factorAt(p.t).factor);
    }
    const noise = residuals.length >= 5 ? robustLevel(residuals).spread : Math.sqrt(Math.max(end.value, 1));
    const band = Math.hypot(half(start) * factor, half(end), noiseK * noise);
    instances.push({
      instance,
      start,
      end,
      rise: end.value - start.value,
      seasonalFactor: factor,
      expectedEnd,
      excess,
      excessRatio: expectedEnd > 0 ? excess / expectedEnd : Number.NaN,
      band,
      noiseSpread: noise,
      significant: excess > band && excess >= minUsers,
      baselines: used,
    });
  }
  instances.sort((a, b) => b.excess - a.excess || a.instance.localeCompare(b.instance));
  const window = { from: input.now - w, to: input.now };
  return {
    surging: instances.filter((i) => i.significant),
    instances,
    window,
    evidence: [
      {
        source: 'history',
        description: `per-instance CCU peaks over the last ${Math.round(w / MINUTE_MS)} min against ${input.baselines.map((b) => b.label).join(' and ') || 'no seasonal baseline'}; noise from the preceding ${Math.round(noiseSpan / HOUR_MS)} h`,
        range: { from: input.now - noiseSpan, to: input.now },
        rows,
      },
    ],
  };
}
