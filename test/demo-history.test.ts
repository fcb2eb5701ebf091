/**
 * History rows the demo writes instead of 13 months of raw transactions: real sketches whose unions
 * are real (an hour's visitors are the union of its 5-minute rows, the total the union of the
 * instances), gauges consistent with each other and with the load model, every bucket present, and
 * the calendar patterns visible in the stored series.
 */
import { HyperLogLog } from '@promptops/sketch';
import { describe, expect, it } from 'vitest';
import {
  LEVEL_MS,
  TOTAL_INSTANCE,
  type RollupLevel,
  type RollupRow,
} from '../packages/server/src/rollup/rollup-row.js';
import { generateHistory } from '../packages/server/src/sim/history-generator.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Wednesday 2026-09-30 18:00 in Seoul (09:00 UTC): the last day of September. */
const NOW = Date.UTC(2026, 8, 30, 9, 0);

async function history(days: Partial<Record<RollupLevel, number>>, seed = 5): Promise<RollupRow[]> {
  const rows: RollupRow[] = [];
  const retentionMs = Object.fromEntries(Object.entries(days).map(([level, d]) => [level, d * DAY]));
  await generateHistory(
    createSimulator({ seed, peakCcu: 300 }),
    { now: NOW, end: NOW, retentionMs, modes: ['user', 'ip'] },
    async (batch) => void rows.push(...batch),
  );
  return rows;
}

const count = (row: RollupRow, mode: 'user' | 'ip' = 'user'): number =>
  HyperLogLog.fromBytes(row.users[mode]!.sketch).count();
const seoulHour = (t: number): number => new Date(t + 9 * HOUR).getUTCHours();
const seoulDay = (t: number): number => new Date(t + 9 * HOUR).getUTCDay();

describe('history rows', () => {
  let rows: RollupRow[] = [];
  const byLevel = (level: RollupLevel, instance = TOTAL_INSTANCE) =>
    rows.filter((r) => r.level === level && r.instance === instance);

  it('covers every bucket of every instance at each level', async () => {
    rows = await history({ '1m': 1, '5m': 3, '1h': 40 });
    for (const level of ['1m', '5m', '1h'] as const) {
      const total = byLevel(level);
      const starts = total.map((r) => r.start);
      expect(starts.length).toBeGreaterThan(0);
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(LEVEL_MS[level]);
      for (const instance of ['was1', 'was2', 'was3', 'was4'])
        expect(byLevel(level, instance).length).toBe(total.length);
    }
    expect(byLevel('1h')[0]!.start).toBeLessThanOrEqual(NOW - 39 * DAY);
  });

  it("makes an hour's sketch exactly the union of its 5-minute sketches, and the total the union of the instances", () => {
    const hours = byLevel('1h', 'was2').filter((r) => r.start >= NOW - 2 * DAY && r.start < NOW - HOUR);
    expect(hours.length).toBeGreaterThan(20);
    for (const hour of hours.slice(0, 24)) {
      const union = new HyperLogLog();
      for (const child of byLevel('5m', 'was2').filter((r) => r.start >= hour.start && r.start < hour.start + HOUR)) {
        union.merge(HyperLogLog.fromBytes(child.users.user!.sketch));
      }
      expect(union.count()).toBe(count(hour));
      const children = byLevel('5m', 'was2').filter((r) => r.start >= hour.start && r.start < hour.start + HOUR);
      expect(hour.transactions).toBe(children.reduce((a, r) => a + r.transactions, 0));
      expect(hour.users.user!.ccuMax).toBe(Math.max(...children.map((r) => r.users.user!.ccuMax)));
    }
    for (const total of byLevel('1h').slice(0, 48)) {
      const union = new HyperLogLog();
      let sum = 0;
      for (const instance of ['was1', 'was2', 'was3', 'was4']) {
        const row = rows.find((r) => r.level === '1h' && r.instance === instance && r.start === total.start)!;
        union.merge(HyperLogLog.fromBytes(row.users.user!.sketch));
        sum += row.transactions;
      }
      expect(count(total)).toBe(union.count());
      expect(total.transactions).toBe(sum);
    }
  });

  it('keeps gauges ordered and peaks below the hour’s visitors', () => {
    for (const r of rows.filter((x) => x.level === '1h')) {
      for (const mode of ['user', 'ip'] as const) {
        const u = r.users[mode]!;
        expect(u.ccuMin).toBeLessThanOrEqual(u.ccuAvg + 1e-9);
        expect(u.ccuAvg).toBeLessThanOrEqual(u.ccuMax + 1e-9);
        expect(u.samples).toBe(1800);
        expect(u.ccuMax).toBeLessThanOrEqual(count(r, mode) * 1.02 + 2);
      }
      expect(r.latency.reduce((a, b) => a + b, 0)).toBe(r.transactions);
      expect(r.errors).toBeLessThanOrEqual(r.transactions);
      expect(r.cpuAvg).toBeGreaterThan(0);
      expect(r.memoryMax).toBeGreaterThan(0);
      expect(r.sessions).toBeGreaterThanOrEqual(0);
    }
  });

  it('shows NAT in the ip mode: fewer addresses than users at office hours', () => {
    const office = byLevel('1h').filter(
      (r) => seoulHour(r.start) === 10 && seoulDay(r.start) >= 1 && seoulDay(r.start) <= 5,
    );
    expect(office.length).toBeGreaterThan(10);
    for (const r of office) expect(r.users.ip!.ccuAvg).toBeLessThan(0.8 * r.users.user!.ccuAvg);
  });

  it('shows weekdays above weekends, the lunch dip, the Monday surge and the month-end spike', () => {
    const hourly = byLevel('1h');
    const avgAt = (pred: (t: number) => boolean) => {
      const sel = hourly.filter((r) => pred(r.start));
      return sel.reduce((a, r) => a + r.users.user!.ccuAvg, 0) / sel.length;
    };
    const midweek = (t: number) => seoulDay(t) >= 2 && seoulDay(t) <= 4 && t < NOW - 2 * DAY;
    const weekday11 = avgAt((t) => midweek(t) && seoulHour(t) === 11);
    expect(weekday11).toBeGreaterThan(2.5 * avgAt((t) => seoulDay(t) === 6 && seoulHour(t) === 11));
    expect(avgAt((t) => midweek(t) && seoulHour(t) === 12)).toBeLessThan(0.8 * weekday11);
    expect(avgAt((t) => seoulDay(t) === 1 && seoulHour(t) === 9)).toBeGreaterThan(
      1.1 * avgAt((t) => midweek(t) && seoulHour(t) === 9),
    );
    // 2026-09-30 is the last day of the month; its 14:00 against the other Wednesdays'.
    const monthEnd = hourly.find((r) => r.start === Date.UTC(2026, 8, 30, 5))!;
    const wednesdays = avgAt((t) => seoulDay(t) === 3 && seoulHour(t) === 14 && t < NOW - DAY);
    expect(monthEnd.users.user!.ccuAvg).toBeGreaterThan(1.12 * wednesdays);
  });

  it('is deterministic for a seed', async () => {
    const a = await history({ '1h': 3 }, 9);
    const b = await history({ '1h': 3 }, 9);
    expect(a.length).toBe(b.length);
    expect(a.map((r) => Buffer.from(r.users.user!.sketch).toString('base64'))).toEqual(
      b.map((r) => Buffer.from(r.users.user!.sketch).toString('base64')),
    );
    const c = await history({ '1h': 3 }, 10);
    expect(c.map((r) => r.transactions)).not.toEqual(a.map((r) => r.transactions));
  });
});
