/**
 * The honest "I can't answer that from this data": no numbers, the closest intents the parser saw, and
 * example questions the engine can answer (each parses back to its intent).
 */
import { INTENT_CATALOG, type IntentName, type Lang } from '../parse/index.js';
import type { AnswerDraft } from './answer-types.js';
import { pick } from './format.js';

const SUGGESTED: Exclude<IntentName, 'unknown'>[] = [
  'concurrent_users.now',
  'sessions.vs_users',
  'concurrent_users.trend',
  'concurrent_users.compare',
  'capacity.recommend',
  'seasonality.peaks',
];

export function unknownDraft(lang: Lang, reason: string | undefined, alternatives: readonly IntentName[]): AnswerDraft {
  const close = alternatives.filter((a): a is Exclude<IntentName, 'unknown'> => a !== 'unknown');
  const list = [...new Set([...close, ...SUGGESTED])].slice(0, 6);
  const examples = list.map((i) => INTENT_CATALOG[i]);
  return {
    echo: '',
    facts: [],
    notes: [
      reason === 'injection'
        ? pick(
            lang,
            '이 질문은 운영 데이터에 대한 질문으로 처리할 수 없습니다.',
            'That is not a question about the operations data, so it was not run.',
          )
        : pick(lang, '이 데이터로는 그 질문에 답할 수 없습니다.', "I can't answer that from this data."),
    ],
    data: {
      columns: ['question', 'answers'],
      rows: examples.map((e) => ({ question: e.example[lang], answers: e.summary[lang] })),
    },
    evidence: [],
    caveats: [
      pick(
        lang,
        '대신 이런 질문에 답할 수 있습니다 (표 참조)',
        'These are questions I can answer instead (see the table)',
      ),
    ],
  };
}
