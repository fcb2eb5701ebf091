/**
 * The load model: expected concurrent users at any instant, from an hour-of-day curve (with a lunch
 * dip), weekday/weekend, a Monday-morning surge, a month-end spike, a yearly event, yearly growth and
 * seeded day-to-day noise. Depends only on the options and absolute time, never on "now", so history
 * and live traffic agree.
 */
import { Calendar, type LocalTime } from './calendar.js';
import { mixSeed } from './prng.js';
import type { SimOptions } from './sim-options.js';

/** Weekday load at the middle of each local hour (index = hour), relative to the daily peak. */
const WEEKDAY_CURVE = [
  0.06, 0.04, 0.03, 0.03, 0.03, 0.05, 0.1, 0.26, 0.62, 0.93, 1.0, 0.94, 0.52, 0.83, 0.97, 1.0, 0.95, 0.82, 0.52, 0.36,
  0.33, 0.3, 0.21, 0.12,
];
/** Weekend: late start, afternoon and evening humps, no lunch dip. */
const WEEKEND_CURVE = [
  0.08, 0.05, 0.04, 0.03, 0.03, 0.03, 0.05, 0.08, 0.13, 0.19, 0.25, 0.28, 0.28, 0.3, 0.32, 0.31, 0.29, 0.27, 0.27, 0.3,
  0.32, 0.29, 0.2, 0.13,
];
const WEEKEND_LEVEL = 0.85;
/** Monday 08:00–11:30: everyone catches up on the weekend. */
const MONDAY_SURGE = 1.35;
/** Last two days of the month during business hours: closing, invoicing, reports. */
const MONTH_END_SPIKE = 1.3;
/** Reference for yearly growth: load is 1.0× at this instant. */
const GROWTH_EPOCH = Date.UTC(2026, 0, 1);
const YEAR_MS = 365.25 * 86_400_000;

export type LoadFactorName = 'weekend' | 'mondaySurge' | 'monthEnd' | 'yearlyEvent';

function curveAt(curve: readonly number[], hour: number): number {
  // Values sit at hour midpoints; interpolate linearly (wrapping around midnight).
  const x = hour - 0.5;
  const i = Math.floor(x);
  const f = x - i;
  const a = curve[(i + 24) % 24] as number;
  const b = curve[(i + 25) % 24] as number;
  return a + (b - a) * f;
}

/** Smooth bump 0..1..0 over [from, to] hours. */
function bump(hour: number, from: number, to: number): number {
  if (hour <= from || hour >= to) return 0;
  return Math.sin((Math.PI * (hour - from)) / (to - from));
}

export class LoadModel {
  readonly calendar: Calendar;
  private readonly instanceShares: number[];
  private readonly cache = new Map<number, number>();

  constructor(readonly options: SimOptions) {
    this.calendar = new Calendar(options.timeZone);
    // Slightly uneven load balancer weights: real pools are never perfectly balanced.
    const raw = options.instances.map((_, i) => 1 - 0.06 * i);
    const sum = raw.reduce((a, b) => a + b, 0);
    this.instanceShares = raw.map((w) => w / sum);
  }

  /** Share of the traffic the load balancer sends to instance i. */
  instanceShare(i: number): number {
    return this.instanceShares[i] as number;
  }

  /** Is the yearly event running on this local day? */
  inYearlyEvent(local: LocalTime): boolean {
    const e = this.options.yearlyEvent;
    const start = Date.UTC(local.year, e.month - 1, e.day);
    const today = Date.UTC(local.year, local.month - 1, local.day);
    return today >= start && today < start + e.days * 86_400_000;
  }

  /** Which named patterns apply at t (for tests and for the docs of the demo). */
  factorsAt(t: number): Record<LoadFactorName, boolean> {
    const local = this.calendar.local(t);
    const weekend = local.weekday === 0 || local.weekday === 6;
    return {
      weekend,
      mondaySurge: local.weekday === 1 && local.hour > 8 && local.hour < 11.5,
      monthEnd: !weekend && local.day > local.daysInMonth - 2 && local.hour > 8 && local.hour < 19,
      yearlyEvent: !weekend && this.inYearlyEvent(local) && local.hour > 8 && local.hour < 20,
    };
  }

  /** Multiplier of the load at t relative to a normal weekday peak (≈ 0.03 … 2), per 10 s step. */
  relativeLoad(t: number): number {
    const step = Math.floor(t / 10_000);
    let v = this.cache.get(step);
    if (v === undefined) {
      // History generation asks for the same instants many times (every instance, every level).
      if (this.cache.size > 200_000) this.cache.clear();
      v = this.computeLoad(step * 10_000);
      this.cache.set(step, v);
    }
    return v;
  }

  private computeLoad(t: number): number {
    const local = this.calendar.local(t);
    const weekend = local.weekday === 0 || local.weekday === 6;
    let load = weekend ? WEEKEND_LEVEL * curveAt(WEEKEND_CURVE, local.hour) : curveAt(WEEKDAY_CURVE, local.hour);
    if (local.weekday === 1) load *= 1 + (MONDAY_SURGE - 1) * bump(local.hour, 7.5, 11.5);
    if (!weekend && local.day > local.daysInMonth - 2) load *= 1 + (MONTH_END_SPIKE - 1) * bump(local.hour, 8, 19);
    if (!weekend && this.inYearlyEvent(local)) {
      load *= 1 + (this.options.yearlyEvent.factor - 1) * bump(local.hour, 7.5, 20.5);
    }
    load *= 1 + this.options.yearlyGrowth * ((t - GROWTH_EPOCH) / YEAR_MS);
    load *= this.dayNoise(local.dayStart) * this.hourNoise(Math.floor(t / 3_600_000));
    return Math.max(0.005, load);
  }

  /** Expected concurrent users (all instances) at t. */
  expectedCcu(t: number): number {
    return this.options.peakCcu * this.relativeLoad(t);
  }

  /** ±6 % per day: some days are busier for no reason anyone can name. */
  private dayNoise(dayStart: number): number {
    return 1 + 0.12 * (mixSeed(this.options.seed, 'day', dayStart) / 4294967296 - 0.5);
  }

  /** ±3 % per hour, interpolation-free: enough to make series look measured. */
  private hourNoise(hour: number): number {
    return 1 + 0.06 * (mixSeed(this.options.seed, 'hour', hour) / 4294967296 - 0.5);
  }
}
