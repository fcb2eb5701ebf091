/** The invented-number check on LLM phrasing: rounding as written, Korean units, shares vs counts. */
import { describe, expect, it } from 'vitest';
import { checkNumberClaims, numberClaims } from './number-claims.js';

describe('numberClaims', () => {
  it('reads separators, decimals, Korean and SI multipliers and percentages with their precision', () => {
    const got = numberClaims('12,345명, 약 1.2만 명, 3천, 0.81%, 2.5k, -4').map((c) => [
      c.value,
      c.tolerance,
      c.percent,
    ]);
    expect(got).toEqual([
      [12345, 0.5, false],
      [12000, 500, false],
      [3000, 500, false],
      [0.81, 0.005, true],
      [2500, 50, false],
      [-4, 0.5, false],
    ]);
  });
  it('treats trailing zeros of large integers as rounding', () => {
    expect(numberClaims('about 12,300 users')[0]!.tolerance).toBe(50);
  });
});

describe('checkNumberClaims', () => {
  const sources = [{ value: 12_345, low: 12_245, errorBand: 0.0081 }, '어제 15:00 기준'];
  it('accepts numbers of the sources as written or rounded', () => {
    expect(checkNumberClaims('약 1.2만 명 (12,345명, ±0.81%), 오후 3시', sources).ok).toBe(true);
    expect(checkNumberClaims('about 12,300 users', sources).ok).toBe(true);
  });
  it('rejects numbers that appear nowhere, and shares that only match counts or clock times', () => {
    expect(checkNumberClaims('12,345명, 어제보다 20% 증가', sources)).toEqual({ ok: false, unsupported: ['20%'] });
    expect(checkNumberClaims('15% more', sources).unsupported).toEqual(['15%']);
    expect(checkNumberClaims('1.3만 명', sources).unsupported).toEqual(['1.3만']);
  });
  it('counts numbers written as words, in English and as Korean native numerals before a counter', () => {
    expect(checkNumberClaims('add five servers; traffic doubled', sources).unsupported).toEqual(['five']);
    expect(checkNumberClaims('서버 다섯 대를 추가하세요', sources).unsupported).toEqual(['다섯']);
    // 세션, 네 (yes) and 한국 are words, not numbers.
    expect(checkNumberClaims('네, 세션은 한국 기준 12,345명입니다', sources).ok).toBe(true);
  });
});
