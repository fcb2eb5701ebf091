/**
 * Incident answers (traffic surges, CPU spikes, OOM, abnormal URLs, login bursts) run the RCA and
 * security analyses. Until those analyses are part of this build the answer says so plainly, with no
 * figures, and points at what can be asked instead.
 */
import { INTENT_CATALOG, type IntentName, type Lang, type TimeRange } from '../parse/index.js';
import type { AnswerContext, AnswerDraft } from './answer-types.js';
import { echoLine, pick } from './format.js';
import { rangeOf } from './intent-support.js';

const NAMES: Record<string, { ko: string; en: string; instead: Exclude<IntentName, 'unknown'>[] }> = {
  'servers.surge': { ko: '트래픽 급증 분석', en: 'traffic surge analysis', instead: ['concurrent_users.trend', 'sessions.by_server'] },
  'rca.cpu_spike': { ko: 'CPU 급증 원인 분석', en: 'CPU spike root-cause analysis', instead: ['concurrent_users.compare', 'concurrent_users.trend'] },
  'rca.oom': { ko: 'OOM 원인 분석', en: 'out-of-memory root-cause analysis', instead: ['users.long_sessions', 'sessions.by_server'] },
  'security.abnormal_urls': { ko: '비정상 URL 탐지', en: 'abnormal URL detection', instead: ['users.urls', 'users.current'] },
  'security.login_burst': { ko: '로그인 폭주 탐지', en: 'login burst detection', instead: ['users.current', 'sessions.vs_users'] },
};

export function analysisUnavailableDraft(intent: IntentName, range: TimeRange | undefined, ctx: AnswerContext, lang: Lang): AnswerDraft {
  const name = NAMES[intent] ?? { ko: intent, en: intent, instead: ['concurrent_users.now'] };
  const r = rangeOf(range, ctx, 86_400_000, lang);
  return {
    echo: echoLine(lang, { what: pick(lang, name.ko, name.en), range: r }, ctx.timeZone),
    facts: [],
    notes: [
      pick(lang, `${name.ko}은(는) 아직 이 서버에 포함되지 않아 답할 수 없습니다.`, `The ${name.en} is not part of this build yet, so I can't answer that.`),
      pick(lang, '대신 답할 수 있는 질문은 표에 있습니다.', 'Questions I can answer instead are in the table.'),
    ],
    data: {
      columns: ['question', 'answers'],
      rows: name.instead.map((i) => ({ question: INTENT_CATALOG[i].example[lang], answers: INTENT_CATALOG[i].summary[lang] })),
    },
    evidence: [],
    caveats: [pick(lang, '이 분석은 RCA·보안 분석 이슈와 함께 제공됩니다', 'this analysis arrives with the RCA and security analyses issue')],
  };
}
