import { describe, expect, it } from 'vitest';
import { modeCaveat } from '../tools/tool-support.js';
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
});
