/**
 * Bank account numbers, only where the text says it is one ("계좌", "계좌번호", "가상계좌",
 * "account no.", "acct"): Korean account numbers have no common shape, so a digit run alone is never
 * taken for one. The number must follow the keyword closely (a bank name may sit between) and carry
 * 9-16 digits.
 */
import type { PiiCandidate } from '../mask-types.js';

const KEYWORD = /(계좌\s*번호|계좌|account\s*(?:no\.?|number|#)?|acct\.?|bank\s*account)/gi;
const NUMBER = /(?<![\w.])\d[\d-]{6,22}\d(?![\w]|-\d)/g;
/** How far after the keyword the number may start (room for "국민", "우리은행 ", ": "). */
const WINDOW = 16;
const MAX_NUMBER_LENGTH = 24;

export function detectBankAccounts(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const k of text.matchAll(KEYWORD)) {
    const from = k.index + k[0].length;
    // Only look a short way ahead: scanning to the end for every keyword would be quadratic.
    const ahead = text.slice(from, from + WINDOW + MAX_NUMBER_LENGTH + 2);
    NUMBER.lastIndex = 0;
    const n = NUMBER.exec(ahead);
    if (!n || n.index > WINDOW) continue;
    if (/[\d@]/.test(ahead.slice(0, n.index))) continue;
    const digits = n[0].replace(/\D/g, '').length;
    if (digits < 9 || digits > 16) continue;
    out.push({ type: 'account', start: from + n.index, end: from + n.index + n[0].length });
  }
  return out;
}
