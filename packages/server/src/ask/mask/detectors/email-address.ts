/**
 * E-mail addresses: a dot-atom local part, @, and a domain with a letter TLD. Access logs carry query
 * strings URL-encoded, so `%40` counts as the @ (`email=park99%40gmail.com`).
 */
import type { PiiCandidate } from '../mask-types.js';

const EMAIL =
  /(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w])/g;

export function detectEmailAddresses(text: string): PiiCandidate[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ type: 'email' as const, start: m.index, end: m.index + m[0].length }));
}
