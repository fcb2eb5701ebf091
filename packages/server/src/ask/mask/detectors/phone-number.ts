/**
 * Korean telephone numbers. Mobile: 010/011/016/017/018/019, with hyphens, dots, spaces or none, and
 * the +82 forms (+82 10-…, +82-10-…, +821012345678). Landline: area codes 02, 031-033, 041-044,
 * 051-055, 061-064 and 070/050x, only with separators — a bare 9-10 digit run is too often something
 * else. Business numbers (1588-xxxx and the like) belong to companies and are left alone.
 */
import type { PiiCandidate } from '../mask-types.js';

const MOBILE = /(?<![\w.+-])(?:\+82[-. ]?(?:\(0\))?|82-)?(?:0)?1[016789][-. ]?\d{3,4}[-. ]?\d{4}(?![\w]|[-.]\d)/g;
const LANDLINE =
  /(?<![\w.+-])(?:\+82[-. ]?(?:\(0\))?|0)(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50\d?)(?:[-. ]|\) ?)\d{3,4}[-. ]\d{4}(?![\w]|[-.]\d)/g;

export function detectPhoneNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(MOBILE)) {
    const digits = m[0].replace(/\D/g, '');
    // Without +82 the number must start 01x: "1012345678" alone is not a phone number.
    if (!m[0].startsWith('+') && !m[0].startsWith('82-') && !digits.startsWith('01')) continue;
    out.push({ type: 'mobile', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(LANDLINE)) out.push({ type: 'phone', start: m.index, end: m.index + m[0].length });
  return out;
}
