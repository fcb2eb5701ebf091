/**
 * Turns the time mentions of a question into the `range` (and for comparisons the `baseline`) an
 * intent takes. A comparison's subject is the latest mention (or "now" = the last hour); the baseline
 * is the subject shifted back by the other mention's calendar unit, so "오늘 vs 지난주 같은 요일"
 * compares today 00:00-now with the same hours a week ago — like with like. Intents that need a
 * period and got none use a documented default, flagged `defaulted`.
 */
import type { Baseline, IntentName, Lang, TimeRange } from './question-types.js';
import type { Granularity, TimeMention } from './time-mentions.js';
import { addWall, dayDiff, epochOf, startOfDay, startOfWeek, wallOf, type CalendarUnit } from './zoned-clock.js';

interface Span {
  from: number;
  to: number;
}

interface DefaultPeriod {
  kind: 'rolling' | 'last_week' | 'last_month' | 'today';
  amount?: number;
  unit?: CalendarUnit;
  ko: string;
  en: string;
}

/** The period each intent looks at when the question names none. */
export const DEFAULT_PERIODS: Partial<Record<IntentName, DefaultPeriod>> = {
  'concurrent_users.compare': {
    kind: 'rolling',
    amount: 1,
    unit: 'hour',
    ko: '지금 (최근 1시간)',
    en: 'now (last hour)',
  },
  'concurrent_users.trend': { kind: 'rolling', amount: 24, unit: 'hour', ko: '최근 24시간', en: 'last 24 hours' },
  'concurrent_users.stats': { kind: 'today', ko: '오늘', en: 'today' },
  'capacity.recommend': { kind: 'rolling', amount: 30, unit: 'day', ko: '최근 30일', en: 'last 30 days' },
  'seasonality.peaks': { kind: 'rolling', amount: 30, unit: 'day', ko: '최근 30일', en: 'last 30 days' },
  'seasonality.weekday_weekend': { kind: 'rolling', amount: 4, unit: 'week', ko: '최근 4주', en: 'last 4 weeks' },
  'servers.surge': { kind: 'rolling', amount: 1, unit: 'hour', ko: '최근 1시간', en: 'last hour' },
  'rca.cpu_spike': { kind: 'rolling', amount: 24, unit: 'hour', ko: '최근 24시간', en: 'last 24 hours' },
  'rca.oom': { kind: 'rolling', amount: 24, unit: 'hour', ko: '최근 24시간', en: 'last 24 hours' },
  'report.weekly': { kind: 'last_week', ko: '지난주', en: 'last week' },
  'report.monthly': { kind: 'last_month', ko: '지난달', en: 'last month' },
  'sla.report': { kind: 'last_month', ko: '지난달', en: 'last month' },
  'users.urls': { kind: 'rolling', amount: 24, unit: 'hour', ko: '최근 24시간', en: 'last 24 hours' },
  'security.abnormal_urls': { kind: 'rolling', amount: 24, unit: 'hour', ko: '최근 24시간', en: 'last 24 hours' },
  'security.login_burst': { kind: 'rolling', amount: 24, unit: 'hour', ko: '최근 24시간', en: 'last 24 hours' },
};

const iso = (t: number): string => new Date(t).toISOString();

function range(span: Span, echo: string, defaulted: boolean): TimeRange {
  return { from: iso(span.from), to: iso(span.to), echo, defaulted };
}

function defaultSpan(d: DefaultPeriod, now: number, zone: string): Span {
  const wall = wallOf(now, zone);
  switch (d.kind) {
    case 'rolling':
      return { from: epochOf(addWall(wall, -(d.amount ?? 1), d.unit ?? 'hour'), zone), to: now };
    case 'today':
      return { from: epochOf(startOfDay(wall), zone), to: now };
    case 'last_week': {
      const monday = startOfWeek(wall);
      return { from: epochOf(addWall(monday, -1, 'week'), zone), to: epochOf(monday, zone) };
    }
    case 'last_month': {
      const first = { ...startOfDay(wall), d: 1 };
      return { from: epochOf(addWall(first, -1, 'month'), zone), to: epochOf(first, zone) };
    }
  }
}

/** Shift (in calendar units) that takes the subject's start onto the baseline mention's period. */
function shiftFor(subject: Span, base: TimeMention, zone: string): { n: number; unit: CalendarUnit } | undefined {
  const s = wallOf(subject.from, zone);
  const b = wallOf(base.from, zone);
  const g: Granularity = base.granularity;
  if (g === 'year') return { n: b.y - s.y, unit: 'year' };
  if (g === 'month' || g === 'quarter') return { n: (b.y - s.y) * 12 + (b.mo - s.mo), unit: 'month' };
  if (g === 'week') return { n: dayDiff(startOfWeek(s), startOfWeek(b)) / 7, unit: 'week' };
  if (g === 'day' || g === 'hour' || g === 'part') return { n: dayDiff(s, b), unit: 'day' };
  return undefined;
}

function shifted(span: Span, n: number, unit: CalendarUnit, zone: string): Span {
  return {
    from: epochOf(addWall(wallOf(span.from, zone), n, unit), zone),
    to: epochOf(addWall(wallOf(span.to, zone), n, unit), zone),
  };
}

function baselineKind(n: number, unit: CalendarUnit): Baseline['kind'] {
  if (unit === 'year') return 'last_year';
  if (unit === 'month') return n === -1 ? 'last_month' : 'date';
  if (unit === 'week' || (unit === 'day' && n === -7)) return 'last_week';
  if (unit === 'day' && n === -1) return 'yesterday';
  return 'date';
}

const COARSE: ReadonlySet<Granularity> = new Set(['month', 'quarter', 'year']);

/** `range` and `baseline` of a comparison (concurrent_users.compare, seasonality.period_compare). */
export function resolveComparison(
  intent: IntentName,
  mentions: readonly TimeMention[],
  now: number,
  zone: string,
  lang: Lang,
): { range: TimeRange; baseline: Baseline } {
  const dated = mentions.filter((m) => m.granularity !== 'now');
  const periodic = intent === 'seasonality.period_compare';
  // Subject: the mention reaching latest (the present), unless only past mentions exist.
  const sorted = [...dated].sort((a, b) => b.to - a.to || b.from - a.from);
  let subject: TimeMention | undefined = sorted[0];
  let base: TimeMention | undefined = sorted[1];
  if (subject && !base && subject.to < now) [subject, base] = [undefined, subject];
  let span: Span;
  let echo: string;
  let defaulted = false;
  if (subject) {
    span = subject;
    echo = subject.echo;
  } else if (periodic) {
    const g = base?.granularity === 'year' ? 'year' : 'month';
    const wall = wallOf(now, zone);
    const start = g === 'year' ? { ...startOfDay(wall), mo: 1, d: 1 } : { ...startOfDay(wall), d: 1 };
    span = { from: epochOf(start, zone), to: now };
    echo = g === 'year' ? (lang === 'ko' ? '올해' : 'this year') : lang === 'ko' ? '이번 달' : 'this month';
    defaulted = !base;
  } else {
    const d = DEFAULT_PERIODS['concurrent_users.compare']!;
    span = defaultSpan(d, now, zone);
    echo = mentions.find((m) => m.granularity === 'now')?.echo ?? (lang === 'ko' ? d.ko : d.en);
    defaulted = !mentions.some((m) => m.granularity === 'now');
  }
  let shift = base ? shiftFor(span, base, zone) : undefined;
  let baseEcho = base?.echo;
  if (!shift || shift.n === 0) {
    const coarse = periodic || (subject && COARSE.has(subject.granularity));
    shift = coarse ? { n: -1, unit: subject?.granularity === 'year' ? 'year' : 'month' } : { n: -1, unit: 'day' };
    baseEcho = `${shift.unit === 'year' ? (lang === 'ko' ? '작년' : 'last year') : shift.unit === 'month' ? (lang === 'ko' ? '지난달' : 'last month') : lang === 'ko' ? '어제 같은 시간' : 'same time yesterday'}${lang === 'ko' ? ' (기본값)' : ' (default)'}`;
  }
  const b = shifted(span, shift.n, shift.unit, zone);
  return {
    range: range(span, echo, defaulted),
    baseline: { ...range(b, baseEcho ?? '', base === undefined), kind: baselineKind(shift.n, shift.unit) },
  };
}

/** The `range` of any other intent: the first dated mention, else "지금" as the last hour, else the default. */
export function resolveRange(
  intent: IntentName,
  mentions: readonly TimeMention[],
  now: number,
  zone: string,
  lang: Lang,
): TimeRange | undefined {
  const categorical = intent === 'seasonality.weekday_weekend' || intent === 'seasonality.peaks';
  const usable = mentions.filter((m) => !(categorical && m.generic));
  const dated = usable.find((m) => m.granularity !== 'now');
  if (dated) return range(dated, dated.echo, false);
  const d = DEFAULT_PERIODS[intent];
  if (!d) return undefined;
  const nowMention = usable.find((m) => m.granularity === 'now');
  if (nowMention && d.kind === 'rolling' && (d.unit === 'hour' || d.unit === 'minute')) {
    return range(nowMention, nowMention.echo, false);
  }
  return range(
    defaultSpan(d, now, zone),
    `${lang === 'ko' ? d.ko : d.en}${lang === 'ko' ? ' (기본값)' : ' (default)'}`,
    true,
  );
}
