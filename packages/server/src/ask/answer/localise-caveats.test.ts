import { describe, expect, it } from 'vitest';
import { policyFromRule } from '../../k8s/scaling-policy.js';
import { simulatePolicy, type HourlyPoint } from '../../k8s/simulate-policy.js';
import type { ScalingRule } from '../parse/index.js';
import { modeCaveat, modeOf } from '../tools/tool-support.js';
import type { ToolContext } from '../tools/tool-types.js';
import { localiseCaveat, localiseCaveats } from './localise-caveats.js';

const HANGUL = /[\uac00-\ud7a3]/;

describe('localiseCaveat', () => {
  it('words every identification-mode caveat in Korean for a Korean answer (read from the tool, so drift fails)', () => {
    for (const mode of ['ip', 'session', 'cookie', 'user'] as const) {
      expect(HANGUL.test(localiseCaveat(modeCaveat(mode), 'ko')), mode).toBe(true);
      expect(localiseCaveat(modeCaveat(mode), 'en')).toBe(modeCaveat(mode));
    }
    expect(localiseCaveat(modeCaveat('user'), 'ko')).toBe(
      '모드 user: 로그인한 사용자만 셉니다 (익명 방문자와 봇은 제외)',
    );
  });

  it('keeps the variable parts and leaves an unknown caveat as written rather than guessing', () => {
    expect(localiseCaveat('read the first 500 sessions only', 'ko')).toBe('처음 500개 세션만 읽었습니다');
    expect(
      localiseCaveat('no requests of kim01 stored in this period (raw transactions are kept 8 days by default)', 'ko'),
    ).toContain('kim01');
    expect(localiseCaveat('no cpu spike in the samples', 'ko')).toBe('표본에서 CPU 급증을 찾지 못했습니다');
    expect(
      localiseCaveat(
        'cpu spike on was2 but no single route and user explain 25 % of its excess durationMs or bytes',
        'ko',
      ),
    ).toContain('was2');
    expect(localiseCaveat('something new a tool says', 'ko')).toBe('something new a tool says');
    expect(localiseCaveats(['no stored data in this period', 'no stored data in this period'], 'ko')).toEqual([
      '이 기간에 저장된 데이터가 없습니다',
    ]);
  });

  it('words every warning and CPU model of the policy simulation in Korean (read from the simulator, so drift fails)', () => {
    const H = 3_600_000;
    const hours = (n: number, f: (i: number) => number): HourlyPoint[] =>
      Array.from({ length: n }, (_, i) => ({ t: i * H, value: f(i) }));
    const texts = new Set<string>();
    const run = (rule: ScalingRule, ccu: HourlyPoint[], cpu?: HourlyPoint[], maxReplicas?: number): void => {
      const policy = policyFromRule(rule, { observedPeak: Math.max(0, ...ccu.map((p) => p.value)), maxReplicas });
      const r = simulatePolicy({ policy, ccu, cpu, servers: 2 });
      texts.add(r.cpuModel.description);
      for (const w of r.warnings) texts.add(w);
    };
    run({ scaleUp: { above: 1000, add: 1 } }, []);
    run(
      { scaleUp: { above: 5000, add: 1 } },
      hours(48, () => 100),
    );
    run(
      { scaleUp: { above: 1000, add: 1 }, scaleDown: { below: 950, to: 1 } },
      hours(200, (i) => (i % 2 ? 3000 : 100)),
      undefined,
      2,
    );
    run(
      { scaleUp: { above: 1000, add: 2 }, scaleDown: { below: 500, to: 1 } },
      hours(96, (i) => (Math.floor(i / 24) % 2 ? 300 : 3000)),
      hours(96, () => 0.9),
    );
    // Every kind of warning the simulator writes was produced: nothing escaped the check.
    for (const start of [
      'no CPU history',
      'CPU per pod',
      'no hourly CCU',
      'CCU never exceeded',
      'maxReplicas',
      'flapping',
      'the thresholds',
      'a Value target',
      'by the CPU history',
      'the CPU-based comparison',
    ])
      expect(
        [...texts].some((t) => t.startsWith(start)),
        start,
      ).toBe(true);
    for (const t of texts) {
      const ko = localiseCaveat(t, 'ko');
      expect(HANGUL.test(ko), t).toBe(true);
      // The numbers of the English caveat survive the wording.
      for (const n of t.match(/\d+(?:\.\d+)?/g) ?? []) expect(ko, t).toContain(n);
    }
  });

  it('words the uncollected-mode error an answer shows as its caveat', () => {
    const ctx = { modes: ['user', 'ip'] } as unknown as ToolContext;
    let message = '';
    try {
      modeOf(ctx, 'cookie');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(localiseCaveat(message, 'ko')).toBe(
      "모드 'cookie'은(는) 수집하지 않습니다 (수집 중: user, ip); 수집기를 --mode user,ip,cookie로 시작하세요",
    );
  });
});
