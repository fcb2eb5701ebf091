/**
 * Report answers: the headline numbers of the period (peak CCU, availability) now, plus the link to the
 * full report in the asked format from the report endpoint.
 */
import { ccuStatsTool } from '../tools/ccu-stats.js';
import { slaTool } from '../tools/sla.js';
import type { AnswerDraft } from './answer-types.js';
import type { Fact } from './compose-answer.js';
import { echoLine, est, localTime, num, pct, pick } from './format.js';
import { merged, rangeOf, type IntentHandler, type QuestionOf } from './intent-support.js';

const DAY = 86_400_000;

async function reportAnswer(
  q: QuestionOf<'report.weekly'> | QuestionOf<'report.monthly'> | QuestionOf<'sla.report'>,
  ctx: Parameters<IntentHandler<'report.weekly'>>[1],
  lang: Parameters<IntentHandler<'report.weekly'>>[2],
): Promise<AnswerDraft> {
  const kind = q.intent === 'report.weekly' ? 'weekly' : q.intent === 'report.monthly' ? 'monthly' : 'sla';
  const range = rangeOf(q.params.range, ctx, kind === 'weekly' ? 7 * DAY : 30 * DAY, lang);
  const format = q.params.format ?? 'html';
  const link = `/api/v1/reports/${kind}?format=${format}&from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
  const sla = await slaTool.run(ctx, { range: { from: range.from, to: range.to } });
  const stats = kind === 'sla' ? null : await ccuStatsTool.run(ctx, { range: { from: range.from, to: range.to } });
  const facts: Fact[] = [];
  const s = stats?.data[0];
  if (s?.max && s.avg !== null)
    facts.push({
      text: pick(
        lang,
        `최고 동시접속자 ${est(s.max, '명')} (${localTime(s.max.t, ctx.timeZone)}), 평균 ${num(s.avg)}명`,
        `Peak concurrent users ${est(s.max)} at ${localTime(s.max.t, ctx.timeZone)}, average ${num(s.avg)}`,
      ),
      value: s.max.value,
      evidenceIds: [s.evidenceId],
    });
  const d = sla.data;
  const slaIds = sla.evidence.map((e) => e.id);
  if (d.availability !== null) {
    const missed = d.periods.filter((p) => !p.availabilityMet).length;
    facts.push({
      text: pick(
        lang,
        `요청 ${num(d.requests)}건, 오류 ${num(d.errors)}건: 가용성 ${pct(d.availability, 3)} (목표 ${pct(d.availabilityTarget, 1)}), 목표 미달 ${num(missed)}일 / ${num(d.periods.length)}일`,
        `${num(d.requests)} requests, ${num(d.errors)} errors: availability ${pct(d.availability, 3)} (target ${pct(d.availabilityTarget, 1)}), target missed on ${num(missed)} of ${num(d.periods.length)} days`,
      ),
      value: d.availability,
      evidenceIds: slaIds,
    });
    const budget = d.budgets[0];
    if (budget)
      facts.push({
        text: pick(lang, `오류 예산 사용 ${pct(budget.consumed)}`, `Error budget used: ${pct(budget.consumed)}`),
        value: budget.consumed,
        evidenceIds: slaIds,
      });
  }
  const caveats = [...merged(sla, ...(stats ? [stats] : [])).caveats];
  if (ctx.reportsAvailable !== true)
    caveats.push(
      pick(
        lang,
        `보고서 파일(${link})은 보고서 생성기가 이 서버에 들어오면 제공됩니다: 지금은 핵심 수치만 답합니다`,
        `The report file (${link}) is served once the report generator is part of this server: for now this answer gives the headline numbers`,
      ),
    );
  return {
    echo: echoLine(
      lang,
      {
        what: pick(
          lang,
          `${kind === 'weekly' ? '주간' : kind === 'monthly' ? '월간' : 'SLA'} 리포트`,
          `${kind} report`,
        ),
        range,
        extra: [`format ${format}`],
      },
      ctx.timeZone,
    ),
    facts,
    links: [link],
    data: {
      columns: ['day', 'requests', 'errors', 'availability', 'met', 'link'],
      rows: d.periods.map((p) => ({
        day: localTime(p.from, ctx.timeZone).slice(0, 10),
        requests: p.requests,
        errors: p.errors,
        availability: Number(p.availability.toFixed(5)),
        met: p.availabilityMet,
        link,
      })),
    },
    evidence: [...(stats?.evidence ?? []), ...sla.evidence],
    caveats,
  };
}

export const answerWeeklyReport: IntentHandler<'report.weekly'> = (q, ctx, lang) => reportAnswer(q, ctx, lang);
export const answerMonthlyReport: IntentHandler<'report.monthly'> = (q, ctx, lang) => reportAnswer(q, ctx, lang);
export const answerSlaReport: IntentHandler<'sla.report'> = (q, ctx, lang) => reportAnswer(q, ctx, lang);
