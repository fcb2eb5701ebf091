/**
 * History answers, read from rollups: the CCU trend (with a chart and its error band), period
 * statistics, comparisons with a baseline period (live rollups for the part that reaches now), and
 * seasonality (peak windows, weekday against weekend).
 */
import { WEEKDAY_NAMES } from '../../analysis/seasonality/hour-of-week.js';
import { ccuCompareTool } from '../tools/ccu-compare.js';
import { ccuSeriesTool } from '../tools/ccu-series.js';
import { ccuStatsTool } from '../tools/ccu-stats.js';
import { seasonalityTool } from '../tools/seasonality.js';
import type { Lang } from '../parse/index.js';
import type { AnswerContext, AnswerDraft } from './answer-types.js';
import { bandChart } from './chart.js';
import type { Fact } from './compose-answer.js';
import { echoLine, est, localTime, num, pct, pick } from './format.js';
import {
  instanceOf,
  merged,
  rangeOf,
  unknownInstanceCaveat,
  type IntentHandler,
  type QuestionOf,
} from './intent-support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const answerTrend: IntentHandler<'concurrent_users.trend'> = async (q, ctx, lang) => {
  const range = rangeOf(q.params.range, ctx, DAY, lang);
  const instance = instanceOf(q.params, ctx);
  const modes = q.params.modes ?? (q.params.mode ? [q.params.mode] : undefined);
  const step = q.params.step === '2s' ? '1m' : q.params.step;
  const r = await ccuSeriesTool.run(ctx, { range, step, instance, modes });
  const facts: Fact[] = [];
  r.data.series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const max = s.points.reduce((a, p) => (p.value > a.value ? p : a));
    const min = s.points.reduce((a, p) => (p.value < a.value ? p : a));
    const first = s.points[0]?.value ?? 0;
    const last = s.points[s.points.length - 1]?.value ?? 0;
    facts.push({
      text: pick(
        lang,
        `${s.mode} 기준 ${num(s.points.length)}개 구간(${r.data.step}): 최고 ${est(max, '명')} (${localTime(max.t, ctx.timeZone)}), 최저 ${num(min.value)}명, 처음 ${num(first)}명 → 마지막 ${num(last)}명`,
        `By ${s.mode}, ${num(s.points.length)} buckets (${r.data.step}): peak ${est(max)} at ${localTime(max.t, ctx.timeZone)}, low ${num(min.value)}, from ${num(first)} to ${num(last)}`,
      ),
      value: max.value,
      evidenceIds: [r.evidence[i]?.id ?? ''],
    });
  });
  const rows = r.data.series.flatMap((s) =>
    s.points.map((p) => ({
      t: localTime(p.t, ctx.timeZone),
      mode: s.mode,
      ccu: p.value,
      low: p.low ?? null,
      high: p.high ?? null,
    })),
  );
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '동시접속자 추이', 'CCU trend'),
        range,
        mode: r.data.series.map((s) => s.mode).join(', '),
        extra: [`step ${r.data.step}`],
      },
      ctx.timeZone,
    ),
    facts,
    data: { columns: ['t', 'mode', 'ccu', 'low', 'high'], rows },
    chart: bandChart(
      pick(lang, '동시접속자 (구간 최고, 오차 범위)', 'Concurrent users (bucket peak, error band)'),
      r.data.series.map((s) => ({ name: s.mode, points: s.points })),
      ctx.timeZone,
    ),
    ...merged(r),
    caveats: [...r.caveats, ...unknownInstanceCaveat(instance, ctx, lang)],
  };
};

export const answerStats: IntentHandler<'concurrent_users.stats'> = async (q, ctx, lang) => {
  const range = rangeOf(q.params.range, ctx, DAY, lang);
  const instance = instanceOf(q.params, ctx);
  const modes = q.params.modes ?? (q.params.mode ? [q.params.mode] : undefined);
  const r = await ccuStatsTool.run(ctx, { range, instance, modes });
  const stat = q.params.stat;
  const facts: Fact[] = [];
  for (const s of r.data) {
    if (s.count === 0 || s.max === null || s.min === null || s.avg === null) continue;
    const parts: string[] = [];
    if (!stat || stat === 'max')
      parts.push(
        pick(
          lang,
          `최대 ${est(s.max, '명')} (${localTime(s.max.t, ctx.timeZone)})`,
          `peak ${est(s.max)} at ${localTime(s.max.t, ctx.timeZone)}`,
        ),
      );
    if (!stat || stat === 'min') parts.push(pick(lang, `최소 ${num(s.min.value)}명`, `minimum ${num(s.min.value)}`));
    if (!stat || stat === 'avg') parts.push(pick(lang, `평균 ${num(s.avg)}명`, `average ${num(s.avg)}`));
    if ((!stat || stat === 'p95') && s.p95 !== null) parts.push(pick(lang, `p95 ${num(s.p95)}명`, `p95 ${num(s.p95)}`));
    facts.push({
      text: pick(lang, `${s.mode} 기준 ${parts.join(', ')}`, `By ${s.mode}: ${parts.join(', ')}`),
      value: stat === 'min' ? s.min.value : stat === 'avg' ? s.avg : stat === 'p95' ? s.p95 : s.max.value,
      evidenceIds: [s.evidenceId],
    });
  }
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '동시접속자 통계', 'CCU statistics'),
        range,
        mode: r.data.map((s) => s.mode).join(', '),
        extra: [`step ${r.data[0]?.step ?? '-'}`],
      },
      ctx.timeZone,
    ),
    facts,
    data: {
      columns: ['mode', 'max', 'maxAt', 'min', 'avg', 'p95', 'buckets'],
      rows: r.data.map((s) => ({
        mode: s.mode,
        max: s.max?.value ?? null,
        maxAt: s.max ? localTime(s.max.t, ctx.timeZone) : null,
        min: s.min?.value ?? null,
        avg: s.avg === null ? null : Math.round(s.avg),
        p95: s.p95 === null ? null : Math.round(s.p95),
        buckets: s.count,
      })),
    },
    ...merged(r),
    caveats: [...r.caveats, ...unknownInstanceCaveat(instance, ctx, lang)],
  };
};

async function compareAnswer(
  q: QuestionOf<'concurrent_users.compare'> | QuestionOf<'seasonality.period_compare'>,
  ctx: AnswerContext,
  lang: Lang,
): Promise<AnswerDraft> {
  const range = rangeOf(q.params.range, ctx, HOUR, lang);
  const baseline = q.params.baseline ?? {
    from: new Date(Date.parse(range.from) - DAY).toISOString(),
    to: new Date(Date.parse(range.to) - DAY).toISOString(),
    echo: pick(lang, '어제 같은 시간 (기본값)', 'same time yesterday (default)'),
    defaulted: true,
    kind: 'yesterday' as const,
  };
  const instance = instanceOf(q.params, ctx);
  const r = await ccuCompareTool.run(ctx, {
    range: { from: range.from, to: range.to },
    baseline: { from: baseline.from, to: baseline.to },
    instance,
    mode: q.params.mode,
  });
  const d = r.data;
  const facts: Fact[] = [];
  const cur = d.current.peak;
  const base = d.baseline.peak;
  if (cur)
    facts.push({
      text: pick(lang, `${range.echo}: 최고 ${est(cur, '명')}`, `${range.echo}: peak ${est(cur)}`),
      value: cur.value,
      evidenceIds: [d.current.evidenceId],
    });
  if (base)
    facts.push({
      text: pick(lang, `${baseline.echo}: 최고 ${est(base, '명')}`, `${baseline.echo}: peak ${est(base)}`),
      value: base.value,
      evidenceIds: [d.baseline.evidenceId],
    });
  if (d.verdict !== undefined && d.change !== undefined && d.changeRatio !== undefined) {
    const ratio = Number.isFinite(d.changeRatio) ? ` (${d.change >= 0 ? '+' : ''}${pct(d.changeRatio)})` : '';
    facts.push({
      text:
        d.verdict === 'no_measurable_change'
          ? pick(
              lang,
              `차이 ${num(d.change)}명은 오차 범위(±${num(d.band ?? 0)}) 안이라 측정 가능한 변화가 없습니다`,
              `The difference of ${num(d.change)} is within the error band (±${num(d.band ?? 0)}): no measurable change`,
            )
          : pick(
              lang,
              `${d.verdict === 'up' ? '증가' : '감소'}: ${d.change >= 0 ? '+' : ''}${num(d.change)}명${ratio}`,
              `${d.verdict === 'up' ? 'Up' : 'Down'} ${d.change >= 0 ? '+' : ''}${num(d.change)}${ratio}`,
            ),
      value: d.change,
      evidenceIds: [d.current.evidenceId, d.baseline.evidenceId],
    });
  }
  const rows = [
    {
      period: range.echo,
      from: localTime(range.from, ctx.timeZone),
      to: localTime(range.to, ctx.timeZone),
      peak: cur?.value ?? null,
      low: cur?.low ?? null,
      high: cur?.high ?? null,
      buckets: d.current.points.length,
    },
    {
      period: baseline.echo,
      from: localTime(baseline.from, ctx.timeZone),
      to: localTime(baseline.to, ctx.timeZone),
      peak: base?.value ?? null,
      low: base?.low ?? null,
      high: base?.high ?? null,
      buckets: d.baseline.points.length,
    },
  ];
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '동시접속자 비교', 'CCU comparison'),
        range,
        mode: d.mode,
        extra: [
          `${pick(lang, '기준', 'baseline')} ${baseline.echo}: ${localTime(baseline.from, ctx.timeZone)} ~ ${localTime(baseline.to, ctx.timeZone)}`,
        ],
      },
      ctx.timeZone,
    ),
    facts,
    notes: d.includesLive
      ? [
          pick(
            lang,
            '현재 구간은 실시간 롤업, 기준 구간은 히스토리에서 읽었습니다.',
            'The current period is read from live rollups, the baseline from history.',
          ),
        ]
      : [],
    data: { columns: ['period', 'from', 'to', 'peak', 'low', 'high', 'buckets'], rows },
    ...merged(r),
    caveats: [...r.caveats, ...unknownInstanceCaveat(instance, ctx, lang)],
  };
}

export const answerCompare: IntentHandler<'concurrent_users.compare'> = (q, ctx, lang) => compareAnswer(q, ctx, lang);
export const answerPeriodCompare: IntentHandler<'seasonality.period_compare'> = (q, ctx, lang) =>
  compareAnswer(q, ctx, lang);

const WEEKDAYS_KO = ['월', '화', '수', '목', '금', '토', '일'];

async function seasonalityAnswer(
  q: QuestionOf<'seasonality.peaks'> | QuestionOf<'seasonality.weekday_weekend'>,
  ctx: AnswerContext,
  lang: Lang,
): Promise<AnswerDraft> {
  const range = rangeOf(q.params.range, ctx, 28 * DAY, lang);
  const instance = instanceOf(q.params, ctx);
  const r = await seasonalityTool.run(ctx, {
    range: { from: range.from, to: range.to },
    instance,
    mode: q.params.mode,
  });
  const d = r.data;
  const ev = [d.evidenceId];
  const facts: Fact[] = [];
  const dayName = (w: number): string => (lang === 'ko' ? (WEEKDAYS_KO[w] ?? '') : (WEEKDAY_NAMES[w] ?? ''));
  const windowLabel = (w: (typeof d.peakWindows)[number]): string =>
    `${dayName(w.startWeekday)} ${String(w.startHour).padStart(2, '0')}:00–${String((w.startHour + w.hours) % 24).padStart(2, '0')}:00`;
  if (q.intent === 'seasonality.peaks') {
    const top = d.peakWindows.slice(0, 5);
    if (top.length > 0)
      facts.push({
        text: pick(
          lang,
          `반복되는 피크 시간대: ${top.map((w) => `${windowLabel(w)} (약 ${num(w.level)}명)`).join(', ')}`,
          `Recurring peak windows: ${top.map((w) => `${windowLabel(w)} (about ${num(w.level)})`).join(', ')}`,
        ),
        value: top[0]?.level ?? null,
        evidenceIds: ev,
      });
    const hours = d.dailyPeakHours.slice(0, 4).map((h) => `${String(h.hour).padStart(2, '0')}:00`);
    if (hours.length > 0)
      facts.push({
        text: pick(
          lang,
          `하루 중 피크가 자주 오는 시각: ${hours.join(', ')}`,
          `Hours of the day that peak most often: ${hours.join(', ')}`,
        ),
        value: d.dailyPeakHours[0]?.hour ?? null,
        evidenceIds: ev,
      });
  }
  if (d.weekday.days > 0 && d.weekend.days > 0) {
    facts.push({
      text: pick(
        lang,
        `평일 일 최고 평균 ${num(d.weekday.meanDailyPeak)}명 (${d.weekday.days}일), 주말 ${num(d.weekend.meanDailyPeak)}명 (${d.weekend.days}일): 주말은 평일의 ${pct(d.peakRatio)}`,
        `Weekday daily peak averages ${num(d.weekday.meanDailyPeak)} (${d.weekday.days} days), weekend ${num(d.weekend.meanDailyPeak)} (${d.weekend.days} days): weekends run at ${pct(d.peakRatio)} of weekdays`,
      ),
      value: d.peakRatio,
      evidenceIds: ev,
    });
  }
  const rows =
    q.intent === 'seasonality.peaks'
      ? d.peakWindows.map((w) => ({ window: windowLabel(w), hours: w.hours, level: Math.round(w.level) }))
      : [
          {
            days: pick(lang, '평일', 'weekday'),
            count: d.weekday.days,
            meanDailyPeak: Math.round(d.weekday.meanDailyPeak),
            meanLevel: Math.round(d.weekday.meanLevel),
          },
          {
            days: pick(lang, '주말', 'weekend'),
            count: d.weekend.days,
            meanDailyPeak: Math.round(d.weekend.meanDailyPeak),
            meanLevel: Math.round(d.weekend.meanLevel),
          },
        ];
  return {
    echo: echoLine(
      lang,
      {
        what: pick(
          lang,
          q.intent === 'seasonality.peaks' ? '피크 시간대' : '평일 대 주말',
          q.intent === 'seasonality.peaks' ? 'peak hours' : 'weekday vs weekend',
        ),
        range,
        mode: d.mode,
      },
      ctx.timeZone,
    ),
    facts,
    data: { columns: Object.keys(rows[0] ?? { window: '', hours: 0, level: 0 }), rows },
    ...merged(r),
    caveats: [...r.caveats, ...unknownInstanceCaveat(instance, ctx, lang)],
  };
}

export const answerPeaks: IntentHandler<'seasonality.peaks'> = (q, ctx, lang) => seasonalityAnswer(q, ctx, lang);
export const answerWeekdayWeekend: IntentHandler<'seasonality.weekday_weekend'> = (q, ctx, lang) =>
  seasonalityAnswer(q, ctx, lang);
