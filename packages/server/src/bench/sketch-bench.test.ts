/**
 * Runs the sketch benchmark in quick mode so it cannot rot: the Markdown must hold every table, and
 * with the local Redis present, Redis's PFCOUNT must equal ours on every shared trial.
 */
import { describe, expect, it } from 'vitest';
import { localRedisAvailable } from '../../../../test/support/services.js';
import { bench } from './sketch.bench.js';

const redisInfo = await localRedisAvailable();

describe('bench sketch --quick', () => {
  it('produces the accuracy, speed and size tables', async () => {
    const lines: string[] = [];
    const md = await bench.run({ quick: true, params: { redis: redisInfo.url }, log: (l) => lines.push(l) });
    expect(md).toContain('### Sketch');
    expect(md).toContain('#### Accuracy');
    expect(md).toMatch(/\| 10,000 \| 3 \/ \d \|/);
    expect(md).toMatch(/\| ours: add\(string\) \| [\d.]+ [Mk]? ?adds\/s/);
    expect(md).toMatch(/\| 100,000 \| 12,304 B \(dense\) \|/);
    expect(md).toContain('#### Targets');
    if (redisInfo.available) {
      expect(md).toContain('Redis PFADD, pipelined, 1 element/command');
      for (const m of md.matchAll(/ \| (\d+)\/(\d+) \| /g)) expect(m[1]).toBe(m[2]);
      expect([...md.matchAll(/ \| (\d+)\/(\d+) \| /g)]).toHaveLength(3);
    }
  });
});
