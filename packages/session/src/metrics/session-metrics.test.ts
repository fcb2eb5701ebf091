/** Tomcat-named metrics: the creation rate counts the sessions created in the last minute, to the second. */
import { describe, expect, it } from 'vitest';
import { SessionMetrics } from './session-metrics.js';

const rate = (m: SessionMetrics, now: number) =>
  m.snapshot('i', now, 0, { storeRetries: 0, eventsSent: 0, eventsDropped: 0 });

describe('session metrics', () => {
  it('sessionCreateRate counts the creations of the last 60 seconds and forgets older ones', () => {
    const m = new SessionMetrics();
    const t = Date.UTC(2026, 10, 25, 23, 0, 0);
    for (let i = 0; i < 3; i++) m.recordCreated(t + i);
    for (let i = 0; i < 2; i++) m.recordCreated(t + 30_000 + i);
    expect(rate(m, t + 30_500)).toMatchObject({ sessionCreateRate: 5, sessionCounter: 5 });
    expect(rate(m, t + 59_999).sessionCreateRate).toBe(5);
    expect(rate(m, t + 60_000).sessionCreateRate).toBe(2);
    // A bucket reused a minute later starts again from zero.
    m.recordCreated(t + 90_000);
    expect(rate(m, t + 90_000).sessionCreateRate).toBe(1);
    expect(rate(m, t + 200_000)).toMatchObject({ sessionCreateRate: 0, sessionCounter: 6 });
  });
});
