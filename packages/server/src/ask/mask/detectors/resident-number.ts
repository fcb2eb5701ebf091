/**
 * Korean resident (and foreigner) registration numbers: YYMMDD-GNNNNNN, with or without the hyphen.
 * The check digit is NOT used: numbers issued since October 2020 end in random digits and fail it.
 * Instead the birth date must exist (Feb 29 only in leap years of the century the gender digit gives)
 * and the gender digit must be 1-8 (9/0 were for births before 1900 and are no longer seen).
 */
import type { PiiCandidate } from '../mask-types.js';

const RRN = /(?<![\w.+-])(\d{2})(\d{2})(\d{2})(-?)([1-8])(\d{6})(?![\w]|-\d)/g;

function validBirthDate(yy: number, mm: number, dd: number, gender: number): boolean {
  const century = gender === 1 || gender === 2 || gender === 5 || gender === 6 ? 1900 : 2000;
  if (mm < 1 || mm > 12 || dd < 1) return false;
  return dd <= new Date(Date.UTC(century + yy, mm, 0)).getUTCDate();
}

export function detectResidentNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(RRN)) {
    if (!validBirthDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[5]))) continue;
    // Thirteen bare digits after "카드"/"card" are a card number that happens to look like a birth date.
    if (!m[4] && /(카드|card)\W{0,3}$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    out.push({ type: 'rrn', start: m.index, end: m.index + m[0].length });
  }
  return out;
}
