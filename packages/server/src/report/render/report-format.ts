/**
 * Number, date and label formatting shared by every renderer, per language (ko-KR / en-US). Tests
 * format the API's JSON numbers with these same functions to find them in the PDF's text, so a figure
 * reads identically in HTML, PDF and the API.
 */
import { wallOf } from '../../ask/parse/zoned-clock.js';
import type { ReportLang } from '../report-types.js';

const LOCALE: Record<ReportLang, string> = { ko: 'ko-KR', en: 'en-US' };
const WEEKDAYS: Record<ReportLang, readonly string[]> = {
  ko: ['월', '화', '수', '목', '금', '토', '일'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

export interface ReportFormatter {
  lang: ReportLang;
  /** Whole number with grouping: 5,398,187. */
  int(n: number): string;
  /** One decimal: 155.5. */
  dec1(n: number): string;
  /** Ratio as a percentage with `digits` decimals: 0.997942 → 99.79%. */
  pct(ratio: number, digits?: number): string;
  /** Signed: +15, −0.9 (ASCII minus so text extraction matches). */
  signed(n: number, decimals: 0 | 1): string;
  /** Local date: 2026-11-16 (월). */
  day(t: number): string;
  /** Local date and hour: 2026-11-16 (월) 09:00. */
  dateHour(t: number): string;
  /** Local hour only: 09:00. */
  hour(t: number): string;
  weekday(isoWeekday: number): string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function reportFormatter(lang: ReportLang, timeZone: string): ReportFormatter {
  const intFmt = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 });
  const dec1Fmt = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const pctFmts = new Map<number, Intl.NumberFormat>();
  const pctOf = (digits: number): Intl.NumberFormat => {
    let f = pctFmts.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(LOCALE[lang], {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      pctFmts.set(digits, f);
    }
    return f;
  };
  const weekday = (d: number): string => WEEKDAYS[lang][d] ?? '';
  const isoWeekdayOf = (w: { y: number; mo: number; d: number }): number =>
    (new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay() + 6) % 7;
  const day = (t: number): string => {
    const w = wallOf(t, timeZone);
    return `${w.y}-${pad(w.mo)}-${pad(w.d)} (${weekday(isoWeekdayOf(w))})`;
  };
  const hour = (t: number): string => {
    const w = wallOf(t, timeZone);
    return `${pad(w.h)}:${pad(w.mi)}`;
  };
  return {
    lang,
    int: (n) => intFmt.format(n),
    dec1: (n) => dec1Fmt.format(n),
    pct: (r, digits = 2) => pctOf(digits).format(r),
    signed: (n, decimals) => {
      const body = decimals === 0 ? intFmt.format(Math.abs(n)) : dec1Fmt.format(Math.abs(n));
      return `${n > 0 ? '+' : n < 0 ? '-' : ''}${body}`;
    },
    day,
    dateHour: (t) => `${day(t)} ${hour(t)}`,
    hour,
    weekday,
  };
}
