/**
 * Finds the time expressions of a normalised question and resolves each to an absolute range in the
 * deployment's time zone: "어제 오후 3시", "지난주 월요일", "최근 3시간", "last 48 hours", "since
 * Monday", "3월 1일", "12/25", "작년 이맘때". Calendar words mean calendar periods there, ranges are
 * half-open [from, to) and never reach past `now` (the future has no data). Year-less dates are the
 * most recent past one: asked in March, "12/25" is last Christmas.
 */
import {
  addWall,
  epochOf,
  startOfDay,
  startOfWeek,
  wallOf,
  weekday,
  type CalendarUnit,
  type Wall,
} from './zoned-clock.js';

export type Granularity = 'now' | 'rolling' | 'hour' | 'part' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface TimeMention {
  start: number;
  end: number;
  from: number;
  to: number;
  granularity: Granularity;
  echo: string;
  /** A bare weekday ("토요일") that may mean "Saturdays in general" rather than one date. */
  generic?: boolean;
}

interface Clock {
  now: number;
  zone: string;
  wall: Wall;
}

type Build = (m: RegExpExecArray, c: Clock) => Omit<TimeMention, 'start' | 'end' | 'echo'> | undefined;

const WEEKDAYS_KO = '일월화수목금토';
const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function span(c: Clock, from: Wall, to: Wall, granularity: Granularity): ReturnType<Build> {
  return { from: epochOf(from, c.zone), to: Math.min(epochOf(to, c.zone), c.now), granularity };
}

function period(c: Clock, start: Wall, n: number, unit: CalendarUnit, g: Granularity): ReturnType<Build> {
  return span(c, start, addWall(start, n, unit), g);
}

const today = (c: Clock): Wall => startOfDay(c.wall);
const monthStart = (w: Wall): Wall => ({ y: w.y, mo: w.mo, d: 1, h: 0, mi: 0 });
const yearStart = (y: number): Wall => ({ y, mo: 1, d: 1, h: 0, mi: 0 });

function unitOf(word: string): CalendarUnit | undefined {
  if (/^(분|min)/.test(word)) return 'minute';
  if (/^(시간|h)/.test(word)) return 'hour';
  if (/^(일$|d)/.test(word)) return 'day';
  if (/^(주|w)/.test(word)) return 'week';
  if (/^(개월|달|mo)/.test(word)) return 'month';
  if (/^(년|y)/.test(word)) return 'year';
  return undefined;
}

/** A past calendar day for a year-less month/day (this year, or last year if still ahead). */
function pastDate(c: Clock, mo: number, d: number, y?: number): Wall | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const w: Wall = { y: y ?? c.wall.y, mo, d, h: 0, mi: 0 };
  if (y === undefined && epochOf(w, c.zone) > c.now) w.y -= 1;
  return w;
}

function weekdayDate(c: Clock, dow: number, which: 'last_week' | 'this_week' | 'recent' | 'before_today'): Wall {
  const monday = startOfWeek(c.wall);
  if (which === 'last_week') return addWall(monday, ((dow + 6) % 7) - 7, 'day');
  if (which === 'this_week') return addWall(monday, (dow + 6) % 7, 'day');
  const back = (weekday(c.wall) - dow + 7) % 7 || (which === 'before_today' ? 7 : 0);
  return addWall(today(c), -back, 'day');
}

const NUM_WORD: Record<string, number> = { 한: 1, 하루: 1, 일주일: 1, an: 1, a: 1, one: 1, two: 2, three: 3 };

/** Day-level and longer mentions, most specific first; a later matcher never reuses claimed text. */
const DAY_MATCHERS: ReadonlyArray<readonly [RegExp, Build]> = [
  [
    /(최근|지난|과거|last|past|previous|in the last|over the last|for the last|during the last)\s*(\d+|한|하루|일주일|an|a|one|two|three)?\s*(분|시간|일(?!요일)|주일?|개월|달|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?)(\s*(간|동안))?/g,
    (m, c) => {
      const word = m[2] ?? '1';
      const n = /^\d+$/.test(word) ? Number(word) : (NUM_WORD[word] ?? 1);
      const unit = m[2] === '일주일' ? 'week' : unitOf(m[3]);
      if (!unit || (m[2] === undefined && /^(주|달|week|month)/.test(m[3]))) return undefined;
      return { from: epochOf(addWall(c.wall, -n, unit), c.zone), to: c.now, granularity: 'rolling' };
    },
  ],
  [
    /(방금|just now|a moment ago)/g,
    (_m, c) => ({ from: epochOf(addWall(c.wall, -15, 'minute'), c.zone), to: c.now, granularity: 'rolling' }),
  ],
  [
    /(작년|last year)\s*(이맘때|이 맘때|이 시간|같은 (?:시기|기간|날|때))|(?:same (?:time|day|period) |this time )last year/g,
    (_m, c) => ({ ...period(c, addWall(today(c), -1, 'year'), 1, 'day', 'year')!, granularity: 'year' }),
  ],
  [/same month last year/g, (_m, c) => period(c, addWall(monthStart(c.wall), -1, 'year'), 1, 'month', 'year')],
  [
    /(어제|그저께|yesterday)\s*(?:이 시간|이시간|이맘때|같은 시간|same time|at this time)|same time yesterday/g,
    (m, c) => {
      const back = m[1] === '그저께' ? 2 : 1;
      const at = addWall(c.wall, -back, 'day');
      return { from: epochOf(addWall(at, -1, 'hour'), c.zone), to: epochOf(at, c.zone), granularity: 'day' };
    },
  ],
  [
    /(지난주|last week)\s*(같은 요일|이 시간|이맘때|오늘|같은 날)|same (?:time|day) last week/g,
    (_m, c) => period(c, addWall(today(c), -7, 'day'), 1, 'day', 'day'),
  ],
  [
    /(\d{4})[-./](\d{1,2})[-./](\d{1,2})/g,
    (m, c) => {
      const w = pastDate(c, Number(m[2]), Number(m[3]), Number(m[1]));
      return w && period(c, w, 1, 'day', 'day');
    },
  ],
  [
    /(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일/g,
    (m, c) => {
      const w = pastDate(c, Number(m[2]), Number(m[3]), m[1] ? Number(m[1]) : undefined);
      return w && period(c, w, 1, 'day', 'day');
    },
  ],
  [
    /(?<![\d/.:])(\d{1,2})\/(\d{1,2})(?![\d/])/g,
    (m, c) => {
      const w = pastDate(c, Number(m[1]), Number(m[2]));
      return w && period(c, w, 1, 'day', 'day');
    },
  ],
  [
    /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?\b|\b(\d{1,2})(?:st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/g,
    (m, c) => {
      const mo = MONTHS_EN.indexOf(m[1] ?? m[4]) + 1;
      const w = pastDate(c, mo, Number(m[2] ?? m[3]));
      return w && period(c, w, 1, 'day', 'day');
    },
  ],
  [/(\d+)\s*(일|days?)\s*(전|ago)/g, (m, c) => period(c, addWall(today(c), -Number(m[1]), 'day'), 1, 'day', 'day')],
  [/그저께|그제|엊그제|day before yesterday/g, (_m, c) => period(c, addWall(today(c), -2, 'day'), 1, 'day', 'day')],
  [/어제|어저께|yesterday/g, (_m, c) => period(c, addWall(today(c), -1, 'day'), 1, 'day', 'day')],
  [
    /지난밤|어젯밤|last night/g,
    (_m, c) => span(c, { ...addWall(today(c), -1, 'day'), h: 18 }, { ...today(c), h: 6 }, 'part'),
  ],
  [/오늘|금일|today/g, (_m, c) => period(c, today(c), 1, 'day', 'day')],
  [
    /(지난주|이번주|last|this)?\s*([월화수목금토일])요일|(last|this)?\s*\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?\b/g,
    (m, c) => {
      const dow = m[2] ? WEEKDAYS_KO.indexOf(m[2]) : WEEKDAYS_EN.indexOf(m[4]);
      const q = m[1] ?? m[3];
      const which =
        q === '지난주' ? 'last_week' : q === '이번주' || q === 'this' ? 'this_week' : q ? 'before_today' : 'recent';
      return { ...period(c, weekdayDate(c, dow, which), 1, 'day', 'day')!, ...(q ? {} : { generic: true }) };
    },
  ],
  [
    /지난주|last week|previous week/g,
    (_m, c) => period(c, addWall(startOfWeek(c.wall), -1, 'week'), 1, 'week', 'week'),
  ],
  [/이번주|this week/g, (_m, c) => period(c, startOfWeek(c.wall), 1, 'week', 'week')],
  [
    /지난달|last month|previous month/g,
    (_m, c) => period(c, addWall(monthStart(c.wall), -1, 'month'), 1, 'month', 'month'),
  ],
  [/이번달|this month/g, (_m, c) => period(c, monthStart(c.wall), 1, 'month', 'month')],
  [
    /(지난|이번)\s*분기|(last|this) quarter/g,
    (m, c) => {
      const q0: Wall = { y: c.wall.y, mo: Math.floor((c.wall.mo - 1) / 3) * 3 + 1, d: 1, h: 0, mi: 0 };
      const start = m[1] === '지난' || m[2] === 'last' ? addWall(q0, -3, 'month') : q0;
      return period(c, start, 3, 'month', 'quarter');
    },
  ],
  [
    /(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월(?!\s*\d)(?!요일)/g,
    (m, c) => {
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) return undefined;
      const w: Wall = { y: m[1] ? Number(m[1]) : c.wall.y, mo, d: 1, h: 0, mi: 0 };
      if (!m[1] && epochOf(w, c.zone) > c.now) w.y -= 1;
      return period(c, w, 1, 'month', 'month');
    },
  ],
  [/작년|last year/g, (_m, c) => period(c, yearStart(c.wall.y - 1), 1, 'year', 'year')],
  [/올해|this year/g, (_m, c) => period(c, yearStart(c.wall.y), 1, 'year', 'year')],
  [/(\d{4})\s*년/g, (m, c) => period(c, yearStart(Number(m[1])), 1, 'year', 'year')],
  [
    /지금|현재|실시간|이 시간|이시간|이맘때|right now|\bnow\b|currently|\bcurrent\b|at the moment/g,
    (_m, c) => ({ from: epochOf(addWall(c.wall, -1, 'hour'), c.zone), to: c.now, granularity: 'now' }),
  ],
];

export function clockOf(now: number, zone: string): Clock {
  return { now, zone, wall: wallOf(now, zone) };
}

/** Day-level and longer mentions (see `timeOfDayMentions` for hours), in text order. */
export function dayMentions(text: string, c: Clock): TimeMention[] {
  const claimed: boolean[] = new Array<boolean>(text.length).fill(false);
  const out: TimeMention[] = [];
  for (const [re, build] of DAY_MATCHERS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].trimEnd().length;
      if (end <= start || claimed.slice(start, end).some(Boolean)) continue;
      const built = build(m, c);
      if (!built) continue;
      claimed.fill(true, start, end);
      out.push({ ...built, start, end, echo: text.slice(start, end) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
