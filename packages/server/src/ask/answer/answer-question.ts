/**
 * The ask engine's entry point: question → parsed intent → tool calls → composed answer with its table,
 * chart, evidence and caveats, masked before it leaves. Deterministic: no model involved.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import { maskStructured } from '../mask/index.js';
import { parseQuestion, type IntentName, type Lang, type ParsedQuestion } from '../parse/index.js';
import { answerCpuSpike, answerOom, answerSurge } from './analysis-answers.js';
import type { AnswerContext, AnswerDraft, AskAnswer } from './answer-types.js';
import { composeAnswer } from './compose-answer.js';
import { pick } from './format.js';
import { localiseCaveats } from './localise-caveats.js';
import {
  answerCompare,
  answerPeaks,
  answerPeriodCompare,
  answerStats,
  answerTrend,
  answerWeekdayWeekend,
} from './history-answers.js';
import { knownInstances } from './intent-support.js';
import {
  answerConcurrentUsersNow,
  answerSessionsByServer,
  answerSessionsVsUsers,
  answerUsersCurrent,
} from './live-answers.js';
import { answerCapacity, answerScalingPolicy } from './planning-answers.js';
import { answerMonthlyReport, answerSlaReport, answerWeeklyReport } from './report-answers.js';
import { answerAbnormalUrls, answerLoginBurst } from './security-answers.js';
import { unknownDraft } from './unknown-answer.js';
import { answerLongSessions, answerUserUrls } from './user-answers.js';

/** Questions longer than this are refused at the edge (REST answers 400); the parser reads at most this much. */
export const MAX_QUESTION_CHARS = 2_000;
/** Below this parser confidence the answer says the question may have been misread. */
const LOW_CONFIDENCE = 0.5;

export interface AnswerOptions {
  /** Answer language; default the question's. */
  lang?: Lang;
}

function draftFor(q: ParsedQuestion, ctx: AnswerContext, lang: Lang): Promise<AnswerDraft> {
  switch (q.intent) {
    case 'concurrent_users.now':
      return answerConcurrentUsersNow(q, ctx, lang);
    case 'sessions.vs_users':
      return answerSessionsVsUsers(q, ctx, lang);
    case 'sessions.by_server':
      return answerSessionsByServer(q, ctx, lang);
    case 'users.current':
      return answerUsersCurrent(q, ctx, lang);
    case 'concurrent_users.trend':
      return answerTrend(q, ctx, lang);
    case 'concurrent_users.stats':
      return answerStats(q, ctx, lang);
    case 'concurrent_users.compare':
      return answerCompare(q, ctx, lang);
    case 'seasonality.period_compare':
      return answerPeriodCompare(q, ctx, lang);
    case 'seasonality.peaks':
      return answerPeaks(q, ctx, lang);
    case 'seasonality.weekday_weekend':
      return answerWeekdayWeekend(q, ctx, lang);
    case 'capacity.recommend':
      return answerCapacity(q, ctx, lang);
    case 'scaling.policy':
      return answerScalingPolicy(q, ctx, lang);
    case 'report.weekly':
      return answerWeeklyReport(q, ctx, lang);
    case 'report.monthly':
      return answerMonthlyReport(q, ctx, lang);
    case 'sla.report':
      return answerSlaReport(q, ctx, lang);
    case 'users.urls':
      return answerUserUrls(q, ctx, lang);
    case 'users.long_sessions':
      return answerLongSessions(q, ctx, lang);
    case 'servers.surge':
      return answerSurge(q, ctx, lang);
    case 'rca.cpu_spike':
      return answerCpuSpike(q, ctx, lang);
    case 'rca.oom':
      return answerOom(q, ctx, lang);
    case 'security.abnormal_urls':
      return answerAbnormalUrls(q, ctx, lang);
    case 'security.login_burst':
      return answerLoginBurst(q, ctx, lang);
    case 'unknown':
      return Promise.resolve(
        unknownDraft(
          lang,
          q.reason,
          (q.alternatives ?? []).map((a) => a.intent),
        ),
      );
  }
}

/** Answers one question against the collector; throws PromptOpsError only for bad input or a failed read. */
export async function answerQuestion(
  question: string,
  ctx: AnswerContext,
  options: AnswerOptions = {},
): Promise<AskAnswer> {
  if (question.trim().length === 0) throw new PromptOpsError('invalid_parameter', 'question is empty');
  const text = question.slice(0, MAX_QUESTION_CHARS);
  const instances = knownInstances(ctx);
  const parsed = parseQuestion(text, { now: ctx.now, timeZone: ctx.timeZone, instances });
  return answerParsedQuestion(parsed, ctx, { lang: options.lang ?? parsed.lang });
}

/**
 * Answers an already-parsed question (the LLM router's entry when the LLM chose the intent): the tool
 * calls, the composed text, the caveats and the masking are exactly those of `answerQuestion`.
 */
export async function answerParsedQuestion(
  parsed: ParsedQuestion,
  ctx: AnswerContext,
  options: { lang: Lang },
): Promise<AskAnswer> {
  const lang = options.lang;
  let draft: AnswerDraft;
  try {
    draft = await draftFor(parsed, ctx, lang);
  } catch (err) {
    const e = PromptOpsError.from(err);
    // A parameter the data cannot serve (an uncollected mode, a range too large) is an answer, not a crash.
    if (e.code !== 'invalid_parameter' && e.code !== 'range_too_large') throw e;
    draft = {
      echo: '',
      facts: [],
      data: { columns: [], rows: [] },
      evidence: [],
      caveats: [e.message],
      notes: [
        pick(
          lang,
          '질문은 이해했지만 이 데이터로는 그 조건에 답할 수 없습니다.',
          'I understood the question, but this data cannot answer it as asked.',
        ),
      ],
    };
  }
  const composed = composeAnswer(draft);
  // Tools write their caveats in English (MCP clients read them too); the answer speaks the question's language.
  const caveats = localiseCaveats(draft.caveats, lang);
  if (parsed.intent !== 'unknown' && parsed.confidence < LOW_CONFIDENCE)
    caveats.push(
      pick(
        lang,
        `질문을 '${parsed.intent}'(으)로 이해했지만 확신이 낮습니다 (신뢰도 ${parsed.confidence.toFixed(2)}): 다르게 물어봐 주세요`,
        `read as '${parsed.intent}' with low confidence (${parsed.confidence.toFixed(2)}): rephrase if that is not what you meant`,
      ),
    );
  if (composed.refused.length > 0)
    caveats.push(
      pick(
        lang,
        `근거가 없는 진술 ${composed.refused.length}개는 답에서 뺐습니다`,
        `${composed.refused.length} statement(s) without evidence were left out`,
      ),
    );
  const answer: AskAnswer = {
    intent: parsed.intent as IntentName,
    confidence: parsed.confidence,
    lang,
    params: parsed.params,
    answer: composed.text,
    data: draft.data,
    evidence: draft.evidence,
    caveats,
    ...(draft.links ? { links: draft.links } : {}),
  };
  // Everything that leaves is masked: answer text, table strings (user agents, URLs), evidence, caveats.
  // The chart is not walked: `bandChart` builds it from numbers, times it formats and mode names only
  // (no stored string), and its thousands of time labels would dominate the masking cost.
  const masked = maskStructured(answer, { level: 'partial' }).value;
  return draft.chart ? { ...masked, chart: draft.chart } : masked;
}
