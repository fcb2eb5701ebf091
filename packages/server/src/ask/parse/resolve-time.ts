/**
 * Joins the pieces of a time expression into the mentions the intent resolver uses: an hour attaches
 * to the nearest day ("어제 오후 3시", "3pm yesterday"; no day means today), two mentions joined by
 * 부터/~/to become one range ("3월 1일부터 3월 7일까지"), and "since Monday" / "월요일부터" runs to now.
 */
import { dayMentions, clockOf, type TimeMention } from './time-mentions.js';
import { timeOfDayMentions } from './time-of-day.js';
import { epochOf, wallOf } from './zoned-clock.js';

/** How far (in characters) an hour may sit from the day it belongs to. */
const ATTACH_DISTANCE = 14;

function gap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.end <= b.start ? b.start - a.end : a.start >= b.end ? a.start - b.end : 0;
}

export function findTimeMentions(text: string, now: number, timeZone: string): TimeMention[] {
  const clock = clockOf(now, timeZone);
  const days = dayMentions(text, clock);
  const hours = timeOfDayMentions(text).filter((h) => !days.some((d) => h.start < d.end && d.start < h.end));
  const used = new Set<TimeMention>();
  const merged: TimeMention[] = [];
  for (const h of hours) {
    const near = days
      .filter((d) => (d.granularity === 'day' || d.granularity === 'now') && gap(d, h) <= ATTACH_DISTANCE)
      .sort((a, b) => gap(a, h) - gap(b, h))[0];
    const dayStart = near && near.granularity === 'day' ? near.from : epochOf({ ...clock.wall, h: 0, mi: 0 }, timeZone);
    const w = wallOf(dayStart, timeZone);
    const from = epochOf({ ...w, h: 0, mi: h.fromMin }, timeZone);
    const to = Math.min(epochOf({ ...w, h: 0, mi: h.toMin }, timeZone), now);
    const start = Math.min(h.start, near?.start ?? h.start);
    const end = Math.max(h.end, near?.end ?? h.end);
    if (near) used.add(near);
    const granularity = h.toMin - h.fromMin <= 60 ? 'hour' : 'part';
    merged.push({ start, end, from, to: Math.max(to, from), granularity, echo: text.slice(start, end) });
  }
  const all = [...days.filter((d) => !used.has(d)), ...merged].sort((a, b) => a.start - b.start);
  return joinRanges(text, all, now);
}

function joinRanges(text: string, mentions: TimeMention[], now: number): TimeMention[] {
  const out: TimeMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    const between = b ? text.slice(a.end, b.start) : '';
    if (
      b &&
      a.granularity !== 'now' &&
      /^\s*(부터|에서|~|-|to|until|till|through)\s*$/.test(between) &&
      b.to > a.from
    ) {
      const tail = /^\s*(까지|사이)/.exec(text.slice(b.end));
      const end = b.end + (tail ? tail[0].length : 0);
      out.push({ start: a.start, end, from: a.from, to: b.to, granularity: 'rolling', echo: text.slice(a.start, end) });
      i++;
      continue;
    }
    const openAfter = /^\s*(부터|이후|以後)/.exec(text.slice(a.end));
    const openBefore = /(since)\s+$/.exec(text.slice(0, a.start));
    if ((openAfter || openBefore) && a.granularity !== 'now' && a.granularity !== 'rolling') {
      const start = openBefore ? openBefore.index : a.start;
      const end = a.end + (openAfter ? openAfter[0].length : 0);
      out.push({ start, end, from: a.from, to: now, granularity: 'rolling', echo: text.slice(start, end) });
      continue;
    }
    out.push(a);
  }
  return out;
}
