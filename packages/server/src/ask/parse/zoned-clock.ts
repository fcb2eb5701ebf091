/**
 * Wall-clock arithmetic in the deployment's time zone, with no library: "어제" and "지난달" are
 * calendar words of the place the operators live in, not of UTC. Intl gives the zone's offset at an
 * instant; everything else is plain calendar arithmetic on wall-clock fields.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import { isTimeZone, zoneOffsetMs } from '../../time/zone-offset.js';

/** A wall-clock time in some zone; months are 1-12; fields may overflow before `normalizeWall`. */
export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
}

/** Throws `invalid_parameter` for a zone name Intl does not know, so bad configuration fails early. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new PromptOpsError('invalid_parameter', `unknown time zone '${timeZone}'`);
}

const offsetAt = (epoch: number, timeZone: string): number => zoneOffsetMs(timeZone, epoch);

export function wallOf(epoch: number, timeZone: string): Wall {
  const shifted = new Date(epoch + offsetAt(epoch, timeZone));
  return {
    y: shifted.getUTCFullYear(),
    mo: shifted.getUTCMonth() + 1,
    d: shifted.getUTCDate(),
    h: shifted.getUTCHours(),
    mi: shifted.getUTCMinutes(),
  };
}

/** Epoch ms of a wall-clock time; in a DST gap the later offset wins, as most calendars do. */
export function epochOf(wall: Wall, timeZone: string): number {
  const asUtc = Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(first, timeZone);
}

/** Carries overflowing fields (day 32, month 13, hour 24) into a valid calendar time. */
export function normalizeWall(wall: Wall): Wall {
  const t = new Date(Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi));
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
  };
}

export function startOfDay(wall: Wall): Wall {
  return { y: wall.y, mo: wall.mo, d: wall.d, h: 0, mi: 0 };
}

/** Monday 00:00 of the wall's week: Korean calendars and ISO both start the week on Monday. */
export function startOfWeek(wall: Wall): Wall {
  const dow = weekday(wall);
  return normalizeWall({ y: wall.y, mo: wall.mo, d: wall.d - ((dow + 6) % 7), h: 0, mi: 0 });
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(wall: Wall): number {
  return new Date(Date.UTC(wall.y, wall.mo - 1, wall.d)).getUTCDay();
}

export type CalendarUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Adds calendar units; a month step clamps the day (31 Mar − 1 month = 28/29 Feb), as people expect. */
export function addWall(wall: Wall, n: number, unit: CalendarUnit): Wall {
  switch (unit) {
    case 'minute':
      return normalizeWall({ ...wall, mi: wall.mi + n });
    case 'hour':
      return normalizeWall({ ...wall, h: wall.h + n });
    case 'day':
      return normalizeWall({ ...wall, d: wall.d + n });
    case 'week':
      return normalizeWall({ ...wall, d: wall.d + 7 * n });
    case 'month':
    case 'year': {
      const months = unit === 'year' ? 12 * n : n;
      const first = normalizeWall({ ...wall, d: 1, mo: wall.mo + months });
      const lastDay = new Date(Date.UTC(first.y, first.mo, 0)).getUTCDate();
      return { ...first, d: Math.min(wall.d, lastDay) };
    }
  }
}

/** Whole calendar days from a to b (both taken at their day start). */
export function dayDiff(a: Wall, b: Wall): number {
  return Math.round((Date.UTC(b.y, b.mo - 1, b.d) - Date.UTC(a.y, a.mo - 1, a.d)) / 86_400_000);
}
