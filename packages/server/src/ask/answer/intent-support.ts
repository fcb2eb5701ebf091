/**
 * What intent handlers share: the handler signature, the instance a question names (by name or by
 * "2번 서버"), a period with a fallback when the parser left none, and merging tool results.
 */
import type { IntentName, Lang, ParsedQuestion, QuestionParams, TimeRange } from '../parse/index.js';
import type { ToolResult } from '../tools/tool-types.js';
import type { AnswerContext, AnswerDraft } from './answer-types.js';

export type QuestionOf<I extends IntentName> = Extract<ParsedQuestion, { intent: I }>;
export type IntentHandler<I extends IntentName> = (
  q: QuestionOf<I>,
  ctx: AnswerContext,
  lang: Lang,
) => Promise<AnswerDraft>;

/** The live instances, sorted, for "2번 서버" (ordinals count from 1 in name order). */
export function knownInstances(ctx: AnswerContext): string[] {
  const list = ctx.instances ?? ctx.collector.liveSnapshot().instances.map((i) => i.instance);
  return [...list].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The one instance a question is about, or undefined for all. */
export function instanceOf(
  params: Pick<QuestionParams, 'instances' | 'instanceOrdinals'>,
  ctx: AnswerContext,
): string | undefined {
  const named = params.instances?.[0];
  if (named !== undefined) {
    const known = knownInstances(ctx);
    return known.find((k) => k.toLowerCase() === named.toLowerCase()) ?? named;
  }
  const ordinal = params.instanceOrdinals?.[0];
  if (ordinal !== undefined) return knownInstances(ctx)[ordinal - 1];
  return undefined;
}

/** The question's period, or the last `defaultMs` ending now (marked defaulted). */
export function rangeOf(range: TimeRange | undefined, ctx: AnswerContext, defaultMs: number, lang: Lang): TimeRange {
  if (range !== undefined) return range;
  return {
    from: new Date(ctx.now - defaultMs).toISOString(),
    to: new Date(ctx.now).toISOString(),
    echo: lang === 'ko' ? '기본값' : 'default',
    defaulted: true,
  };
}

/** Evidence and caveats of several tool results in one draft (caveats de-duplicated). */
export function merged(...results: ToolResult<unknown>[]): Pick<AnswerDraft, 'evidence' | 'caveats'> {
  return {
    evidence: results.flatMap((r) => r.evidence),
    caveats: [...new Set(results.flatMap((r) => r.caveats))],
  };
}

/** An instance-not-found caveat when the question named one the collector has never seen. */
export function unknownInstanceCaveat(instance: string | undefined, ctx: AnswerContext, lang: Lang): string[] {
  if (instance === undefined || knownInstances(ctx).includes(instance)) return [];
  return [
    lang === 'ko'
      ? `'${instance}' 인스턴스는 수집된 적이 없습니다 (수집 중: ${knownInstances(ctx).join(', ') || '없음'})`
      : `no data from an instance named '${instance}' (reporting: ${knownInstances(ctx).join(', ') || 'none'})`,
  ];
}
