/**
 * Durations as people say them, in digits or words: "90분", "1시간 반", "두 시간", "한 시간 삼십 분",
 * "이십분", "이틀", "90 minutes", "an hour and a half", "half an hour", "1.5h", "2h30m". Korean uses two
 * number systems and the unit decides which: native words (한, 두, 세, 열두, 스무…) count hours, Sino
 * words (일, 이, 삼십, 백…) count seconds, minutes, hours and days. A native word before 분 counts people
 * ("다섯 분" is five persons), so it is not read as minutes.
 */
import { EN_ONES, EN_TENS } from '../english-number-words.js';

export interface DurationMatch {
  ms: number;
  start: number;
  end: number;
}

const UNIT_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

const KO_UNIT: Record<string, Unit> = { 초: 'second', 분: 'minute', 시간: 'hour', 일: 'day' };

const NATIVE_ONES: Record<string, number> = {
  한: 1,
  하나: 1,
  두: 2,
  둘: 2,
  세: 3,
  셋: 3,
  네: 4,
  넷: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
};
const NATIVE_TENS: Record<string, number> = { 열: 10, 스무: 20, 스물: 20, 서른: 30, 마흔: 40, 쉰: 50 };
const SINO_DIGIT: Record<string, number> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 칠: 7, 팔: 8, 구: 9 };
const SINO_POWER: Record<string, number> = { 십: 10, 백: 100, 천: 1000 };
const NATIVE_DAYS: Record<string, number> = { 하루: 1, 이틀: 2, 사흘: 3, 나흘: 4 };

const alt = (words: Iterable<string>): string => [...words].sort((a, b) => b.length - a.length).join('|');

// What may not follow a unit: 분기 (quarter), 분의 (fraction), 시간대 (time slot), 일요일, 일차.
const NOT_A_UNIT_END = String.raw`(?!(?<=분)[기의]|(?<=시간)대|(?<=일)(?:요일|차))`;
// A half after the unit ("한 시간 반", "1분 반", "이틀 반"), not 반나절 or 반기.
const HALF = String.raw`(?:\s?(반)(?![나기]))?`;

const KO_PIECES: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\d.])(\d+(?:\.\d+)?)\s?(초|분|시간|일)${NOT_A_UNIT_END}${HALF}`, 'y'),
  new RegExp(
    String.raw`(?<![가-힣])((?:${alt(Object.keys(NATIVE_TENS))})?(?:${alt(Object.keys(NATIVE_ONES))})?)\s?(시간)${NOT_A_UNIT_END}${HALF}`,
    'y',
  ),
  new RegExp(String.raw`(?<![가-힣])([일이삼사오육칠팔구십백천]+)\s?(초|분|시간|일)${NOT_A_UNIT_END}${HALF}`, 'y'),
  new RegExp(String.raw`(?<![가-힣])(${alt(Object.keys(NATIVE_DAYS))})${HALF}`, 'y'),
];

// After a single-syllable Sino number the pair is often another word (구분, 이분, 사분, 오일), so it
// counts only when a duration word follows: 이상, 넘게, 동안, 간, 째, 정도, 이내, 미만, 보다.
const DURATION_CONTEXT = /^\s?(이상|넘|초과|동안|간|째|정도|쯤|가량|이내|미만|이하|보다)/;

function sinoValue(word: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  for (const ch of word) {
    if (ch in SINO_DIGIT) {
      if (digit !== undefined) return undefined; // "이삼" is "two or three", not a number
      digit = SINO_DIGIT[ch];
    } else {
      total += (digit ?? 1) * SINO_POWER[ch];
      digit = undefined;
    }
  }
  return total + (digit ?? 0);
}

function nativeValue(word: string): number | undefined {
  const tens = Object.keys(NATIVE_TENS).find((t) => word.startsWith(t));
  const rest = tens ? word.slice(tens.length) : word;
  if (rest && !(rest in NATIVE_ONES)) return undefined;
  const value = (tens ? NATIVE_TENS[tens] : 0) + (rest ? NATIVE_ONES[rest] : 0);
  return value > 0 ? value : undefined;
}

interface Piece {
  ms: number;
  unitMs: number;
  end: number;
}

function koreanPiece(text: string, at: number): Piece | undefined {
  for (const [i, re] of KO_PIECES.entries()) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) continue;
    let value: number | undefined;
    let unit: Unit;
    let half: string | undefined;
    if (i === 3) {
      value = NATIVE_DAYS[m[1]];
      unit = 'day';
      half = m[2];
    } else {
      unit = KO_UNIT[m[2]];
      half = m[3];
      if (i === 0) value = Number(m[1]);
      else if (i === 1) value = nativeValue(m[1]);
      else {
        value = sinoValue(m[1]);
        if ([...m[1]].length === 1 && !half && !DURATION_CONTEXT.test(text.slice(re.lastIndex))) value = undefined;
        // "이 시간" is "this hour", not two hours.
        if (unit === 'hour' && m[1] === '이') value = undefined;
      }
    }
    if (value === undefined || !Number.isFinite(value)) continue;
    const unitMs = UNIT_MS[unit];
    return { ms: (value + (half ? 0.5 : 0)) * unitMs, unitMs, end: re.lastIndex };
  }
  return undefined;
}

const EN_UNIT = String.raw`(seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|d)`;
const EN_NUMBER = String.raw`\d+(?:\.\d+)?|(?:a |one )?hundred(?: and)?(?: (?:${alt(Object.keys(EN_TENS))})(?:[- ](?:${alt(Object.keys(EN_ONES))}))?| (?:${alt(Object.keys(EN_ONES))}))?|(?:${alt(Object.keys(EN_TENS))})(?:[- ](?:${alt(Object.keys(EN_ONES))}))?|${alt(Object.keys(EN_ONES))}|an?|a couple(?: of)?`;
const EN_PIECES: readonly RegExp[] = [
  // "half an hour", "half a day", "a quarter of an hour", "quarter hour"
  /\b(half|(?:a )?quarter(?: of)?) (?:an? )?(second|minute|hour|day)\b/y,
  // "an hour and a half", "1 and a half hours", "one and a half hours", "90 minutes", "1.5h", "2 hrs"
  new RegExp(
    String.raw`\b(${EN_NUMBER})(?: and a half)?\s?-?${EN_UNIT}(?:\b|(?=\d))(?: and a half\b)?|\b(${EN_NUMBER}) and a half ${EN_UNIT}\b`,
    'y',
  ),
];

function englishUnit(word: string): Unit {
  if (/^s/.test(word)) return 'second';
  if (/^m/.test(word)) return 'minute';
  if (/^h/.test(word)) return 'hour';
  return 'day';
}

function englishNumber(phrase: string): number | undefined {
  if (/^\d/.test(phrase)) return Number(phrase);
  if (/^an?$/.test(phrase)) return 1;
  if (/couple/.test(phrase)) return 2;
  let total = 0;
  for (const w of phrase.split(/[\s-]+/)) {
    if (w === 'hundred') total = (total || 1) * 100;
    else if (w in EN_TENS) total += EN_TENS[w];
    else if (w in EN_ONES) total += EN_ONES[w];
    else if (w !== 'a' && w !== 'and') return undefined;
  }
  return total;
}

function englishPiece(text: string, at: number): Piece | undefined {
  if (at > 0 && /[a-z0-9]/.test(text[at - 1])) return undefined;
  const [halfRe, countRe] = EN_PIECES;
  halfRe.lastIndex = at;
  const h = halfRe.exec(text);
  if (h) {
    const unitMs = UNIT_MS[englishUnit(h[2])];
    return { ms: h[1] === 'half' ? unitMs / 2 : unitMs / 4, unitMs, end: halfRe.lastIndex };
  }
  countRe.lastIndex = at;
  const m = countRe.exec(text);
  if (!m) return undefined;
  const phrase = m[1] ?? m[3];
  const unitWord = m[2] ?? m[4];
  const value = englishNumber(phrase);
  if (value === undefined) return undefined;
  // A bare "s", "h" or "d" only counts right after digits ("30s", "2h"), not after a word ("a d").
  if (unitWord.length === 1 && !/^\d/.test(phrase)) return undefined;
  const unitMs = UNIT_MS[englishUnit(unitWord)];
  const half = /and a half/.test(m[0]) ? 0.5 : 0;
  return { ms: (value + half) * unitMs, unitMs, end: countRe.lastIndex };
}

/** "2h30m": minutes as a bare "m" only right after an hour part, where it cannot mean millions. */
function trailingMinutes(text: string, at: number, prev: Piece): Piece | undefined {
  if (prev.unitMs !== UNIT_MS.hour) return undefined;
  const m = /(\d+)m\b/y;
  m.lastIndex = at;
  const hit = m.exec(text);
  return hit ? { ms: Number(hit[1]) * UNIT_MS.minute, unitMs: UNIT_MS.minute, end: m.lastIndex } : undefined;
}

/** Every duration in the text, left to right; "1시간 30분" and "1 hour 30 minutes" are one duration. */
export function findDurations(text: string): DurationMatch[] {
  const out: DurationMatch[] = [];
  let i = 0;
  while (i < text.length) {
    const first = koreanPiece(text, i) ?? englishPiece(text, i);
    if (!first) {
      i++;
      continue;
    }
    let ms = first.ms;
    let end = first.end;
    let last = first;
    // Parts chain while their units descend: "1시간 30분", "2 hours and 15 minutes", "2h30m".
    for (;;) {
      const gap = /^(?:\s?(?:and\s)?)/.exec(text.slice(end))?.[0].length ?? 0;
      const next = koreanPiece(text, end + gap) ?? englishPiece(text, end + gap) ?? trailingMinutes(text, end, last);
      if (!next || next.unitMs >= last.unitMs) break;
      ms += next.ms;
      end = next.end;
      last = next;
    }
    out.push({ ms: Math.round(ms), start: i, end });
    i = end;
  }
  return out;
}
