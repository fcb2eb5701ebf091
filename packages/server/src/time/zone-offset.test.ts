import { describe, expect, it } from 'vitest';
import { isTimeZone, zoneOffsetMinutes, zoneOffsetMs } from './zone-offset.js';

describe('zoneOffset', () => {
  it('gives fixed and daylight-saving offsets at the instant asked', () => {
    expect(zoneOffsetMinutes('Asia/Seoul', Date.UTC(2026, 0, 1))).toBe(540);
    expect(zoneOffsetMinutes('UTC', Date.UTC(2026, 6, 1))).toBe(0);
    // New York: EST in January, EDT in July.
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 15))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 15))).toBe(-240);
    expect(zoneOffsetMs('Asia/Kolkata', Date.UTC(2026, 3, 1, 12, 0, 0, 999))).toBe(330 * 60_000);
  });

  it('knows real zone names and refuses made-up ones', () => {
    expect(isTimeZone('Asia/Seoul')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
