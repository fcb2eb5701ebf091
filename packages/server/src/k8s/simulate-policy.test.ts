/** The policy simulation on hand-made hourly series whose right answers are known. */
import { describe, expect, it } from 'vitest';
import { policyFromRule, DEFAULT_RULE } from './scaling-policy.js';
import { simulatePolicy, type HourlyPoint } from './simulate-policy.js';

const H = 3_600_000;
const series = (values: number[]): HourlyPoint[] => values.map((value, i) => ({ t: i * H, value }));

describe('policyFromRule', () => {
  it('maps the example sentence: min 1, 1000 per pod, +2 pods a minute, 300 s scale-in window', () => {
    const p = policyFromRule(DEFAULT_RULE, { observedPeak: 4000 });
    expect(p).toMatchObject({ minReplicas: 1, targetPerPod: 1000, maxReplicas: 5 });
    expect(p.scaleUp.policies).toEqual([{ type: 'Pods', value: 2, periodSeconds: 60 }]);
    expect(p.scaleDown.stabilizationWindowSeconds).toBe(300);
    expect(p.explanation.join(' ')).toMatch(/AverageValue 1000/);
  });
  it('"to N" on scale-down raises the minimum and the target per pod follows', () => {
    const p = policyFromRule({ scaleUp: { above: 3000, add: 1 }, scaleDown: { below: 1000, to: 2 } });
    expect(p).toMatchObject({ minReplicas: 2, targetPerPod: 1500 });
  });
});

describe('simulatePolicy', () => {
  const policy = policyFromRule(DEFAULT_RULE, { maxReplicas: 4 });

  it('follows ⌈CCU ÷ target⌉ with the 10 % tolerance, and the literal rule holds between thresholds', () => {
    const r = simulatePolicy({ policy, ccu: series([300, 1200, 2500, 1900, 800, 400, 9000]) });
    expect(r.hours.map((h) => h.hpa)).toEqual([1, 2, 3, 2, 1, 1, 4]);
    // 1200 > 1000: +2 → 3; 2500: +2 → 4 (max); 1900, 800: hold; 400 < 500 → 1; 9000: +2 → 3.
    expect(r.hours.map((h) => h.literal)).toEqual([1, 3, 4, 4, 4, 1, 3]);
    expect(r.hpa.podHours).toBe(14);
    expect(r.hpa.hoursAtMax).toBe(1);
    expect(r.warnings.join('\n')).toMatch(/maxReplicas 4 reached in 1 h/);
  });

  it('warns when the threshold is never reached', () => {
    const r = simulatePolicy({ policy, ccu: series([100, 200, 900, 300]) });
    expect(r.hpa.scaleEvents).toBe(0);
    expect(r.warnings.join('\n')).toMatch(/never exceeded 1000 \(peak 900\)/);
  });

  it('counts flapping when load oscillates around the target', () => {
    const ccu = series(Array.from({ length: 48 }, (_, i) => (i % 2 ? 1500 : 700)));
    const r = simulatePolicy({ policy, ccu });
    expect(r.hpa.flaps).toBeGreaterThan(40);
    expect(r.warnings.join('\n')).toMatch(/flapping/);
  });

  it('shows that a Value target would not scale back down', () => {
    // Up to 4 pods at 3000, then 850 users (below the 1000 Value target, inside ⌈pods × 0.85⌉ = pods).
    const r = simulatePolicy({
      policy: policyFromRule(
        { scaleUp: { above: 1000, add: 2 }, scaleDown: { below: 900, to: 1 } },
        { maxReplicas: 4 },
      ),
      ccu: series([3000, 850, 850, 850]),
    });
    expect(r.warnings.join('\n')).toMatch(/Value target of 1000 .* never scales down/);
  });

  it('reads CPU per user per pod from history and compares pod-hours', () => {
    const ccu = series(Array.from({ length: 48 }, (_, i) => 400 + 50 * (i % 24)));
    // 2 servers; CPU = 0.001 × users per server → one pod reaches 70 % at 700 users.
    const cpu = ccu.map((p) => ({ t: p.t, value: (p.value / 2) * 0.001 }));
    const r = simulatePolicy({ policy: policyFromRule(DEFAULT_RULE, { maxReplicas: 10 }), ccu, cpu, servers: 2 });
    expect(r.cpuModel.basis).toBe('history');
    expect(r.cpuModel.cpuPerUserPerPod).toBeCloseTo(0.001, 6);
    expect(r.cpu.podHours).toBeGreaterThan(r.hpa.podHours);
    expect(r.warnings.join('\n')).toMatch(/reaches 70 % CPU at about 700 users/);
  });

  it('states the CPU assumption when there is no CPU history', () => {
    const r = simulatePolicy({ policy, ccu: series([100, 2000]) });
    expect(r.cpuModel.basis).toBe('assumption');
    expect(r.hours.map((h) => h.cpu)).toEqual(r.hours.map((h) => h.hpa));
  });
});
