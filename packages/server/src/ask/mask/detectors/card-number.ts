/**
 * Payment card numbers: 13-19 digits, bare or grouped by spaces or hyphens (one separator kind),
 * starting like a real card (2-6 for the international schemes, 9 for Korean domestic BC cards) and
 * passing the Luhn check — which is what keeps trace ids, epochs and counters out.
 */
import type { PiiCandidate } from '../mask-types.js';

const CARD = /(?<![\w.+-])\d(?:[ -]?\d){12,18}(?![\w]|[-.]\d)/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function detectCardNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(CARD)) {
    const raw = m[0];
    const seps = new Set(raw.replace(/\d/g, ''));
    if (seps.size > 1) continue;
    const groups = raw.split(/[ -]/);
    if (groups.length > 1 && groups.some((g) => g.length < 4 || g.length > 6)) continue;
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !/^[2-69]/.test(digits) || !luhnValid(digits)) continue;
    out.push({ type: 'card', start: m.index, end: m.index + raw.length });
  }
  return out;
}
