/**
 * Incident answers from the RCA, security and surge analyses: which server surged, what drove a CPU
 * spike, what preceded an OOM (security answers: security-answers.ts). Each figure cites the
 * analysis's own evidence (its rows, thresholds and ranges). Without access to the store the answer says so, with no
 * figures, and points at what can be asked instead.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import { INTENT_CATALOG, type IntentName, type Lang, type TimeRange } from '../parse/index.js';
import { rcaCpuTool } from '../tools/rca-cpu.js';
import { rcaOomTool } from '../tools/rca-oom.js';
import { surgesTool } from '../tools/surges.js';
import type { ToolResult } from '../tools/tool-types.js';
import type { AnswerContext, AnswerDraft } from './answer-types.js';
import type { Fact } from './compose-answer.js';
import { echoLine, localTime, num, pct, pick } from './format.js';
import { instanceOf, merged, rangeOf, type IntentHandler } from './intent-support.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NAMES: Record<string, { ko: string; en: string; instead: Exclude<IntentName, 'unknown'>[] }> = {
  'servers.surge': {
    ko: '트래픽 급증 분석',
    en: 'traffic surge analysis',
    instead: ['concurrent_users.trend', 'sessions.by_server'],
  },
  'rca.cpu_spike': {
    ko: 'CPU 급증 원인 분석',
    en: 'CPU spike root-cause analysis',
    instead: ['concurrent_users.compare', 'concurrent_users.trend'],
  },
  'rca.oom': {
    ko: 'OOM 원인 분석',
    en: 'out-of-memory root-cause analysis',
    instead: ['users.long_sessions', 'sessions.by_server'],
  },
  'security.abnormal_urls': {
    ko: '비정상 URL 탐지',
    en: 'abnormal URL detection',
    instead: ['users.urls', 'users.current'],
  },
  'security.login_burst': {
    ko: '로그인 폭주 탐지',
    en: 'login burst detection',
    instead: ['users.current', 'sessions.vs_users'],
  },
};

/** The honest answer when the analysis cannot run here (no store behind this context). */
export function analysisUnavailableDraft(
  intent: IntentName,
  range: TimeRange | undefined,
  ctx: AnswerContext,
  lang: Lang,
  why: string,
): AnswerDraft {
  const name = NAMES[intent] ?? { ko: intent, en: intent, instead: ['concurrent_users.now'] };
  return {
    echo: echoLine(lang, { what: pick(lang, name.ko, name.en), range: rangeOf(range, ctx, DAY, lang) }, ctx.timeZone),
    facts: [],
    notes: [
      pick(
        lang,
        `${name.ko}을(를) 여기서는 실행할 수 없어 답할 수 없습니다.`,
        `The ${name.en} cannot run here, so I can't answer that.`,
      ),
      pick(lang, '대신 답할 수 있는 질문은 표에 있습니다.', 'Questions I can answer instead are in the table.'),
    ],
    data: {
      columns: ['question', 'answers'],
      rows: name.instead.map((i) => ({
        question: INTENT_CATALOG[i].example[lang],
        answers: INTENT_CATALOG[i].summary[lang],
      })),
    },
    evidence: [],
    caveats: [why],
  };
}

/** Runs a tool; an `unavailable` (no store) becomes the honest draft instead of an error. */
export async function orUnavailable<D>(
  intent: IntentName,
  range: TimeRange | undefined,
  ctx: AnswerContext,
  lang: Lang,
  run: () => Promise<ToolResult<D>>,
  draft: (r: ToolResult<D>) => AnswerDraft,
): Promise<AnswerDraft> {
  try {
    return draft(await run());
  } catch (err) {
    const e = PromptOpsError.from(err);
    if (e.code !== 'unavailable') throw e;
    return analysisUnavailableDraft(intent, range, ctx, lang, e.message);
  }
}

export const answerSurge: IntentHandler<'servers.surge'> = (q, ctx, lang) => {
  const range = rangeOf(q.params.range, ctx, HOUR, lang);
  return orUnavailable(
    q.intent,
    range,
    ctx,
    lang,
    () => surgesTool.run(ctx, { range }),
    (r) => {
      const d = r.data;
      const ids = r.evidence.map((e) => e.id);
      const facts: Fact[] = d.surging.map((s) => ({
        text: pick(
          lang,
          `${s.instance}: ${num(s.start.value)}명 → ${num(s.end.value)}명, 평소 흐름이면 ${num(s.expectedEnd)}명 예상 — 초과 ${num(s.excess)}명 (${pct(s.excessRatio)}, 오차 ±${num(s.band)})`,
          `${s.instance}: ${num(s.start.value)} → ${num(s.end.value)} users where its usual curve expected ${num(s.expectedEnd)}: ${num(s.excess)} above (${pct(s.excessRatio)}, band ±${num(s.band)})`,
        ),
        value: s.excess,
        evidenceIds: ids,
      }));
      if (d.surging.length === 0 && d.instances.length > 0) {
        const top = d.instances[0];
        if (top)
          facts.push({
            text: pick(
              lang,
              `급증한 서버는 없습니다: 가장 큰 변화는 ${top.instance}의 ${num(top.excess)}명으로 오차 범위 ±${num(top.band)} 안입니다`,
              `No server surged: the largest excess, ${num(top.excess)} users on ${top.instance}, is within its band (±${num(top.band)})`,
            ),
            value: top.excess,
            evidenceIds: ids,
          });
      }
      return {
        echo: echoLine(
          lang,
          {
            what: pick(lang, '서버별 급증', 'server surges'),
            range: {
              from: new Date(d.window.from).toISOString(),
              to: new Date(d.window.to).toISOString(),
              echo: range.echo,
            },
          },
          ctx.timeZone,
        ),
        facts,
        data: {
          columns: ['instance', 'start', 'end', 'expectedEnd', 'excess', 'band', 'significant'],
          rows: d.instances.map((s) => ({
            instance: s.instance,
            start: Math.round(s.start.value),
            end: Math.round(s.end.value),
            expectedEnd: Math.round(s.expectedEnd),
            excess: Math.round(s.excess),
            band: Math.round(s.band),
            significant: s.significant,
          })),
        },
        ...merged(r),
      };
    },
  );
};

export const answerCpuSpike: IntentHandler<'rca.cpu_spike'> = (q, ctx, lang) => {
  const range = rangeOf(q.params.range, ctx, DAY, lang);
  const instance = instanceOf(q.params, ctx);
  return orUnavailable(
    q.intent,
    range,
    ctx,
    lang,
    () => rcaCpuTool.run(ctx, { range, instance }),
    (r) => {
      const d = r.data;
      const ids = r.evidence.map((e) => e.id);
      const facts: Fact[] = [];
      if (d.found) {
        const w = d.spike.window;
        facts.push({
          text: pick(
            lang,
            `${d.instance}의 CPU가 ${localTime(w.from, ctx.timeZone)}–${localTime(w.to, ctx.timeZone).slice(11)}에 최고 ${pct(w.peak)}까지 올랐습니다 (평소 ${pct(w.baseline)})`,
            `CPU on ${d.instance} rose to ${pct(w.peak)} between ${localTime(w.from, ctx.timeZone)} and ${localTime(w.to, ctx.timeZone).slice(11)} (usual ${pct(w.baseline)})`,
          ),
          value: w.peak,
          evidenceIds: ids,
        });
        facts.push({
          text: pick(
            lang,
            `원인: 사용자 ${d.cause.user.key}의 ${d.cause.route.key} 요청 ${num(d.cause.rowCount)}건이 초과분의 ${pct(d.cause.routeExcessShare, 0)}를 차지합니다 (${d.cause.measure})`,
            `Cause: ${num(d.cause.rowCount)} requests to ${d.cause.route.key} by user ${d.cause.user.key} explain ${pct(d.cause.routeExcessShare, 0)} of the excess (${d.cause.measure})`,
          ),
          value: d.cause.routeExcessShare,
          evidenceIds: ids,
        });
      } else if (d.windows.length > 0) {
        facts.push({
          text: pick(
            lang,
            `CPU 급증 구간 ${num(d.windows.length)}개를 찾았지만 뚜렷한 원인 요청은 없습니다`,
            `Found ${num(d.windows.length)} CPU spike window(s) but no request stands out as the cause`,
          ),
          value: d.windows.length,
          evidenceIds: ids,
        });
      }
      const rows = d.found
        ? d.cause.rows.map((tx) => ({
            time: localTime(tx.time, ctx.timeZone, true),
            instance: tx.instance,
            userId: tx.userId ?? null,
            route: tx.route,
            durationMs: tx.durationMs,
            bytes: tx.bytes,
          }))
        : d.windows.map((w) => ({
            time: localTime(w.from, ctx.timeZone, true),
            instance: w.instance,
            userId: null,
            route: null,
            durationMs: w.to - w.from,
            bytes: null,
          }));
      return {
        echo: echoLine(lang, { what: pick(lang, 'CPU 급증 원인', 'CPU spike cause'), range }, ctx.timeZone),
        facts,
        notes: d.found
          ? []
          : [
              pick(
                lang,
                '이 기간에는 원인을 특정할 만한 CPU 급증이 없습니다.',
                'No CPU spike with an identifiable cause in this period.',
              ),
            ],
        data: { columns: ['time', 'instance', 'userId', 'route', 'durationMs', 'bytes'], rows },
        ...merged(r),
      };
    },
  );
};

export const answerOom: IntentHandler<'rca.oom'> = (q, ctx, lang) => {
  const range = rangeOf(q.params.range, ctx, DAY, lang);
  return orUnavailable(
    q.intent,
    range,
    ctx,
    lang,
    () => rcaOomTool.run(ctx, { range }),
    (r) => {
      const d = r.data;
      const ids = r.evidence.map((e) => e.id);
      const facts: Fact[] = [];
      const rows: Record<string, string | number | boolean | null>[] = [];
      if (d.found) {
        for (const o of d.ooms) {
          const top = o.candidates[0];
          const sql = o.heavyStatements[0];
          facts.push({
            text: pick(
              lang,
              `${localTime(o.event.at, ctx.timeZone, true)} ${o.event.instance}에서 OutOfMemoryError${top ? `: 가장 유력한 요청은 ${top.tx.route} (SQL ${num(top.sqlRows)}행, ${num(top.sqlDurationMs)} ms${top.tx.userId ? `, 사용자 ${top.tx.userId}` : ''})` : ''}`,
              `OutOfMemoryError on ${o.event.instance} at ${localTime(o.event.at, ctx.timeZone, true)}${top ? `: most likely ${top.tx.route} (SQL ${num(top.sqlRows)} rows, ${num(top.sqlDurationMs)} ms${top.tx.userId ? `, user ${top.tx.userId}` : ''})` : ''}`,
            ),
            value: top?.sqlRows ?? null,
            evidenceIds: ids,
          });
          if (sql)
            facts.push({
              text: pick(
                lang,
                `가장 무거운 쿼리: ${sql.statement.slice(0, 120)} (최대 ${num(sql.maxRows)}행, ${num(sql.executions)}회)`,
                `Heaviest statement: ${sql.statement.slice(0, 120)} (up to ${num(sql.maxRows)} rows, ${num(sql.executions)} runs)`,
              ),
              value: sql.maxRows,
              evidenceIds: ids,
            });
          for (const c of o.candidates.slice(0, 10))
            rows.push({
              oomAt: localTime(o.event.at, ctx.timeZone, true),
              instance: o.event.instance,
              route: c.tx.route,
              userId: c.tx.userId ?? null,
              sqlRows: c.sqlRows,
              sqlDurationMs: c.sqlDurationMs,
              linked: c.linked,
              reasons: c.reasons.join('; '),
            });
        }
      }
      return {
        echo: echoLine(lang, { what: pick(lang, 'OOM 원인', 'OOM cause'), range }, ctx.timeZone),
        facts,
        notes: d.found
          ? []
          : [
              pick(
                lang,
                '이 기간에는 OutOfMemoryError 기록이 없습니다.',
                'No OutOfMemoryError was recorded in this period.',
              ),
            ],
        data: {
          columns: ['oomAt', 'instance', 'route', 'userId', 'sqlRows', 'sqlDurationMs', 'linked', 'reasons'],
          rows,
        },
        ...merged(r),
      };
    },
  );
};
