import { describe, expect, it } from 'vitest';
import { seriesEvidence } from '../evidence.js';
import { parseSeriesCsv, parseWallClock } from './read-series-csv.js';
import { HOUR_MS, MINUTE_MS, bucketSeries, relativeBand } from './series.js';

describe('series helpers', () => {
  const pts = [0, 20, 40, 60, 80].map((m, i) => ({
    t: m * MINUTE_MS,
    value: [10, 30, 20, 5, 7][i] as number,
    low: ([10, 30, 20, 5, 7][i] as number) * 0.99,
    high: ([10, 30, 20, 5, 7][i] as number) * 1.01,
  }));
  it('buckets to hourly peaks keeping the band of the peak point', () => {
    const b = bucketSeries(pts, HOUR_MS, 'max');
    expect(b.map((p) => [p.t, p.value])).toEqual([
      [0, 30],
      [HOUR_MS, 7],
    ]);
    expect(b[0]?.high).toBeCloseTo(30.3, 9);
  });
  it('averages carry the widest relative band', () => {
    const b = bucketSeries(pts, HOUR_MS, 'avg');
    expect(b[0]?.value).toBe(20);
    expect(relativeBand(b[0] as { t: number; value: number })).toBeCloseTo(0.01, 9);
  });
  it('evidence spans the series and its last step', () => {
    const e = seriesEvidence(pts, 'CCU', { stepMs: MINUTE_MS, errorBand: 0.0081 });
    expect(e).toEqual({
      source: 'history',
      description: 'CCU',
      range: { from: 0, to: 81 * MINUTE_MS },
      rows: 5,
      errorBand: 0.0081,
    });
  });
});

describe('reading series CSVs', () => {
  it('reads NAB, Prophet and NASA layouts as wall-clock UTC', () => {
    expect(parseWallClock('2014-04-10 07:15:00.000000')).toBe(Date.UTC(2014, 3, 10, 7, 15));
    expect(parseWallClock('"2008-01-30"')).toBe(Date.UTC(2008, 0, 30));
    expect(parseWallClock('1995-07-01 01:00')).toBe(Date.UTC(1995, 6, 1, 1));
    const c = parseSeriesCsv('"ds","y"\n"2008-01-30",5.9\n"2008-01-31",6.1\n');
    expect(c.points).toEqual([
      { t: Date.UTC(2008, 0, 30), value: 5.9 },
      { t: Date.UTC(2008, 0, 31), value: 6.1 },
    ]);
    expect(c.rawTimestamps[0]).toBe('2008-01-30');
  });
  it('rejects a file without time and value columns, or a bad row', () => {
    expect(() => parseSeriesCsv('a,b\n1,2\n')).toThrow(/expected a header/);
    expect(() => parseSeriesCsv('timestamp,value\n2014-01-01 00:00:00,abc\n')).toThrow(/line 2/);
  });
});
