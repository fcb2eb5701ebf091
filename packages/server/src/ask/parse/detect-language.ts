/**
 * Which language to answer in: the share of Hangul among letters. Operators mix English terms into
 * Korean ("CCU 알려줘", "java.lang.OutOfMemoryError 왜 났어?"), so a small Hangul share already
 * means a Korean question; a question with no Hangul at all is English.
 */
import type { Lang } from './question-types.js';

/** Hangul share of letters at or above which the question is Korean. */
export const KOREAN_SHARE = 0.1;

export function detectLanguage(text: string): Lang {
  let hangul = 0;
  let latin = 0;
  for (const ch of text) {
    if (/[\uac00-\ud7a3\u3131-\u318e]/.test(ch)) hangul++;
    else if (/[a-zA-Z]/.test(ch)) latin++;
  }
  if (hangul === 0) return 'en';
  return hangul / (hangul + latin) >= KOREAN_SHARE ? 'ko' : 'en';
}
