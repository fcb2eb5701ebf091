/** IPv4 and IPv6 addresses (validated by Node's own parser, so times and MAC addresses stay out). */
import { isIPv4, isIPv6 } from 'node:net';
import type { PiiCandidate } from '../mask-types.js';

const V4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)/g;
const V6 = /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;

export function detectIpAddresses(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(V4))
    if (isIPv4(m[0])) out.push({ type: 'ip', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(V6))
    if (isIPv6(m[0])) out.push({ type: 'ip', start: m.index, end: m.index + m[0].length });
  return out;
}
