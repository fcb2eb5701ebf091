/**
 * Masks personal data in text wherever it leaves the system (answers, reports, MCP results, logs
 * shown to users). Every detector proposes candidates; look-alike spans (timestamps, ids, versions)
 * veto digit-based ones; overlaps are settled by a fixed priority (an e-mail beats the phone-like
 * digits inside it, a resident number beats a card-shaped run) and then by length.
 */
import { detectBankAccounts } from './detectors/bank-account.js';
import { detectCardNumbers } from './detectors/card-number.js';
import { detectEmailAddresses } from './detectors/email-address.js';
import { detectIpAddresses } from './detectors/ip-address.js';
import { detectKoreanNames } from './detectors/korean-name.js';
import { detectPhoneNumbers } from './detectors/phone-number.js';
import { detectResidentNumbers } from './detectors/resident-number.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { maskOptionsSchema, type MaskOptions, type MaskResult, type PiiCandidate, type PiiType } from './mask-types.js';
import { PLACEHOLDERS, partialMask } from './partial-mask.js';
import { protectedSpans } from './protected-spans.js';
import { SpanSet } from './span-set.js';

const PRIORITY: Record<PiiType, number> = {
  email: 0,
  account: 1,
  rrn: 2,
  card: 3,
  mobile: 4,
  phone: 5,
  ip: 6,
  name: 7,
};
/** Types whose text is a whole token of its own and can never sit inside a look-alike. */
const UNPROTECTED: ReadonlySet<PiiType> = new Set(['email', 'name']);

/** The personal data in `text`, overlaps resolved, in text order. */
export function findPii(text: string, withIp = false): PiiCandidate[] {
  const shields = new SpanSet();
  for (const s of protectedSpans(text)) shields.add(s);
  const candidates = [
    ...detectEmailAddresses(text),
    ...detectBankAccounts(text),
    ...detectResidentNumbers(text),
    ...detectCardNumbers(text),
    ...detectPhoneNumbers(text),
    ...(withIp ? detectIpAddresses(text) : []),
    ...detectKoreanNames(text),
  ]
    .filter((c) => UNPROTECTED.has(c.type) || !shields.overlaps(c))
    .sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.end - b.start - (a.end - a.start));
  const taken = new SpanSet();
  const kept: PiiCandidate[] = [];
  for (const c of candidates) {
    if (taken.overlaps(c)) continue;
    taken.add(c);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function maskText(text: string, options: MaskOptions = {}): MaskResult {
  const parsed = maskOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
    throw new PromptOpsError('invalid_parameter', `invalid mask options: ${problems}`);
  }
  const opts = parsed.data;
  const found = findPii(text, opts.ip);
  let out = '';
  let pos = 0;
  const findings = found.map((c) => {
    const value = text.slice(c.start, c.end);
    const masked =
      opts.level === 'off'
        ? value
        : opts.level === 'full'
          ? PLACEHOLDERS[opts.placeholders][c.type]
          : partialMask(c.type, value);
    out += text.slice(pos, c.start) + masked;
    pos = c.end;
    return { type: c.type, start: c.start, end: c.end, masked };
  });
  return { text: out + text.slice(pos), findings };
}
