/**
 * Tokenizer for runbook search in Korean and English. Korean words carry particles and endings
 * (급증한, 급증이, 급증으로), so whole-word tokens rarely meet; overlapping character bigrams of each
 * Hangul run match the stem whatever follows it. Latin words, numbers and identifiers (OutOfMemoryError,
 * p95, 6379) stay whole-word tokens, lower-cased.
 */

const HANGUL_RUN = /[\uac00-\ud7a3\u3131-\u318e]+/gu;
/** Letters, digits and the joiners of identifiers (java.lang.X, get-master-addr) split afterwards. */
const WORD = /[\p{L}\p{N}]+/gu;

/** Bigrams of a Hangul run; a one-syllable run is kept whole (서버 → 서버; 첫 → 첫). */
function hangulBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Search tokens of `text`: Hangul bigrams plus lower-cased Latin/digit words, in text order. */
export function tokenizeMixed(text: string): string[] {
  const tokens: string[] = [];
  const normalized = text.normalize('NFKC').toLowerCase();
  for (const word of normalized.match(WORD) ?? []) {
    let last = 0;
    for (const m of word.matchAll(HANGUL_RUN)) {
      if (m.index > last) tokens.push(word.slice(last, m.index));
      tokens.push(...hangulBigrams(m[0]));
      last = m.index + m[0].length;
    }
    if (last < word.length) tokens.push(word.slice(last));
  }
  return tokens;
}

/** Whether a token is Hangul (bigram): prefix and fuzzy matching make no sense for those. */
export function isHangulToken(token: string): boolean {
  return /^[\uac00-\ud7a3\u3131-\u318e]+$/u.test(token);
}
