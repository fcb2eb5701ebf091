/**
 * Additive Holt-Winters with a damped trend and up to two seasonal cycles (Taylor 2003's double-seasonal
 * method: e.g. 24 and 168 for hourly traffic, 7 for daily). `runHoltWinters` filters a series with given
 * smoothing parameters and returns the one-step errors (for fitting) and the final state (for
 * forecasting); both are pure and O(n).
 */

export interface HoltWintersParams {
  /** Level smoothing. */
  alpha: number;
  /** Trend smoothing (0: no trend). */
  beta: number;
  /** Damping of the trend, in (0, 1]. */
  phi: number;
  /** Smoothing of each seasonal cycle, aligned with `periods`. */
  gammas: number[];
}

export interface HoltWintersState {
  level: number;
  trend: number;
  /** One array per cycle, indexed by position in the cycle. */
  seasonals: number[][];
  periods: number[];
  /** Index of the next observation (so seasonal phases continue). */
  next: number;
}

export interface HoltWintersRun {
  state: HoltWintersState;
  /** One-step-ahead errors; the first `warmup` are left out of the fit. */
  errors: number[];
  sse: number;
  warmup: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

/** Classic initialisation: level from the first longest cycle, seasonals from phase means of the first three cycles (two were too few to average out a holiday). */
export function initialState(values: readonly number[], periods: readonly number[]): HoltWintersState {
  const longest = Math.max(1, ...periods);
  const span = Math.min(values.length, 3 * longest);
  const head = values.slice(0, span);
  const level = mean(head.slice(0, longest));
  // Slope between the first two longest cycles, so a growing metric does not start with its trend at zero.
  const trend = values.length >= 2 * longest ? (mean(values.slice(longest, 2 * longest)) - level) / longest : 0;
  // Seasonal phases come from the detrended head, or the growth would be baked into the weekly shape.
  const centre = (span - 1) / 2;
  const headMean = mean(head);
  let residual = head.map((v, i) => v - headMean - trend * (i - centre));
  const seasonals = periods.map((m) => {
    const s = new Array<number>(m).fill(0);
    const counts = new Array<number>(m).fill(0);
    residual.forEach((r, i) => {
      s[i % m] = (s[i % m] as number) + r;
      counts[i % m] = (counts[i % m] as number) + 1;
    });
    const phase = s.map((x, k) => x / Math.max(counts[k] as number, 1));
    residual = residual.map((r, i) => r - (phase[i % m] as number));
    return phase;
  });
  // The level at the first step: the head's mean taken back to its start along the slope.
  const startLevel = headMean - trend * centre;
  return { level: startLevel, trend, seasonals, periods: [...periods], next: 0 };
}

export function runHoltWinters(
  values: readonly number[],
  periods: readonly number[],
  p: HoltWintersParams,
): HoltWintersRun {
  const st = initialState(values, periods);
  const warmup = Math.min(values.length, Math.max(0, ...periods));
  const errors: number[] = [];
  let sse = 0;
  let { level } = st;
  // A model without a trend term (beta 0) keeps no drift at all, rather than the initial slope forever.
  let trend = p.beta > 0 ? st.trend : 0;
  const seas = st.seasonals.map((s) => [...s]);
  for (let i = 0; i < values.length; i++) {
    const y = values[i] as number;
    let seasonSum = 0;
    for (let k = 0; k < periods.length; k++) seasonSum += (seas[k] as number[])[i % (periods[k] as number)] as number;
    const damped = p.phi * trend;
    const yhat = level + damped + seasonSum;
    const e = y - yhat;
    errors.push(e);
    if (i >= warmup) sse += e * e;
    // Error-correction form: each component absorbs its share of the one-step error.
    const newLevel = level + damped + p.alpha * e;
    trend = damped + p.beta * e;
    level = newLevel;
    for (let k = 0; k < periods.length; k++) {
      const s = seas[k] as number[];
      const idx = i % (periods[k] as number);
      s[idx] = (s[idx] as number) + (p.gammas[k] ?? 0) * e;
    }
  }
  return { state: { level, trend, seasonals: seas, periods: [...periods], next: values.length }, errors, sse, warmup };
}

/** Point forecasts for the next `horizon` steps from a filtered state. */
export function forecastFromState(state: HoltWintersState, phi: number, horizon: number): number[] {
  const out: number[] = [];
  let dampSum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    dampSum += power;
    const i = state.next + h - 1;
    let seasonSum = 0;
    for (let k = 0; k < state.periods.length; k++) {
      seasonSum += (state.seasonals[k] as number[])[i % (state.periods[k] as number)] as number;
    }
    out.push(state.level + dampSum * state.trend + seasonSum);
  }
  return out;
}

/**
 * Multiplier of the one-step error deviation at horizon h for the additive model (Hyndman et al. 2008,
 * class 1 variance): sqrt(1 + Σ_{j<h} c_j²), c_j = α + β·Σφ^i + γ_k when j is a whole cycle of season k.
 */
export function horizonSpread(p: HoltWintersParams, periods: readonly number[], h: number): number {
  let sum = 1;
  let damp = 0;
  let power = 1;
  for (let j = 1; j < h; j++) {
    power *= p.phi;
    damp += power;
    let c = p.alpha + p.beta * damp;
    periods.forEach((m, k) => {
      if (j % m === 0) c += p.gammas[k] ?? 0;
    });
    sum += c * c;
  }
  return Math.sqrt(sum);
}
