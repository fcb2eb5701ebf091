/**
 * Types of the PII masker: what it finds, the policy levels, and the options schema the REST edge
 * and the CLI validate with. IP addresses are personal data under GDPR and PIPA in some readings, but
 * operators need them to investigate attacks, so they are a separate switch, off by default.
 */
import { z } from 'zod';

export const PII_TYPES = ['rrn', 'mobile', 'phone', 'email', 'card', 'account', 'name', 'ip'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export const MASK_LEVELS = ['partial', 'full', 'off'] as const;
export type MaskLevel = (typeof MASK_LEVELS)[number];

export const maskOptionsSchema = z
  .object({
    /** partial: keep enough to recognise (010-****-5678); full: a placeholder; off: unchanged (privileged roles). */
    level: z.enum(MASK_LEVELS).default('partial'),
    /** Also mask IPv4/IPv6 addresses. Off by default: operator views need client addresses. */
    ip: z.boolean().default(false),
    /** Language of `full` placeholders: [전화번호] or [PHONE]. */
    placeholders: z.enum(['ko', 'en']).default('ko'),
  })
  .strict();
export type MaskOptions = z.input<typeof maskOptionsSchema>;

export interface MaskFinding {
  type: PiiType;
  /** UTF-16 offsets of the personal data in the input text, half-open. */
  start: number;
  end: number;
  /** What replaced it (the original text when level is `off`). */
  masked: string;
}

export interface MaskResult {
  text: string;
  findings: MaskFinding[];
}

/** One detection before overlaps are resolved. */
export interface PiiCandidate {
  type: PiiType;
  start: number;
  end: number;
}

export type Detector = (text: string) => PiiCandidate[];
