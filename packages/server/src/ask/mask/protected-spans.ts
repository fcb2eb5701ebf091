/**
 * Look-alikes that must survive masking: timestamps and dates, trace and span ids, UUIDs, hashes,
 * order/ticket numbers and product codes, and versions. Digit detectors never claim text inside one
 * of these spans, so "ORD-2026-000123" or "20260318142000" are never read as a phone or card number.
 */

const PROTECTED: readonly RegExp[] = [
  // ISO 8601 and log timestamps, dates with - / .
  /(?<![\d.-])(?:19|20)\d{2}[-/.](?:0[1-9]|1[0-2])[-/.](?:0[1-9]|[12]\d|3[01])(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])/g,
  // Compact timestamps and dates: 20260318142000, 20260318.
  /(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])?(?:[0-5]\d){0,2}(?!\d)/g,
  // Times of day.
  /(?<![\d:])\d{2}:\d{2}:\d{2}(?![\d:])/g,
  // UUIDs.
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  // Trace ids (32 hex), span ids (16 hex), hashes (40/64 hex): only with at least one hex letter,
  // because an all-digit run of that length may well be a card number.
  /(?<![0-9a-z])(?=[0-9a-f]*[a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32}|[0-9a-f]{16})(?![0-9a-z])/gi,
  // Order, invoice and ticket numbers; product and error codes: letters, a hyphen, digits.
  /(?<![\w-])[A-Za-z]{1,6}-\d[\w-]*/g,
  /(?<![\w-])[A-Z]{2,}[A-Z0-9]*\d[A-Z0-9-]*/g,
  // Versions: 1.2.3, v2.10.4-beta.1 (exactly three numeric parts, so IPv4 is not one; no leading
  // zero, so a dotted phone number such as 010.5555.1234 is not one either).
  /(?<![\w.])v?(?:0|[1-9]\d{0,3})\.\d{1,4}\.\d{1,4}(?:-[\w.]+)?(?![\w]|\.\d)/g,
];

import type { Span } from './span-set.js';

export function protectedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of PROTECTED)
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}
