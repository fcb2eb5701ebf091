/**
 * Security answers (abnormal URLs, login bursts) from the abnormal-access analysis. Its rules scan
 * every raw transaction of the span in the store, so the period is bounded here and the answer says so.
 */
import type { Lang, TimeRange } from '../parse/index.js';
import { abnormalUrlsTool, loginBurstTool, type SecurityData } from '../tools/security-findings.js';
import type { ToolResult } from '../tools/tool-types.js';
import { orUnavailable } from './analysis-answers.js';
import type { AnswerContext, AnswerDraft } from './answer-types.js';
import type { Fact } from './compose-answer.js';
import { echoLine, localTime, num, pick } from './format.js';
import { merged, rangeOf, type IntentHandler, type QuestionOf } from './intent-support.js';

const HOUR = 3_600_000;
/**
 * The security rules are GROUP BYs in the store over every raw transaction of the span (about a
 * million rows per 3 h at a 500-CCU peak; 24 h took 0.4-0.6 CPU-s in `bench security`), so to keep the
 * answer within its latency budget a question naming no period looks at the last hour, and a longer
 * period is analysed over its last SECURITY_MAX_SPAN_MS (the answer says so).
 */
const SECURITY_DEFAULT_MS = HOUR;
const SECURITY_MAX_SPAN_MS = 3 * HOUR;

function securityRange(
  range: TimeRange | undefined,
  ctx: AnswerContext,
  lang: Lang,
): { range: TimeRange; caveats: string[] } {
  const r = range === undefined || range.defaulted ? rangeOf(undefined, ctx, SECURITY_DEFAULT_MS, lang) : range;
  const from = Date.parse(r.from);
  const to = Date.parse(r.to);
  if (to - from <= SECURITY_MAX_SPAN_MS)
    return {
      range: range?.defaulted ? { ...r, echo: pick(lang, '최근 1시간 (기본값)', 'last hour (default)') } : r,
      caveats: [],
    };
  const cut = { ...r, from: new Date(to - SECURITY_MAX_SPAN_MS).toISOString() };
  return {
    range: cut,
    caveats: [
      pick(
        lang,
        `규칙이 기간의 원시 트랜잭션을 모두 훑기 때문에 응답 시간을 지키려고 마지막 3시간(${localTime(cut.from, ctx.timeZone)} 이후)만 분석했습니다`,
        `these rules scan every raw transaction of the period, so to answer quickly only its last 3 hours (from ${localTime(cut.from, ctx.timeZone)}) were analysed`,
      ),
    ],
  };
}

function securityDraft(
  r: ToolResult<SecurityData>,
  range: TimeRange,
  ctx: AnswerContext,
  lang: Lang,
  what: string,
): AnswerDraft {
  const d = r.data;
  const facts: Fact[] = d.findings.slice(0, 5).map((f, i) => ({
    text: `${f.rule} · ${f.subject.kind} ${f.subject.value}: ${f.summary}`,
    value: f.observed,
    evidenceIds: [d.evidenceIds[i] ?? ''],
  }));
  const counted = Object.entries(d.counts)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  facts.unshift({
    text: pick(
      lang,
      `발견 ${num(d.findings.length)}건 (${counted})`,
      `${num(d.findings.length)} finding(s) (${counted})`,
    ),
    value: d.findings.length,
    evidenceIds: r.evidence.slice(0, 1).map((e) => e.id),
  });
  return {
    echo: echoLine(lang, { what, range }, ctx.timeZone),
    facts,
    notes:
      d.findings.length === 0
        ? [pick(lang, '이 기간에는 규칙에 걸린 접근이 없습니다.', 'No access in this period tripped a rule.')]
        : [],
    data: {
      columns: ['rule', 'subject', 'summary', 'observed', 'threshold', 'unit', 'rows', 'from'],
      rows: d.findings.map((f) => ({
        rule: f.rule,
        subject: `${f.subject.kind}:${f.subject.value}`,
        summary: f.summary,
        observed: f.observed,
        threshold: f.threshold,
        unit: f.unit,
        rows: f.rowCount,
        from: localTime(f.range.from, ctx.timeZone, true),
      })),
    },
    ...merged(r),
  };
}

/** One handler per security intent: the bounded range, the tool's findings, the range caveat. */
type SecurityIntent = 'security.abnormal_urls' | 'security.login_burst';

function securityHandler(
  tool: typeof abnormalUrlsTool,
  what: { ko: string; en: string },
): (q: QuestionOf<SecurityIntent>, ctx: AnswerContext, lang: Lang) => ReturnType<IntentHandler<SecurityIntent>> {
  return (q, ctx, lang) => {
    const { range, caveats } = securityRange(q.params.range, ctx, lang);
    return orUnavailable(
      q.intent,
      range,
      ctx,
      lang,
      () => tool.run(ctx, { range }),
      (r) => {
        const d = securityDraft(r, range, ctx, lang, pick(lang, what.ko, what.en));
        return { ...d, caveats: [...d.caveats, ...caveats] };
      },
    );
  };
}

export const answerAbnormalUrls: IntentHandler<'security.abnormal_urls'> = securityHandler(abnormalUrlsTool, {
  ko: '비정상 URL',
  en: 'abnormal URLs',
});

export const answerLoginBurst: IntentHandler<'security.login_burst'> = securityHandler(loginBurstTool, {
  ko: '로그인 폭주',
  en: 'login bursts',
});
