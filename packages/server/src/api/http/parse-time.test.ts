import { describe, expect, it } from 'vitest';
import { parseInstant } from './parse-time.js';

const now = Date.parse('2026-11-25T12:00:00Z');

describe('parseInstant', () => {
  it('reads ISO 8601, epoch milliseconds and now', () => {
    expect(parseInstant('2026-11-25T10:00:00Z', now)).toBe(Date.parse('2026-11-25T10:00:00Z'));
    expect(parseInstant('2026-11-25T10:00:00.250+09:00', now)).toBe(Date.parse('2026-11-25T01:00:00.250Z'));
    expect(parseInstant('1764064800000', now)).toBe(1764064800000);
    expect(parseInstant('now', now)).toBe(now);
  });

  it('reads offsets relative to now', () => {
    expect(parseInstant('-24h', now)).toBe(now - 86_400_000);
    expect(parseInstant('-30m', now)).toBe(now - 1_800_000);
    expect(parseInstant('-7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseInstant('-90s', now)).toBe(now - 90_000);
  });

  it('rejects what is not a time instead of guessing', () => {
    for (const bad of ['', 'yesterday', 'March 7', '24h', '-1y', '2026-13-45T00:00:00Z', '1.5']) {
      expect(parseInstant(bad, now), bad).toBeUndefined();
    }
  });
});
