/**
 * Instants in query parameters: ISO 8601 (the contract), epoch milliseconds, `now`, and relative
 * offsets from now such as `-24h`, `-30m`, `-7d`, `-90s` (what operators type at a terminal).
 */
import { z } from 'zod';

const RELATIVE = /^-(\d+(?:\.\d+)?)(s|m|h|d|w)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
// ISO 8601 with at least a full date; Date.parse alone also accepts forms like "1" or "March 7".
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch ms of `text` relative to `now`, or undefined when it is not a recognised instant. */
export function parseInstant(text: string, now: number): number | undefined {
  const s = text.trim();
  if (s === 'now') return now;
  if (/^\d{1,15}$/.test(s)) return Number(s);
  const rel = RELATIVE.exec(s);
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS];
  if (!ISO.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A zod schema for an instant parameter, resolved against `now()` at parse time. */
export function instantParam(now: () => number) {
  return z.string().transform((s, ctx) => {
    const ms = parseInstant(s, now());
    if (ms === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `'${s}' is not a time: use ISO 8601 (2026-11-25T10:00:00Z), epoch milliseconds, now, or -24h/-30m/-7d`,
      });
      return z.NEVER;
    }
    return ms;
  });
}
