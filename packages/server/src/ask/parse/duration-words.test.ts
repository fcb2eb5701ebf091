import { describe, expect, it } from 'vitest';
import { findDurations } from './duration-words.js';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

const minutesIn = (text: string): number[] => findDurations(text).map((d) => d.ms / MIN);

describe('findDurations', () => {
  it.each([
    // Korean native number words count hours.
    ['한 시간', 1 * H],
    ['두 시간', 2 * H],
    ['두시간', 2 * H],
    ['세 시간', 3 * H],
    ['네 시간', 4 * H],
    ['다섯 시간', 5 * H],
    ['여섯시간', 6 * H],
    ['일곱 시간', 7 * H],
    ['여덟 시간', 8 * H],
    ['아홉 시간', 9 * H],
    ['열 시간', 10 * H],
    ['열두 시간', 12 * H],
    ['스무 시간', 20 * H],
    ['스물네 시간', 24 * H],
    ['한 시간 반', 1.5 * H],
    ['두시간반', 2.5 * H],
    // Sino number words count seconds, minutes, hours and days.
    ['삼십 분', 30 * MIN],
    ['이십분', 20 * MIN],
    ['십오 분', 15 * MIN],
    ['구십분', 90 * MIN],
    ['백 분 이상', 100 * MIN],
    ['백이십 분', 120 * MIN],
    ['삼십 초', 0.5 * MIN],
    ['이십 시간', 20 * H],
    ['삼일 동안', 3 * DAY],
    ['한 시간 삼십 분', 1.5 * H],
    // Native day words.
    ['하루', DAY],
    ['이틀', 2 * DAY],
    ['사흘 반', 3.5 * DAY],
    // Digits with Korean units.
    ['90분', 90 * MIN],
    ['1시간 반', 1.5 * H],
    ['1.5시간', 1.5 * H],
    ['1시간 30분', 1.5 * H],
    ['3일', 3 * DAY],
    ['45초', 0.75 * MIN],
    // English.
    ['one hour', H],
    ['two hours', 2 * H],
    ['an hour', H],
    ['a day', DAY],
    ['half an hour', 30 * MIN],
    ['half a day', 12 * H],
    ['a quarter of an hour', 15 * MIN],
    ['quarter hour', 15 * MIN],
    ['an hour and a half', 1.5 * H],
    ['one and a half hours', 1.5 * H],
    ['90 minutes', 90 * MIN],
    ['90 mins', 90 * MIN],
    ['45 min', 45 * MIN],
    ['twenty-five minutes', 25 * MIN],
    ['twenty five minutes', 25 * MIN],
    ['a hundred minutes', 100 * MIN],
    ['a couple of hours', 2 * H],
    ['1.5h', 1.5 * H],
    ['2 hrs', 2 * H],
    ['2h30m', 2.5 * H],
    ['2 hours and 15 minutes', 2.25 * H],
    ['1 hour 30 minutes', 1.5 * H],
    ['30 seconds', 0.5 * MIN],
    ['3 days', 3 * DAY],
  ])('reads "%s"', (text, ms) => {
    expect(findDurations(text).map((d) => d.ms)).toEqual([ms]);
  });

  it('gives the span of the duration in the text', () => {
    const text = 'sessions longer than an hour and a half today';
    const [d] = findDurations(text);
    expect(text.slice(d.start, d.end)).toBe('an hour and a half');
    const ko = '두 시간 이상 붙어 있는 세션';
    const [k] = findDurations(ko);
    expect(ko.slice(k.start, k.end)).toBe('두 시간');
  });

  it('does not read words that only look like a number and a unit', () => {
    // 구분 (a category), 이분 (this person), 다섯 분 (five persons: a native word before 분 counts people),
    // 이 시간 (this hour), 1분기 (first quarter), 3분의 1 (a third), 일요일, 세션, anyone, often.
    for (const text of [
      '서버별로 구분해서 보여줘',
      '이분이 누구야',
      '다섯 분 접속 중',
      '이 시간에 몇 명',
      '1분기 리포트',
      '3분의 1',
      '지난 일요일',
      '세션 수',
      'anyone online?',
      'how often',
      'server 2',
    ]) {
      expect(minutesIn(text), text).toEqual([]);
    }
  });

  it('reads a single-syllable Sino number before 분 only next to a duration word', () => {
    expect(minutesIn('오 분 이상')).toEqual([5]);
    expect(minutesIn('오분')).toEqual([]);
    // 백분율 is a percentage, 삼일절 a holiday.
    expect(minutesIn('백분율')).toEqual([]);
    expect(minutesIn('삼일절')).toEqual([]);
  });

  it('rejects Sino digits run together as a range ("이삼 분" is two or three minutes)', () => {
    expect(minutesIn('이삼 분 이상')).toEqual([]);
  });

  it('finds every duration in a sentence, left to right', () => {
    expect(minutesIn('sessions between 30 minutes and two hours')).toEqual([30, 120]);
  });
});
