/**
 * How numbers and times read in answers: thousands separators, the ± band of an estimate, local times
 * in the deployment's zone, and the one-line parameter echo, in Korean or English.
 */
import type { Lang } from '../parse/index.js';

export function pick(lang: Lang, ko: string, en: string): string {
  return lang === 'ko' ? ko : en;
}

export function num(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function pct(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)} %`;
}

/** "362 (±3)" or, with a unit, "362명 (±3)": an estimate with the half-width of its band. */
export function est(e: { value: number; low?: number; high?: number }, unit = ''): string {
  const half = Math.max(e.value - (e.low ?? e.value), (e.high ?? e.value) - e.value);
  return half > 0 ? `${num(e.value)}${unit} (±${num(half)})` : `${num(e.value)}${unit}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-25 11:00" in the zone. */
export function localTime(t: number | string, timeZone: string, seconds = false): string {
  const key = `${timeZone}|${seconds}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
    });
    formatters.set(key, f);
  }
  const parts = f.formatToParts(new Date(t));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}${seconds ? `:${get('second')}` : ''}`;
}

export function localRange(r: { from: string; to: string }, timeZone: string): string {
  return `${localTime(r.from, timeZone)} ~ ${localTime(r.to, timeZone)}`;
}

/** The parameter echo line: what was answered, in local time, with the mode and window. */
export function echoLine(
  lang: Lang,
  parts: {
    what?: string;
    range?: { from: string; to: string; echo?: string };
    at?: string;
    mode?: string;
    windowSeconds?: number;
    extra?: string[];
  },
  timeZone: string,
): string {
  const items: string[] = [];
  if (parts.range) items.push(`${parts.range.echo ? `${parts.range.echo}: ` : ''}${localRange(parts.range, timeZone)}`);
  if (parts.at) items.push(`${pick(lang, '시각', 'at')} ${localTime(parts.at, timeZone, true)}`);
  items.push(`(${timeZone})`);
  if (parts.mode) items.push(`${pick(lang, '식별 모드', 'mode')} ${parts.mode}`);
  if (parts.windowSeconds)
    items.push(
      `${pick(lang, '활성 창', 'active window')} ${num(parts.windowSeconds / 60, 1)}${pick(lang, '분', ' min')}`,
    );
  items.push(...(parts.extra ?? []));
  return `[${parts.what ? `${parts.what} · ` : ''}${items.join(' · ')}]`;
}
